#!/usr/bin/env python3
"""interop_tool_variants: what translation tools do to an XLIFF file on the way back must not
change the published page.

For the guide and the stress document: `l10n extract --xliff-version 1.2 --copy-source`, then every
target filled by text substitution (letters upper-cased outside tags, entities and protected text;
state="translated") gives the base file, whose merged page must be fully translated. Each variant
below is made from the base the way a tool would write it, and `l10n merge` of the variant must
write the SAME page bytes as the base (and `l10n validate` must accept the variant):

  encodings      UTF-16 LE with BOM, UTF-16 BE with BOM, UTF-8 with BOM, CRLF line ends
  layout         re-indented by `xmllint --format`; attributes in single quotes; character
                 references for non-ASCII text; <x .../> written as <x ...></x>
  segments       <mrk mtype="seg"> around whole targets that have none: mid="s1" (our id);
                 Trados style: <seg-source> added too, with mids numbered 1, 2, ...; mid="1" on the
                 target only (no <seg-source>)
  white space    xml:space="preserve" removed; changed to "default"; removed and then re-indented
                 by `xmllint --format`
  tool data      extra namespaces and attributes (sdl:, mq:) and foreign elements; units wrapped
                 in a <group>; a namespace prefix on the XLIFF elements
  removals       notes dropped; units reordered (reversed)
  states         needs-review-translation, needs-review-l10n, final, signed-off, no state at all,
                 approved="yes" (with state translated, and with no state)

The same for XLIFF 2.0 (extracted, every segment given an upper-cased target), and for the Spanish
translation the project ships (locales/es/microneedling-guide.xlf): UTF-16 LE/BE with BOM, UTF-8
with BOM, CRLF, `xmllint --format`, single quotes, character references, tool namespaces and
attributes (okp:, mq:), <mtc:matches> with another translation, <target xml:lang>, <pc> written
as <sc>/<ec> in the target, notes dropped, units reversed, states reviewed / final, a subState.
Each variant must also be valid against the OASIS schema, and `l10n check` must report the same
findings for it as for the base file. Last, the pairs in samples/ (see its README.md).

A failing variant's file is kept in the scratch directory, named after the variant.
"""

import collections
import json
import os
import re
import shutil
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import interop_lib as il  # noqa: E402

lib = il.lib
args = lib.parse_args(__doc__)
c = lib.Checker("interop_tool_variants")
XMLLINT = shutil.which("xmllint")
XSD12 = os.path.join(args.shared, "schemas", "xliff-1.2", "xliff-core-1.2-strict.xsd")
XSD12T = os.path.join(args.shared, "schemas", "xliff-1.2", "xliff-core-1.2-transitional.xsd")
CATALOG12 = os.path.join(args.shared, "schemas", "xliff-1.2", "catalog.xml")
if not XMLLINT:
    print("FAIL xmllint not found: install libxml2-utils (apt-get install libxml2-utils)")
    sys.exit(1)

TOKEN = re.compile(r"<[^>]*>|&[^;]+;|[^<&]+", re.S)
TARGET = re.compile(r"(<target\b[^>]*>)(.*?)(</target>)", re.S)
UNIT = re.compile(r"[ \t]*<trans-unit\b.*?</trans-unit>\n?", re.S)


def upper_markup(inner):
    """Upper-cases the text of an XLIFF inline fragment: not tags, not entity references, not
    the text inside <mrk mtype="protected">."""
    out, mrks = [], []
    for m in TOKEN.finditer(inner):
        tok = m.group(0)
        if tok.startswith("<"):
            if re.match(r"<mrk\b", tok) and not tok.endswith("/>"):
                mrks.append('mtype="protected"' in tok or 'translate="no"' in tok)
            elif tok.startswith("</mrk"):
                mrks.pop()
            out.append(tok)
        elif tok.startswith("&") or any(mrks):
            out.append(tok)
        else:
            out.append(tok.upper())
    return "".join(out)


def make_base(text):
    def fill(m):
        start = m.group(1).replace('state="needs-translation"', 'state="translated"')
        return start + upper_markup(m.group(2)) + m.group(3)
    return TARGET.sub(fill, text)


def set_state(text, state):
    if state is None:
        return text.replace(' state="translated"', "")
    return text.replace('state="translated"', f'state="{state}"')


def approved(text, keep_state):
    text = text.replace("<trans-unit ", '<trans-unit approved="yes" ')
    return text if keep_state else set_state(text, None)


