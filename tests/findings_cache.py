#!/usr/bin/env python3
"""findings_cache: a build takes the QA findings of documents unchanged since an earlier build
(.l10n-cache/findings.sqlite) and checks the others, with the same report as checking them all.

- A second build reuses the findings of every document and writes the same site and report as
  the first, and as `l10n build --recheck`, which keeps what it finds for the next build.
- A change to the glossary, to the check settings or to one XLIFF file is a change to the
  findings of the documents it touches: the report is the one `--recheck` writes, and other
  than the first build's.
- A cache that is not a database does not stop the build: it warns, naming the file, makes the
  cache anew, checks everything and reports as `--recheck` does; the next build reuses again.
"""

import json
import os
import re
import shutil
import sqlite3
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import l10n_testlib as lib  # noqa: E402

args = lib.parse_args(__doc__)
c = lib.Checker("findings_cache")
L = args.l10n
project = lib.copy_project(args.root, os.path.join(args.scratch, "project"))
cache = os.path.join(project, ".l10n-cache", "findings.sqlite")
REUSED = re.compile(r"^checks: (\d+) of (\d+) documents unchanged", re.M)


def build(*extra):
    """Builds the project; returns (exit code, stdout, stderr, report bytes, site digest)."""
    p = lib.run([L, "build", *extra], cwd=project, timeout=300)
    out = os.path.join(project, "out")
    report = b""
    if os.path.exists(os.path.join(out, "report.json")):
        with open(os.path.join(out, "report.json"), "rb") as f:
            report = f.read()
    return p.returncode, lib.text(p.stdout), lib.text(p.stderr), report, lib.tree_digest(out)


def reused(stdout):
    """(documents reused, documents checked), or (0, None) when the build reused none."""
    m = REUSED.search(stdout)
    return (int(m.group(1)), int(m.group(2))) if m else (0, None)


def findings_of(report, locale):
    for entry in json.loads(report)["locales"]:
        if entry["locale"] == locale:
            return entry.get("findings_by_check", {})
    return None


def same_as_recheck(what, result):
    """The build `result` wrote what `l10n build --recheck` of the same project writes."""
    code, out, err, report, site = result
    r_code, r_out, r_err, r_report, r_site = build("--recheck")
    c.check(reused(r_out)[0] == 0, f"{what}: --recheck reuses no findings", r_out)
    c.check(code == r_code, f"{what}: the same exit code as --recheck", f"{code} against {r_code}")
    c.check(report == r_report, f"{what}: the same report as --recheck",
            lib.first_diff(report, r_report))
    c.check(site == r_site, f"{what}: the same site as --recheck", lib.diff_digests(site, r_site))


# The first build has nothing to reuse; the second reuses every document's findings.
first = build()
c.check(first[0] in (0, 1), "the first build runs", first[2])
c.check(reused(first[1])[0] == 0, "the first build reuses nothing", first[1])
c.check(os.path.exists(cache), "the first build keeps its findings in .l10n-cache/findings.sqlite")
second = build()
count, checked = reused(second[1])
c.check(checked is not None and count == checked and count >= 12,
        "the second build reuses the findings of every document of every locale", second[1])
c.check(second[3] == first[3], "the second build's report is the first's",
        lib.first_diff(second[3], first[3]))
c.check(second[4] == first[4], "the second build's site is the first's",
        lib.diff_digests(second[4], first[4]))
same_as_recheck("a build with nothing changed", second)
third = build()
c.check(reused(third[1]) == (count, checked), "a build after --recheck reuses every document again",
        third[1])
# --recheck keeps what it finds: with the cache emptied, the build after it reuses everything.
with sqlite3.connect(cache) as db:
    db.execute("DELETE FROM findings")
build("--recheck")
after_recheck = build()
c.check(reused(after_recheck[1]) == (count, checked),
        "what --recheck finds is kept for the next build", after_recheck[1])

