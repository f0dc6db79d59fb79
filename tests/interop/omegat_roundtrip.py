#!/usr/bin/env python3
"""interop_omegat_roundtrip: XLIFF 1.2 --copy-source through OmegaT (Debian's omegat 3.6) and back.

For the guide and the stress document, with OmegaT's sentence segmentation off and on:

1. `l10n extract --xliff-version 1.2 --copy-source` into a fresh OmegaT project's source/;
2. OmegaT `--mode=console-createpseudotranslatetmx` lists the project's segments in a TMX. Debian's
   3.6 only offers --pseudotranslatetype=equal|empty (its --help names the mode
   "console-pseudotranslatetmx", which 3.6 does not accept: it falls back to the GUI), and an
   "equal" translation is invisible, so the test writes its own TMX from that list: every segment
   bracketed and its letters accented. OmegaT writes inline codes in TMX as its own tag shortcuts
   (<g0>…</g0>, <x1/>, <m2>…</m2> for protected text) inside <seg> text, and only matches a TMX
   entry whose shortcuts are the same, so the shortcuts are kept; protected text is kept as is;
3. the TMX goes into tm/auto/ and `--mode=console-translate` writes target/;
4. `l10n validate` accepts OmegaT's file, and `l10n merge` of it gives a page where every text
   block and translatable attribute carries the pseudo-translation and every inline element of the
   source is there with the same tag and attributes.

OmegaT runs headless (java.awt.headless=true, no DISPLAY) with private config and home folders.
"""

import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import interop_lib as il  # noqa: E402

lib = il.lib
args = lib.parse_args(__doc__)
c = lib.Checker("interop_omegat_roundtrip")

