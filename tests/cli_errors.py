#!/usr/bin/env python3
"""cli_errors: unusable input gives exit 2, an error that names the place
(FILE:LINE:COL: error: ...), and leaves every existing output as it was.

Three tables of cases, each built from the project's real files with one defect at a known line:
  EXTRACT_CASES  malformed XHTML given to `l10n extract SRC -o OUT`
  VALIDATE_CASES broken XLIFF given to `l10n validate`
  CONFIG_CASES   broken l10n.toml given to `l10n build --config l10n.toml` in a built temp project
"""

import os
import re
import shutil
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import l10n_testlib as lib  # noqa: E402

args = lib.parse_args(__doc__)
c = lib.Checker("cli_errors")

GUIDE = os.path.join(args.root, "source-content", "microneedling-guide.xhtml")
with open(GUIDE, "rb") as f:
    guide = f.read()
guide_lines = guide.split(b"\n")


def line_of(data, needle):
    """1-based line number of the first occurrence of needle in data (bytes)."""
    i = data.index(needle)
    return data.count(b"\n", 0, i) + 1


def insert_in_line(line_no, what, after=b"<p>"):
    """The guide with `what` inserted just after the first `after` on line line_no."""
    lines = list(guide_lines)
    j = lines[line_no - 1].index(after) + len(after)
    lines[line_no - 1] = lines[line_no - 1][:j] + what + lines[line_no - 1][j:]
    return b"\n".join(lines)


# A paragraph line well inside the body, used for the in-text defects.
P_LINE = line_of(guide, b"<p>The basis of microneedling")
EM_LINE = line_of(guide, b"<em>Collagen Induction Therapy</em>")
# Cut after a complete line: the elements still open are never closed.
CUT_LINES = 40
truncated_at_line = b"\n".join(guide_lines[:CUT_LINES]) + b"\n"
# Cut in the middle of an attribute value.
cut_mid = guide.index(b"(not a small quantity")
truncated_mid = guide[:cut_mid]
entity_doc = guide.replace(b"<!DOCTYPE html>",
                           b'<!DOCTYPE html [\n<!ENTITY brand "Zap Laser Center">\n]>', 1)
entity_doc = entity_doc.replace(b"<p><span translate=\"no\">Zap Laser Center</span>",
                                b"<p><span translate=\"no\">&brand;</span>", 1)
xxe_doc = guide.replace(b"<!DOCTYPE html>",
                        b'<!DOCTYPE html [\n<!ENTITY xxe SYSTEM "file:///etc/hostname">\n]>', 1)
xxe_doc = xxe_doc.replace(b"<h1>Microneedling: A Patient Guide</h1>",
                          b"<h1>Microneedling: &xxe;</h1>", 1)

# (name, document bytes, expected error line(s)). Each must fail with exit 2.
EXTRACT_CASES = [
    ("unclosed tag (</em> removed)",
     guide.replace(b"<em>Collagen Induction Therapy</em>", b"<em>Collagen Induction Therapy", 1),
     {EM_LINE}),
    (f"truncated after line {CUT_LINES}", truncated_at_line, {CUT_LINES, CUT_LINES + 1}),
    ("truncated inside an attribute value", truncated_mid,
     {truncated_mid.count(b"\n") + 1}),
    ("invalid UTF-8 (lone 0xFF byte)", insert_in_line(P_LINE, b"\xff"), {P_LINE}),
    ("invalid UTF-8 (Latin-1 e-acute 0xE9)", insert_in_line(P_LINE, b"caf\xe9 "), {P_LINE}),
    ("invalid UTF-8 (overlong 0xC0 0xAF)", insert_in_line(P_LINE, b"\xc0\xaf"), {P_LINE}),
    ("invalid UTF-8 (encoded surrogate 0xED 0xA0 0x80)", insert_in_line(P_LINE, b"\xed\xa0\x80"),
     {P_LINE}),
    ("entity declaration (internal subset)", entity_doc, {3}),
    ("external entity declaration (XXE)", xxe_doc, {3}),
    ("NUL byte", insert_in_line(P_LINE, b"nul\x00byte "), {P_LINE}),
    ("control character 0x01", insert_in_line(P_LINE, b"\x01"), {P_LINE}),
    # Character references and entity references that XML does not allow. XHTML is parsed as
    # XML: &nbsp; is not defined without a DTD, &#0; and &#xD800; are not XML characters.
    ("character reference &#0;", insert_in_line(P_LINE, b"&#0;"), {P_LINE}),
    ("character reference &#xD800; (surrogate)", insert_in_line(P_LINE, b"&#xD800;"), {P_LINE}),
    ("undefined entity &nbsp;", insert_in_line(P_LINE, b"1&nbsp;mm "), {P_LINE}),
]