def units_of(text):
    return UNIT.findall(text)


def reorder(text):
    units = units_of(text)
    first = text.index(units[0])
    last = text.rindex(units[-1]) + len(units[-1])
    return text[:first] + "".join(reversed(units)) + text[last:]


def group_units(text):
    units = units_of(text)
    first = text.index(units[0])
    last = text.rindex(units[-1]) + len(units[-1])
    return (text[:first] + '      <group id="tool-group-1" resname="all">\n' + "".join(units) +
            "      </group>\n" + text[last:])


def drop_notes(text):
    return re.sub(r"\s*<note\b[^>]*>.*?</note>", "", text, flags=re.S)


def wrap_targets(text, style):
    """<mrk mtype="seg"> around the whole content of targets that have none."""
    def unit(m):
        u = m.group(0)
        if "<seg-source" in u:
            return u
        if style == "trados":
            src = re.search(r"<source\b[^>]*>(.*?)</source>", u, re.S)
            u = u.replace(src.group(0), src.group(0) + '\n        <seg-source><mrk mtype="seg" '
                          'mid="1">' + src.group(1) + "</mrk></seg-source>", 1)
        mid = "s1" if style == "ours" else "1"
        return TARGET.sub(lambda t: t.group(1) + f'<mrk mtype="seg" mid="{mid}">' + t.group(2) +
                          "</mrk>" + t.group(3), u)
    text = UNIT.sub(unit, text)
    if style == "trados":
        # Trados numbers the segments of every unit 1, 2, ... in seg-source and target alike.
        def renumber(m):
            return re.sub(r'mid="s(\d+)"', r'mid="\1"', m.group(0))
        text = UNIT.sub(renumber, text)
    return text


def tool_namespaces(text):
    text = text.replace(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">',
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" '
        'xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" xmlns:mq="MQXliff">', 1)
    text = text.replace("<trans-unit ", '<trans-unit mq:status="ManuallyConfirmed" '
                        'mq:translatorcommitmatchrate="100" sdl:locked="false" ')
    text = re.sub(r"<target\b", '<target mq:lastchangedtimestamp="2026-11-24T10:00:00Z"', text)
    text = text.replace("</trans-unit>", '  <sdl:seg-defs><sdl:seg id="1" conf="Translated" '
                        'origin="interactive"/></sdl:seg-defs>\n        <mq:comments/>\n'
                        "      </trans-unit>")
    text = text.replace("</header>", '  <sdl:ref-files/>\n      <mq:insertedmatch/>\n    </header>')
    return text


def prefixed(text):
    """Every XLIFF element written with the prefix xlf: (the namespace declared as xmlns:xlf)."""
    text = text.replace('xmlns="urn:oasis:names:tc:xliff:document:1.2"',
                        'xmlns:xlf="urn:oasis:names:tc:xliff:document:1.2"', 1)
    return re.sub(r"<(/?)([a-z][\w-]*)(?=[\s/>])", r"<\1xlf:\2", text)


def single_quotes(text):
    return re.sub(r'(\s[\w:.-]+)="([^"\']*)"', r"\1='\2'", text)


def char_refs(text):
    head, rest = text.split("\n", 1)
    return head + "\n" + "".join(ch if ord(ch) < 128 else f"&#{ord(ch)};" for ch in rest)


def open_close_x(text):
    return re.sub(r"<(x|ph)\b([^>]*?)\s*/>", r"<\1\2></\1>", text)


def add_alt_trans(text):
    """A TM match offered by the tool, with a different translation, after the notes."""
    def unit(m):
        u = m.group(0)
        src = re.search(r"<source\b[^>]*>(.*?)</source>", u, re.S).group(1)
        alt = ('  <alt-trans match-quality="75" origin="tm">'
               f'<source>{src}</source><target xml:lang="es">TM MATCH, NOT PUBLISHED</target>'
               "</alt-trans>\n      ")
        return u.replace("</trans-unit>", alt + "</trans-unit>")
    return UNIT.sub(unit, text)


def in_targets(text, change, skip_protected=False):
    """change() applied to the content of every target (of units without protected text when
    skip_protected: the 1.2 schema's mid keyref takes a protected <mrk> that is a direct child of
    <target> for a segment marker)."""
    def unit(m):
        u = m.group(0)
        if skip_protected and 'mtype="protected"' in u:
            return u
        return TARGET.sub(lambda t: t.group(1) + change(t.group(2)) + t.group(3), u)
    return UNIT.sub(unit, text)