# The glossary: Spanish's preferred term for microneedling becomes one the translation does not
# use, so that the terminology check finds more in Spanish.
glossary = os.path.join(project, "locales", "glossary.tbx")
with open(glossary, encoding="utf-8") as f:
    tbx = f.read()
changed = tbx.replace("<term>micropunción</term>", "<term>microagujado dérmico</term>", 1)
c.check(changed != tbx, "the glossary has the Spanish term to change")
with open(glossary, "w", encoding="utf-8") as f:
    f.write(changed)
after_glossary = build()
c.check(reused(after_glossary[1])[0] == 0, "a changed glossary reuses no findings",
        after_glossary[1])
c.check(findings_of(after_glossary[3], "es") != findings_of(first[3], "es"),
        "the changed glossary changes the Spanish findings",
        json.dumps(findings_of(after_glossary[3], "es")))
same_as_recheck("a build after the glossary changed", after_glossary)

# The check settings: one check switched off.
config_path = os.path.join(project, "l10n.toml")
with open(config_path, encoding="utf-8") as f:
    config = f.read()
before_settings = build()
counts = findings_of(before_settings[3], "es")
check = next(iter(sorted(counts)), None) if counts else None
c.check(check is not None, "Spanish has findings of some check", json.dumps(counts))
with open(config_path, "w", encoding="utf-8") as f:
    f.write(config + f'\n[checks]\n"{check}" = "off"\n')
after_settings = build()
c.check(after_settings[0] in (0, 1), "the build with a check switched off runs", after_settings[2])
c.check(reused(after_settings[1])[0] == 0, "changed check settings reuse no findings",
        after_settings[1])
c.check(check not in (findings_of(after_settings[3], "es") or {}),
        f"the switched-off check ({check}) finds nothing",
        json.dumps(findings_of(after_settings[3], "es")))
same_as_recheck("a build after the check settings changed", after_settings)
with open(config_path, "w", encoding="utf-8") as f:
    f.write(config)

# One XLIFF file: a number in a Spanish target changed, which the numbers check finds. Only
# that document is checked again.
build()
xliff = os.path.join(project, "locales", "es", "microneedling-guide.xlf")
with open(xliff, encoding="utf-8") as f:
    xlf = f.read()
m = re.search(r"(<target>[^<]*?)(\d+)", xlf)
c.check(m is not None, "the Spanish XLIFF has a target with a number")
if m:
    number = m.group(2)
    xlf = xlf[:m.start(2)] + str(int(number) + 7) + xlf[m.end(2):]
    with open(xliff, "w", encoding="utf-8") as f:
        f.write(xlf)
after_xliff = build()
count, checked = reused(after_xliff[1])
c.check(checked is not None and count == checked - 1,
        "a changed XLIFF file has its own document checked again, and only it", after_xliff[1])
c.check((findings_of(after_xliff[3], "es") or {}).get("numbers", 0) >
        (findings_of(before_settings[3], "es") or {}).get("numbers", 0),
        "the changed number is found", json.dumps(findings_of(after_xliff[3], "es")))
same_as_recheck("a build after one XLIFF file changed", after_xliff)

# A cache that is not a database: a warning naming it, every document checked, a new cache.
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(cache + suffix):
        os.remove(cache + suffix)
with open(cache, "w", encoding="utf-8") as f:
    f.write("not a database\n" * 100)
damaged = build()
c.check(damaged[0] in (0, 1), "a damaged cache does not stop the build", damaged[2])
c.check("warning" in damaged[2] and "findings.sqlite" in damaged[2] and "anew" in damaged[2],
        "a damaged cache is a warning naming the file", damaged[2])
c.check(reused(damaged[1])[0] == 0, "a damaged cache reuses nothing", damaged[1])
same_as_recheck("a build with a damaged cache", damaged)
healed = build()
c.check("warning" not in healed[2], "the next build has no warning", healed[2])
c.check(reused(healed[1])[0] > 0, "the next build reuses findings again", healed[1])

shutil.rmtree(os.path.join(args.scratch, "project"), ignore_errors=True)
sys.exit(c.finish())