ERR_RE = re.compile(rb"^(?P<file>[^\n]*?):(?P<line>\d+):(?P<col>\d+): error: ")


def check_located(label, p, path, lines, err_re=ERR_RE):
    """Exit 2 and the first stderr line is PATH:LINE:COL: error: with LINE in lines."""
    c.check(p.returncode == 2, f"{label}: exit code 2", f"exit {p.returncode}\nstderr: "
            f"{lib.text(p.stderr)[:800]}")
    first = p.stderr.split(b"\n", 1)[0]
    m = err_re.match(first)
    if not c.check(m is not None, f"{label}: stderr starts with FILE:LINE:COL: error:",
                   f"stderr: {lib.text(p.stderr)[:800]!r}"):
        return
    named = lib.text(m.group("file"))
    c.check(named == path or os.path.basename(named) == os.path.basename(path),
            f"{label}: error names the file", f"named {named!r}, expected {path!r}")
    got = int(m.group("line"))
    c.check(got in lines, f"{label}: error line {got} is the defect's line "
            f"({' or '.join(map(str, sorted(lines)))})", lib.text(first))
    c.check(int(m.group("col")) >= 1, f"{label}: column is 1-based ({int(m.group('col'))})")


print("== l10n extract on malformed XHTML ==")
ext_dir = os.path.join(args.scratch, "extract")
os.makedirs(ext_dir)
for i, (name, data, lines) in enumerate(EXTRACT_CASES, 1):
    label = f"extract [{name}]"
    src = os.path.join(ext_dir, f"case{i:02d}.xhtml")
    with open(src, "wb") as f:
        f.write(data)
    # 1. OUT does not exist: it must not be created.
    out_dir = os.path.join(ext_dir, f"out{i:02d}")
    os.makedirs(out_dir)
    out = os.path.join(out_dir, "out.xlf")
    cmd = [args.l10n, "extract", src, "--target-locale", "es", "-o", out]
    p = lib.run(cmd)
    print(f"   $ l10n extract {os.path.basename(src)} --target-locale es -o OUT  -> exit "
          f"{p.returncode}: {lib.text(p.stderr).splitlines()[0] if p.stderr else '(no stderr)'}")
    check_located(label, p, src, lines)
    if c.check(not os.path.exists(out), f"{label}: OUT not created"):
        c.check(os.listdir(out_dir) == [], f"{label}: no temporary file left beside OUT",
                str(os.listdir(out_dir)))
    # 2. OUT exists: it must be left byte-identical.
    previous = b"<?xml version=\"1.0\"?>\n<!-- the translator's previous file -->\n<keep/>\n"
    with open(out, "wb") as f:
        f.write(previous)
    p = lib.run(cmd)
    c.check(p.returncode == 2, f"{label}: exit 2 with an existing OUT", f"exit {p.returncode}")
    with open(out, "rb") as f:
        c.check(f.read() == previous, f"{label}: existing OUT left byte-identical")
    c.check(sorted(os.listdir(out_dir)) == ["out.xlf"],
            f"{label}: nothing else written beside the existing OUT", str(os.listdir(out_dir)))