def g_as_bx_ex(inner):
    """<g id="N" ...>…</g> written as <bx id="N" rid="N" .../>…<ex id="N.e" rid="N"/>."""
    stack = []

    def tag(m):
        if m.group(1):  # </g>
            rid = stack.pop()
            return f'<ex id="{rid}e" rid="{rid}"/>'
        attrs = m.group(2)
        rid = re.search(r'\bid="([^"]*)"', attrs).group(1)
        stack.append(rid)
        return f'<bx{attrs} rid="{rid}"/>'
    return re.sub(r"<(/)g>|<g\b([^>]*)>", tag, inner)


def x_as_ph(inner):
    """<x id="N" ctype="lb"/> written as <ph id="N" ctype="lb">&lt;br/&gt;</ph>."""
    return re.sub(r"<x\b([^>]*?)\s*/>", r"<ph\1>&lt;code/&gt;</ph>", inner)


def xmllint_format(data, label):
    p = lib.run([XMLLINT, "--format", "-"], input_bytes=data)
    if p.returncode != 0:
        raise RuntimeError(f"xmllint --format failed for {label}: {lib.text(p.stderr)}")
    return p.stdout


def utf16(text, bo):
    text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
    return (b"\xff\xfe" + text.encode("utf-16-le")) if bo == "le" else (
        b"\xfe\xff" + text.encode("utf-16-be"))


def u8(text):
    return text.encode("utf-8")


def no_space(text):
    return text.replace(' xml:space="preserve"', "")


# --- XLIFF 2.0 ------------------------------------------------------------------------------

SEGMENT20 = re.compile(r"(<segment\b[^>]*?)>(\s*)<source>(.*?)</source>", re.S)
UNIT20 = re.compile(r"[ \t]*<unit\b.*?</unit>\n?", re.S)


def make_base20(text):
    """Every <segment> of an extracted 2.0 file gets state="translated" and a <target>: its
    source upper-cased."""
    def fill(m):
        indent = m.group(2)
        return (m.group(1) + ' state="translated">' + indent + "<source>" + m.group(3) +
                "</source>" + indent + "<target>" + upper_markup(m.group(3)) + "</target>")
    text = SEGMENT20.sub(fill, text)
    if "trgLang=" not in text:
        text = text.replace('srcLang="en"', 'srcLang="en" trgLang="es"', 1)
    return text


def reorder20(text):
    units = UNIT20.findall(text)
    first = text.index(units[0])
    last = text.rindex(units[-1]) + len(units[-1])
    return text[:first] + "".join(reversed(units)) + text[last:]


def drop_notes20(text):
    return re.sub(r"\s*<notes>.*?</notes>", "", text, flags=re.S)


def set_state20(text, state, sub_state=None):
    new = f'state="{state}"' + (f' subState="{sub_state}"' if sub_state else "")
    return text.replace('state="translated"', new)


def tool_namespaces20(text):
    text = re.sub(r"<xliff\b", '<xliff xmlns:okp="okapi-framework:xliff-extensions" '
                  'xmlns:mq="MQXliff"', text, count=1)
    text = re.sub(r"<unit\b", '<unit okp:engine="l10n-test" mq:status="ManuallyConfirmed"', text)
    text = re.sub(r"<file\b([^>]*)>", r'<file\1>\n    <okp:tool-info name="test"/>', text, count=1)
    return text


def add_matches20(text):
    """A TM match offered by the tool (mtc:matches) with another translation."""
    def unit(m):
        u = m.group(0)
        seg = SEGMENT20.search(u)
        if not seg:
            return u
        sid = re.search(r'id="([^"]*)"', seg.group(1)).group(1)
        matches = ('\n      <mtc:matches>\n        <mtc:match id="tool1" ref="#' + sid +
                   '" similarity="75.0" type="tm" origin="tool">\n          <source>' +
                   seg.group(3) + "</source>\n          <target>TM MATCH, NOT PUBLISHED</target>"
                   "\n        </mtc:match>\n      </mtc:matches>")
        return re.sub(r"(<unit\b[^>]*>)", lambda o: o.group(1) + matches, u, count=1)
    if "xmlns:mtc=" not in text:
        text = re.sub(r"<xliff\b", '<xliff xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"',
                      text, count=1)
    return UNIT20.sub(unit, text)


def target_lang20(text):
    return text.replace("<target>", '<target xml:lang="es">')