OMEGAT = shutil.which("omegat")
if not OMEGAT:
    print("FAIL omegat not found: install Debian's omegat package (apt-get install omegat)")
    sys.exit(1)

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>source</source_dir>
        <target_dir>target</target_dir>
        <tm_dir>tm</tm_dir>
        <glossary_dir>glossary</glossary_dir>
        <glossary_file>glossary/glossary.txt</glossary_file>
        <dictionary_dir>dictionary</dictionary_dir>
        <source_lang>en</source_lang>
        <target_lang>es</target_lang>
        <sentence_seg>{seg}</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"""

# OmegaT's tag shortcuts in TMX text: <g0>, </g0>, <x1/>, and <m2>protected</m2> kept whole.
SHORTCUT = re.compile(r"<(m\d+)>.*?</\1>|</?[a-z]+\d+/?>", re.S)


def pseudo_segment(text):
    out, pos = [], 0
    for m in SHORTCUT.finditer(text):
        out.append(il.accent(text[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(il.accent(text[pos:]))
    return "[" + "".join(out) + "]"


def omegat(project, home, *mode_args):
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env["HOME"] = home
    env["JAVA_TOOL_OPTIONS"] = (env.get("JAVA_TOOL_OPTIONS", "") + " -Djava.awt.headless=true").strip()
    cmd = [OMEGAT, project, *mode_args, "--config-dir=" + os.path.join(home, "config"),
           "--no-team", "--disable-project-locking"]
    return lib.run(cmd, env=env, timeout=240), cmd


def omegat_show(p, cmd):
    # OmegaT logs every plugin it loads: leave those lines out.
    out = "\n".join(line for line in (lib.text(p.stdout) + lib.text(p.stderr)).splitlines()
                    if "PLUGIN_LOAD" not in line)
    return (f"$ JAVA_TOOL_OPTIONS=-Djava.awt.headless=true {il.cmdline(cmd)}\n"
            f"exit {p.returncode}\n{out[-4000:]}")


def tmx_pairs(path):
    root = ET.parse(path).getroot()
    pairs = []
    for tu in root.iter("tu"):
        segs = {}
        for tuv in tu.findall("tuv"):
            lang = tuv.get("lang") or tuv.get("{http://www.w3.org/XML/1998/namespace}lang")
            seg = tuv.find("seg")
            segs[lang] = "".join(seg.itertext()) if seg is not None else ""
        pairs.append(segs)
    return root, pairs


def write_tmx(path, header_src, pairs, src_lang, tgt_lang):
    tmx = ET.Element("tmx", version="1.4")
    header = ET.SubElement(tmx, "header", {
        "creationtool": "l10n-interop-test", "creationtoolversion": "1", "segtype":
        header_src.get("segtype", "sentence"), "o-tmf": "OmegaT TMX", "adminlang": "EN-US",
        "srclang": src_lang, "datatype": "plaintext"})
    header.text = "\n"
    body = ET.SubElement(tmx, "body")
    for src, tgt in pairs:
        tu = ET.SubElement(body, "tu")
        for lang, text in ((src_lang, src), (tgt_lang, tgt)):
            tuv = ET.SubElement(tu, "tuv", {"xml:lang": lang})
            ET.SubElement(tuv, "seg").text = text
    ET.ElementTree(tmx).write(path, encoding="UTF-8", xml_declaration=True)


# (name, extra extract options, OmegaT sentence_seg): our sentence segments with OmegaT's
# segmentation off and on, and one segment per unit (--no-segment) left for OmegaT to split.
CONFIGS = [
    ("seg-false", [], "false"),
    ("seg-true", [], "true"),
    ("no-segment-seg-true", ["--no-segment"], "true"),
]

for doc, source in il.documents(args.root).items():
    for config, extra, seg in CONFIGS:
        label = f"{doc} ({config})"
        work = os.path.join(args.scratch, f"{doc}-{config}")
        proj = os.path.join(work, "project")
        home = os.path.join(work, "home")
        for d in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
            os.makedirs(os.path.join(proj, d))
        os.makedirs(os.path.join(home, "config"))
        with open(os.path.join(proj, "omegat.project"), "w", encoding="utf-8") as f:
            f.write(PROJECT.format(seg=seg))
        xlf_name = f"{doc}.xlf"
        xlf = os.path.join(proj, "source", xlf_name)
        if not il.extract(args, c, source, xlf, "--xliff-version", "1.2", "--copy-source", *extra):
            continue

        # 2. OmegaT's own segment list.
        listed = os.path.join(work, "omegat-segments.tmx")
        p, cmd = omegat(proj, home, "--mode=console-createpseudotranslatetmx",
                        "--pseudotranslatetmx=" + listed, "--pseudotranslatetype=equal")
        if not c.check(p.returncode == 0 and os.path.isfile(listed),
                       f"{label}: OmegaT console-createpseudotranslatetmx writes the TMX",
                       omegat_show(p, cmd)):
            continue
        header_root, pairs = tmx_pairs(listed)
        src_lang = header_root.find("header").get("srclang", "en")
        langs = {k for pr in pairs for k in pr}
        tgt_lang = next((k for k in langs if k and k.lower() != src_lang.lower()), "es")
        c.check(len(pairs) > 0, f"{label}: OmegaT lists {len(pairs)} segments")
        equal = all(pr.get(src_lang) == pr.get(tgt_lang) for pr in pairs)
        print(f"     OmegaT's pseudo-translation type 'equal' is "
              f"{'identical to the source: writing our own' if equal else 'visible'}")
        own = [(pr[src_lang], pseudo_segment(pr[src_lang])) for pr in pairs]
        write_tmx(os.path.join(proj, "tm", "auto", "pseudo.tmx"), header_root.find("header"), own,
                  src_lang, tgt_lang)

        # 3. Translate.
        p, cmd = omegat(proj, home, "--mode=console-translate")
        out_xlf = os.path.join(proj, "target", xlf_name)
        if not c.check(p.returncode == 0 and os.path.isfile(out_xlf),
                       f"{label}: OmegaT console-translate writes target/{xlf_name}",
                       omegat_show(p, cmd)):
            continue
        keep = os.path.join(args.scratch, f"omegat-{doc}-{config}.xlf")
        shutil.copyfile(out_xlf, keep)
        print(f"     OmegaT's file: {keep}")
        with open(xlf, "rb") as f1, open(out_xlf, "rb") as f2:
            c.check(f1.read() != f2.read(), f"{label}: OmegaT changed the file (translations)")

        # 4. Back into the pipeline.
        p, cmd = il.validate(args, out_xlf)
        c.check(p.returncode == 0, f"{label}: l10n validate accepts OmegaT's file",
                il.show(p, cmd))
        page = os.path.join(work, f"{doc}.html")
        p, cmd = il.merge(args, source, out_xlf, page)
        if not c.check(p.returncode == 0 and os.path.isfile(page),
                       f"{label}: l10n merge of OmegaT's file: exit 0", il.show(p, cmd)):
            continue
        il.compare_page(c, label, source, page, il.bracketed)

c.finish()