print("== l10n validate on broken XLIFF ==")
val_dir = os.path.join(args.scratch, "validate")
os.makedirs(val_dir)
good = {}
for version in ("2.0", "1.2"):
    path = os.path.join(val_dir, f"good.{version}.xlf")
    p = lib.run([args.l10n, "extract", GUIDE, "--target-locale", "es", "--xliff-version", version,
                 "-o", path])
    c.check(p.returncode == 0, f"extract a valid XLIFF {version} to break", lib.text(p.stderr))
    with open(path, "rb") as f:
        good[version] = f.read()
x20, x12 = good["2.0"], good["1.2"]


def first_unit_id(data, tag):
    m = re.search(rb"<" + tag + rb' id="([^"]+)"', data)
    return m.group(1)


def nth_index(data, needle, n):
    i = -1
    for _ in range(n):
        i = data.index(needle, i + 1)
    return i


# Duplicate id: the second unit takes the first unit's id.
u20 = first_unit_id(x20, b"unit")
second20 = nth_index(x20, b'<unit id="', 2)
end20 = x20.index(b'"', second20 + 10)
dup20 = x20[:second20 + 10] + u20 + x20[end20:]
u12 = first_unit_id(x12, b"trans-unit")
second12 = nth_index(x12, b'<trans-unit id="', 2)
end12 = x12.index(b'"', second12 + 16)
dup12 = x12[:second12 + 16] + u12 + x12[end12:]
bad_tag = x20.replace(b"</segment>", b"</segmnt>", 1)
dataref = x20.replace(b'dataRefStart="d1"', b'dataRefStart="d9"', 1)
first_source_end = x20.index(b"</source>") + len(b"</source>")
with_target = x20[:first_source_end] + b"\n        <target>Micropunci\xc3\xb3n</target>" + \
    x20[first_source_end:]
no_trglang = with_target.replace(b' trgLang="es"', b"", 1)
first_seg = x20.index(b'<segment id="s1">')
substate = with_target[:first_seg] + b'<segment id="s1" subState="x:y">' + \
    with_target[first_seg + len(b'<segment id="s1">'):]