def pc_as_sc_ec(inner):
    """<pc id="N" dataRefStart="A" dataRefEnd="B" ...>…</pc> written as
    <sc id="N" dataRef="A" .../>…<ec startRef="N" dataRef="B"/> (a tool that split a span)."""
    stack = []

    def tag(m):
        if m.group(1):
            sid, end = stack.pop()
            return f'<ec startRef="{sid}"' + (f' dataRef="{end}"' if end else "") + "/>"
        attrs = m.group(2)
        sid = re.search(r'\bid="([^"]*)"', attrs).group(1)
        end = re.search(r'\bdataRefEnd="([^"]*)"', attrs)
        stack.append((sid, end.group(1) if end else None))
        attrs = re.sub(r'\s*dataRefEnd="[^"]*"', "", attrs).replace("dataRefStart=", "dataRef=")
        return f"<sc{attrs}/>"
    return re.sub(r"<(/)pc>|<pc\b([^>]*)>", tag, inner)


def in_targets20(text, change):
    return TARGET.sub(lambda t: t.group(1) + change(t.group(2)) + t.group(3), text)


VARIANTS20 = [
    ("utf16-le-bom", lambda t: utf16(t, "le")),
    ("utf16-be-bom", lambda t: utf16(t, "be")),
    ("utf8-bom", lambda t: b"\xef\xbb\xbf" + u8(t)),
    ("crlf", lambda t: u8(t.replace("\n", "\r\n"))),
    ("xmllint-format", lambda t: xmllint_format(u8(t), "xmllint-format")),
    ("single-quotes", lambda t: u8(single_quotes(t))),
    ("char-refs", lambda t: u8(char_refs(t))),
    ("tool-namespaces", lambda t: u8(tool_namespaces20(t))),
    ("matches-added", lambda t: u8(add_matches20(t))),
    ("target-xml-lang", lambda t: u8(target_lang20(t))),
    ("pc-as-sc-ec", lambda t: u8(in_targets20(t, pc_as_sc_ec))),
    ("notes-dropped", lambda t: u8(drop_notes20(t))),
    ("units-reversed", lambda t: u8(reorder20(t))),
    ("state-reviewed", lambda t: u8(set_state20(t, "reviewed"))),
    ("state-final", lambda t: u8(set_state20(t, "final"))),
    ("substate", lambda t: u8(set_state20(t, "translated", "mq:confirmed"))),
]


VARIANTS12 = [
    ("utf16-le-bom", lambda t: utf16(t, "le")),
    ("utf16-be-bom", lambda t: utf16(t, "be")),
    ("utf8-bom", lambda t: b"\xef\xbb\xbf" + u8(t)),
    ("crlf", lambda t: u8(t.replace("\n", "\r\n"))),
    ("xmllint-format", lambda t: xmllint_format(u8(t), "xmllint-format")),
    ("single-quotes", lambda t: u8(single_quotes(t))),
    ("char-refs", lambda t: u8(char_refs(t))),
    ("x-open-close", lambda t: u8(open_close_x(t))),
    ("mrk-seg-ours", lambda t: u8(wrap_targets(t, "ours"))),
    ("mrk-seg-trados", lambda t: u8(wrap_targets(t, "trados"))),
    ("mrk-seg-target-only", lambda t: u8(wrap_targets(t, "target-only"))),
    ("space-removed", lambda t: u8(no_space(t))),
    ("space-default", lambda t: u8(t.replace('xml:space="preserve"', 'xml:space="default"'))),
    ("space-removed-xmllint-format",
     lambda t: xmllint_format(u8(no_space(t)), "space-removed-xmllint-format")),
    ("space-default-xmllint-format",
     lambda t: xmllint_format(u8(t.replace('xml:space="preserve"', 'xml:space="default"')),
                              "space-default-xmllint-format")),
    ("tool-namespaces", lambda t: u8(tool_namespaces(t))),
    ("alt-trans-added", lambda t: u8(add_alt_trans(t))),
    ("g-as-bx-ex", lambda t: u8(in_targets(t, g_as_bx_ex, skip_protected=True))),
    ("x-as-ph", lambda t: u8(in_targets(t, x_as_ph))),
    ("group", lambda t: u8(group_units(t))),
    ("prefixed", lambda t: u8(prefixed(t))),
    ("notes-dropped", lambda t: u8(drop_notes(t))),
    ("units-reversed", lambda t: u8(reorder(t))),
    ("state-needs-review-translation", lambda t: u8(set_state(t, "needs-review-translation"))),
    ("state-needs-review-l10n", lambda t: u8(set_state(t, "needs-review-l10n"))),
    ("state-final", lambda t: u8(set_state(t, "final"))),
    ("state-signed-off", lambda t: u8(set_state(t, "signed-off"))),
    ("state-missing", lambda t: u8(set_state(t, None))),
    ("approved-yes", lambda t: u8(approved(t, True))),
    ("approved-yes-no-state", lambda t: u8(approved(t, False))),
    ("state-qualifier", lambda t: u8(t.replace('state="translated"', 'state="translated" '
                                                'state-qualifier="exact-match"'))),
]

