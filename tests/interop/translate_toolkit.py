#!/usr/bin/env python3
"""interop_translate_toolkit: our XLIFF 1.2 read and written by Translate Toolkit (Debian's
translate-toolkit package: translate.storage.xliff and pocount).

For the guide and the stress document, from `l10n extract --xliff-version 1.2` with and without
--copy-source:
- Translate Toolkit reads as many units as we wrote <trans-unit>s, with the same ids, and pocount
  counts the same total;
- tt_helper.py sets every target to the source upper-cased through the rich-source API (inline
  codes kept as placeables, protected text untouched), either leaving the unit fuzzy or marking it
  approved, and saves;
- pocount then finds no untranslated unit, `l10n validate` accepts the file, and `l10n merge` gives
  a page where every text block and translatable attribute is exactly the source upper-cased and
  every inline element is intact.
"""

import json
import os
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import interop_lib as il  # noqa: E402

lib = il.lib
args = lib.parse_args(__doc__)
c = lib.Checker("interop_translate_toolkit")
HELPER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tt_helper.py")


def python_with_translate():
    """A Python interpreter that imports translate.storage.xliff: this one, or Debian's."""
    for exe in (sys.executable, "/usr/bin/python3", shutil.which("python3")):
        if exe and os.path.exists(exe):
            p = subprocess.run([exe, "-c", "import translate.storage.xliff"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            if p.returncode == 0:
                return exe
    return None


PY = python_with_translate()
POCOUNT = shutil.which("pocount")
if not PY or not POCOUNT:
    print("FAIL Translate Toolkit not found (translate.storage.xliff, pocount): install Debian's "
          "translate-toolkit package (apt-get install translate-toolkit)")
    sys.exit(1)
print(f"     Translate Toolkit from {PY}")


def pocount(path):
    """{column: value} of `pocount --csv` for one file."""
    cmd = [POCOUNT, "--csv", "--no-color", path]
    p = lib.run(cmd)
    lines = [ln for ln in lib.text(p.stdout).splitlines() if ln.strip()]
    if p.returncode != 0 or len(lines) < 2:
        return None, il.show(p, cmd)
    head = [h.strip() for h in lines[0].split(",")]
    vals = [v.strip() for v in lines[-1].split(",")]
    return dict(zip(head, vals)), il.show(p, cmd)


for doc, source in il.documents(args.root).items():
    for variant, opts in (("1.2", ["--xliff-version", "1.2"]),
                          ("1.2-copy-source", ["--xliff-version", "1.2", "--copy-source"])):
        base = os.path.join(args.scratch, f"{doc}.{variant}.xlf")
        if not il.extract(args, c, source, base, *opts):
            continue
        ours = [u.get("id") for u in il.trans_units(base)]
        counts, shown = pocount(base)
        c.check(counts is not None and counts.get("Total Message") == str(len(ours)),
                f"{doc} {variant}: pocount counts our {len(ours)} trans-units",
                f"{counts}\n{shown}")
        for mode in ("target", "approve"):
            label = f"{doc} {variant} ({mode})"
            out = os.path.join(args.scratch, f"{doc}.{variant}.tt-{mode}.xlf")
            cmd = [PY, HELPER, base, out, mode]
            p = lib.run(cmd, env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))
            if not c.check(p.returncode == 0 and os.path.isfile(out),
                           f"{label}: translate.storage.xliff reads, translates and saves",
                           il.show(p, cmd)):
                continue
            summary = json.loads(lib.text(p.stdout).strip().splitlines()[-1])
            if mode == "target":
                c.check(summary["units"] == len(ours) and summary["ids"] == ours,
                        f"{label}: Translate Toolkit reads our {len(ours)} units, same ids in order",
                        f"toolkit {summary['units']} units; ours {len(ours)}\n"
                        f"only ours: {sorted(set(ours) - set(summary['ids']))[:10]}\n"
                        f"only toolkit: {sorted(set(summary['ids']) - set(ours))[:10]}")
                print(f"     placeables seen: {summary['placeables']}")
            after, shown = pocount(out)
            c.check(after is not None and after.get("Total Message") == str(len(ours))
                    and after.get("Untranslated Messages") == "0",
                    f"{label}: pocount: {len(ours)} units, none untranslated", f"{after}\n{shown}")
            if mode == "approve":
                c.check(after is not None and after.get("Translated Messages") == str(len(ours)),
                        f"{label}: pocount: all {len(ours)} units translated", f"{after}\n{shown}")
            p, cmd = il.validate(args, out)
            c.check(p.returncode == 0, f"{label}: l10n validate accepts the file", il.show(p, cmd))
            page = os.path.join(args.scratch, f"{doc}.{variant}.tt-{mode}.html")
            p, cmd = il.merge(args, source, out, page)
            if not c.check(p.returncode == 0 and os.path.isfile(page),
                           f"{label}: l10n merge exit 0", il.show(p, cmd)):
                continue
            il.compare_page(c, label, source, page, il.upper)

c.finish()