VALIDATE_CASES = [
    ("not well-formed (mismatched end tag)", bad_tag, {line_of(bad_tag, b"</segmnt>")}),
    ("truncated file", x20[:len(x20) // 2], {x20[:len(x20) // 2].count(b"\n") + 1,
                                            x20[:len(x20) // 2].count(b"\n")}),
    ("empty file", b"", {1}),
    ("duplicate unit id (2.0)", dup20, {dup20.count(b"\n", 0, second20) + 1}),
    ("duplicate trans-unit id (1.2)", dup12, {dup12.count(b"\n", 0, second12) + 1}),
    ("dataRefStart to a missing <data>", dataref, {line_of(dataref, b'dataRefStart="d9"')}),
    ("target without trgLang", no_trglang, {line_of(no_trglang, b"<xliff")}),
    ("subState without state", substate, {line_of(substate, b"subState=")}),
]
VAL_RE = re.compile(rb"^(?P<file>[^\n]*?):(?P<line>\d+):(?P<col>\d+): error(\[[a-z0-9-]+\])?: ")
for i, (name, data, lines) in enumerate(VALIDATE_CASES, 1):
    label = f"validate [{name}]"
    path = os.path.join(val_dir, f"broken{i:02d}.xlf")
    with open(path, "wb") as f:
        f.write(data)
    p = lib.run([args.l10n, "validate", path])
    print(f"   $ l10n validate {os.path.basename(path)} -> exit {p.returncode}: "
          f"{lib.text(p.stderr).splitlines()[0] if p.stderr else '(no stderr)'}")
    check_located(label, p, path, lines, VAL_RE)
    with open(path, "rb") as f:
        c.check(f.read() == data, f"{label}: the file is left as it was")
# A valid file beside a broken one does not hide the error.
ok_path = os.path.join(val_dir, "good.2.0.xlf")
p = lib.run([args.l10n, "validate", ok_path, os.path.join(val_dir, "broken06.xlf")])
c.check(p.returncode == 2, "validate [valid file + broken file]: exit 2", f"exit {p.returncode}")

# `l10n check` writes its report a file at a time; a broken file after good ones still means no
# report: nothing on standard output, and an existing report file left as it was.
with open(ok_path, "rb") as f:
    ok_data = f.read()
broken = os.path.join(val_dir, "truncated.xlf")  # XML cut off: a file that cannot be checked
with open(broken, "wb") as f:
    f.write(ok_data[: len(ok_data) // 2])
for fmt in ("text", "json", "junit"):
    label = f"check -f {fmt} [valid file + broken file + valid file]"
    p = lib.run([args.l10n, "check", "-f", fmt, ok_path, broken, ok_path])
    c.check(p.returncode == 2, f"{label}: exit 2", f"exit {p.returncode}")
    c.check(p.stdout == b"", f"{label}: no report on standard output", lib.text(p.stdout)[:300])
    report_dir = os.path.join(val_dir, f"report-{fmt}")
    os.makedirs(report_dir, exist_ok=True)
    report = os.path.join(report_dir, "report.out")
    with open(report, "wb") as f:
        f.write(b"previous report\n")
    p = lib.run([args.l10n, "check", "-f", fmt, "-o", report, ok_path, broken, ok_path])
    c.check(p.returncode == 2, f"{label} -o: exit 2", f"exit {p.returncode}")
    with open(report, "rb") as f:
        c.check(f.read() == b"previous report\n", f"{label} -o: the existing report is left as it was")
    c.check(os.listdir(report_dir) == ["report.out"], f"{label} -o: no temporary file left",
            str(os.listdir(report_dir)))
    # The inputs come first: an unusable one is the error even when the report could not be
    # written either, and nothing is made where the report would go.
    new_dir = os.path.join(report_dir, "new", "deeper")
    p = lib.run([args.l10n, "check", "-f", fmt, "-o", os.path.join(new_dir, "r.out"), ok_path,
                 broken])
    c.check(p.returncode == 2 and os.path.basename(broken) in lib.text(p.stderr),
            f"{label} -o NEW/DIR: the unusable input is the error", lib.text(p.stderr)[:300])
    c.check(not os.path.exists(os.path.join(report_dir, "new")),
            f"{label} -o NEW/DIR: no directory made", str(os.listdir(report_dir)))
    p = lib.run([args.l10n, "check", "-f", fmt, "-o", os.path.join(report, "r.out"), broken])
    c.check(p.returncode == 2 and os.path.basename(broken) in lib.text(p.stderr),
            f"{label} -o under a file: the unusable input is the error", lib.text(p.stderr)[:300])
    p = lib.run([args.l10n, "check", "-f", fmt, "-o", report, ok_path, ok_path])
    c.check(p.returncode in (0, 1), f"check -f {fmt} -o [valid files]: the report is written",
            f"exit {p.returncode}\n{lib.text(p.stderr)[:300]}")
    with open(report, "rb") as f:
        c.check(f.read() != b"previous report\n", f"check -f {fmt} -o [valid files]: replaced")

print("== l10n build --config with a broken l10n.toml ==")
with open(os.path.join(args.root, "l10n.toml"), "rb") as f:
    toml = f.read()


def toml_edit(old, new):
    assert old in toml, old
    return toml.replace(old, new, 1)


def toml_line(data, needle):
    return line_of(data, needle)


unknown_key = toml_edit(b"min_completion = 80", b"min_completion = 80\nmin_completon = 90")
bad_locale = toml_edit(b'"ja", "qps-ploc"]', b'"ja", "xx-!!", "qps-ploc"]')
out_etc = toml_edit(b'output = "out"', b'output = "../../etc"')
locales_etc = toml_edit(b'locales = "locales"', b'locales = "../../etc"')
abs_assets = toml_edit(b'assets = "source-content/assets"', b'assets = "/etc"')
# The output directory is replaced as a whole by each build: it must not be (or hold) an input.
out_sources = toml_edit(b'output = "out"', b'output = "source-content"')
out_locales = toml_edit(b'output = "out"', b'output = "locales"')

CONFIG_CASES = [
    ("unknown key", unknown_key, toml_line(unknown_key, b"min_completon")),
    ("bad locale xx-!!", bad_locale, toml_line(bad_locale, b"xx-!!")),
    ('output path "../../etc"', out_etc, toml_line(out_etc, b"../../etc")),
    ('locales path "../../etc"', locales_etc, toml_line(locales_etc, b"../../etc")),
    ('absolute assets path "/etc"', abs_assets, toml_line(abs_assets, b'"/etc"')),
    ('output path "source-content" (the sources)', out_sources,
     toml_line(out_sources, b'output = "source-content"')),
    ('output path "locales" (the translations)', out_locales,
     toml_line(out_locales, b'output = "locales"')),
]
CFG_RE = re.compile(rb"^(?P<file>(?:[^\n:]*/)?l10n\.toml):(?P<line>\d+):(?P<col>\d+): error: ")
cfg_dir = os.path.join(args.scratch, "config")
for i, (name, data, line) in enumerate(CONFIG_CASES, 1):
    label = f"build --config [{name}]"
    # project at .../caseNN/a/project, so that ../../etc would land in .../caseNN/etc
    case_dir = os.path.join(cfg_dir, f"case{i:02d}")
    proj = lib.copy_project(args.root, os.path.join(case_dir, "a", "project"))
    p = lib.run([args.l10n, "build"], cwd=proj)
    # Exit 1 (a locale not published) still writes out/, which is all this needs.
    if not c.check(p.returncode in (0, 1) and os.path.isdir(os.path.join(proj, "out")),
                   f"{label}: a first good build writes out/",
                   f"exit {p.returncode}\n{lib.text(p.stderr)}"):
        continue
    before = lib.tree_digest(proj)
    with open(os.path.join(proj, "l10n.toml"), "wb") as f:
        f.write(data)
    before["l10n.toml"] = lib.tree_digest(proj)["l10n.toml"]
    p = lib.run([args.l10n, "build", "--config", "l10n.toml"], cwd=proj)
    print(f"   $ (cd project && l10n build --config l10n.toml) -> exit {p.returncode}: "
          f"{lib.text(p.stderr).splitlines()[0] if p.stderr else '(no stderr)'}")
    c.check(p.returncode == 2, f"{label}: exit code 2",
            f"exit {p.returncode}\nstdout: {lib.text(p.stdout)[-600:]}\n"
            f"stderr: {lib.text(p.stderr)[-600:]}")
    m = CFG_RE.match(p.stderr.split(b"\n", 1)[0])
    c.check(m is not None and int(m.group("line")) == line,
            f"{label}: error names l10n.toml:{line}", f"stderr: {lib.text(p.stderr)[:600]!r}")
    after = lib.tree_digest(proj)
    out_diff = lib.diff_digests({k: v for k, v in before.items() if k.startswith("out" + os.sep)},
                                {k: v for k, v in after.items() if k.startswith("out" + os.sep)})
    c.check(not out_diff, f"{label}: the previous out/ is untouched", "\n".join(out_diff[:20]))
    other = lib.diff_digests({k: v for k, v in before.items() if not k.startswith("out" + os.sep)},
                             {k: v for k, v in after.items() if not k.startswith("out" + os.sep)})
    c.check(not other, f"{label}: sources, locales and l10n.toml untouched, nothing added",
            "\n".join(other[:20]))
    c.check(sorted(os.listdir(case_dir)) == ["a"] and sorted(os.listdir(os.path.dirname(proj)))
            == ["project"], f"{label}: nothing written outside the project",
            f"{os.listdir(case_dir)} {os.listdir(os.path.dirname(proj))}")

c.finish()