# Variants the XLIFF 1.2 schema rejects (a target <mrk mtype="seg" mid> with no <seg-source> mrk
# of that mid): no tool we know writes them. l10n must then either publish the same page, or say
# the file is wrong (`l10n validate` exit 2): never drop the translations silently.
SCHEMA_INVALID = {"1.2": {"mrk-seg-ours", "mrk-seg-target-only"}, "2.0": set()}
# 1.2 tool namespaces are only allowed by the transitional schema (the strict one wants a schema
# for every foreign element and attribute, which real SDLXLIFF or memoQ files never satisfy).
TRANSITIONAL = {"tool-namespaces"}
XSD20 = os.path.join(args.shared, "schemas", "xliff-2.0", "all-modules.xsd")


def check_findings(source, xlf, out):
    """`l10n check` of a file: (exit code, Counter of findings without file, line or segment id,
    what ran)."""
    # The project's settings (glossary, terminology) whatever the working directory.
    cmd = [args.l10n, "check", xlf, "--source", source, "--config",
           os.path.join(args.root, "l10n.toml"), "-f", "json", "-o", out]
    p = lib.run(cmd)
    try:
        with open(out, encoding="utf-8") as f:
            findings = json.load(f)["findings"]
    except (OSError, ValueError, KeyError):
        return p.returncode, None, il.show(p, cmd)
    return p.returncode, collections.Counter(
        (x.get("check"), x.get("severity"), x.get("unit"), x.get("message"),
         il.norm(x.get("source", "")), il.norm(x.get("target", ""))) for x in findings), il.show(p, cmd)


def schema_check(path, version, name=""):
    env = dict(os.environ)
    env.pop("XML_CATALOG_FILES", None)
    prefix = ""
    if version == "2.0":
        xsd = XSD20
    else:
        xsd = XSD12T if name in TRANSITIONAL else XSD12
        env["XML_CATALOG_FILES"] = CATALOG12
        prefix = "XML_CATALOG_FILES=" + CATALOG12
    cmd = [XMLLINT, "--noout", "--nonet", "--schema", xsd, path]
    return lib.run(cmd, env=env), il.cmdline(cmd, prefix), os.path.basename(xsd)


def page_diff(expected, got, p, cmd):
    where = lib.first_diff(expected, got)
    if where is None:
        return None
    if not got:
        return il.show(p, cmd)
    n = min(len(expected), len(got))
    i = next((k for k in range(n) if expected[k] != got[k]), n)
    return (f"$ {il.cmdline(cmd)}\nfirst difference at {where}\n"
            f"base:    {expected[max(0, i - 80):i + 80]!r}\n"
            f"variant: {got[max(0, i - 80):i + 80]!r}\n"
            f"l10n: {lib.text(p.stderr).strip()[-500:]}")


def run_variants(label0, source, base_text, version, variants, work):
    """Writes the base file and every variant under work/, and checks each against the base."""
    os.makedirs(work)
    base = os.path.join(work, "base.xlf")
    with open(base, "w", encoding="utf-8", newline="") as f:
        f.write(base_text)
    p, shown, xsd = schema_check(base, version)
    c.check(p.returncode == 0, f"{label0} base: valid XLIFF {version} ({xsd})",
            f"$ {shown}\n{lib.text(p.stderr)[-2000:]}")
    base_page = os.path.join(work, "base.html")
    p, cmd = il.merge(args, source, base, base_page)
    if not c.check(p.returncode == 0 and os.path.isfile(base_page),
                   f"{label0} base: l10n merge exit 0", il.show(p, cmd)):
        return
    il.compare_page(c, f"{label0} base", source, base_page, is_translated[label0])
    with open(base_page, "rb") as f:
        expected = f.read()
    base_rc, base_findings, shown = check_findings(source, base, os.path.join(work, "base.check.json"))
    c.check(base_rc in (0, 1) and base_findings is not None,
            f"{label0} base: l10n check reads it (exit 0 or 1)", shown)
    invalid = SCHEMA_INVALID[version]
    for name, make in variants:
        label = f"{label0} {name}"
        xlf = os.path.join(work, f"{name}.xlf")
        with open(xlf, "wb") as f:
            f.write(make(base_text))
        p, shown, xsd = schema_check(xlf, version, name)
        if name in invalid:
            c.check(p.returncode != 0, f"{label}: (hypothetical file) the schema rejects it",
                    f"$ {shown}\nexit {p.returncode}")
        else:
            c.check(p.returncode == 0, f"{label}: valid XLIFF {version} ({xsd})",
                    f"$ {shown}\n{lib.text(p.stderr)[-2000:]}")
        vp, vcmd = il.validate(args, xlf)
        if name not in invalid:
            c.check(vp.returncode == 0, f"{label}: l10n validate accepts it", il.show(vp, vcmd))
        page = os.path.join(work, f"{name}.html")
        p, cmd = il.merge(args, source, xlf, page)
        got = b""
        if p.returncode == 0 and os.path.isfile(page):
            with open(page, "rb") as f:
                got = f.read()
        detail = page_diff(expected, got, p, cmd)
        if name in invalid:
            c.check(detail is None or vp.returncode != 0,
                    f"{label}: same page bytes as the base file, or `l10n validate` rejects it",
                    f"{detail}\n$ {il.cmdline(vcmd)}\nexit {vp.returncode}: "
                    f"{lib.text(vp.stdout).strip()} {lib.text(vp.stderr).strip()[-500:]}")
            continue
        c.check(detail is None, f"{label}: same page bytes as the base file", detail or "")
        rc, findings, shown = check_findings(source, xlf, os.path.join(work, f"{name}.check.json"))
        c.check(rc == base_rc and findings == base_findings,
                f"{label}: l10n check gives the base file's findings (exit {base_rc})",
                f"{shown}\nexit {rc}\n" + ("" if findings is None else
                f"only for the base: {list((base_findings - findings).elements())[:5]}\n"
                f"only for the variant: {list((findings - base_findings).elements())[:5]}"))


is_translated = {}
for doc, source in il.documents(args.root).items():
    for version, opts, fill, variants in (
            ("1.2", ["--xliff-version", "1.2", "--copy-source"], make_base, VARIANTS12),
            ("2.0", [], make_base20, VARIANTS20)):
        label0 = f"{doc} {version}"
        is_translated[label0] = il.upper
        extracted = os.path.join(args.scratch, f"{doc}.{version}.extracted.xlf")
        if not il.extract(args, c, source, extracted, *opts):
            continue
        with open(extracted, encoding="utf-8") as f:
            base_text = fill(f.read())
        run_variants(label0, source, base_text, version, variants,
                     os.path.join(args.scratch, f"{doc}-{version}"))

# Samples (tests/interop/samples/README.md): a file and the same file as a tool re-wrote it.
SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "samples")
for original, rewritten in (("mini.es.xlf", "mini.es.reindented.xlf"),
                            ("mini.es.12.xlf", "mini.es.12.nospace-reindented.xlf")):
    mini = os.path.join(SAMPLES, "mini.xhtml")
    pages = []
    for name in (original, rewritten):
        page = os.path.join(args.scratch, f"sample-{name}.html")
        p, cmd = il.merge(args, mini, os.path.join(SAMPLES, name), page)
        ok = c.check(p.returncode == 0 and os.path.isfile(page), f"samples/{name}: l10n merge exit 0",
                     il.show(p, cmd))
        pages.append((open(page, "rb").read() if ok else b"", p, cmd))
    detail = page_diff(pages[0][0], pages[1][0], pages[1][1], pages[1][2])
    c.check(detail is None, f"samples/{rewritten}: same page bytes as samples/{original}",
            detail or "")

# The Spanish translation of the guide that the project ships (XLIFF 2.0, real translations).
label0 = "guide locales/es 2.0"
is_translated[label0] = lambda s, p: p != s
with open(os.path.join(args.root, "locales", "es", "microneedling-guide.xlf"), encoding="utf-8") as f:
    shipped = f.read()
run_variants(label0, il.documents(args.root)["guide"], shipped, "2.0", VARIANTS20,
             os.path.join(args.scratch, "guide-locales-es-2.0"))

c.finish()
