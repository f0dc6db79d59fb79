#!/usr/bin/env python3
"""seed_coverage: every sentence of the seed text (shared/seed/*.txt) is in the <source> text of
the guide's XLIFF 2.0 extraction for es, so nothing the author wrote is lost from extraction.

Seed sentences: split on . ? ! followed by white space, and on line breaks (headings are lines).
Sources: text of each segment's <source>, tags stripped, white space normalized. The seed has
three known differences from the guide, which the guide corrected: they are applied to the seed.
"""

import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import l10n_testlib as lib  # noqa: E402

args = lib.parse_args(__doc__)
c = lib.Checker("seed_coverage")

ALLOWED_FIXES = [
    ("Microneeding’s", "Microneedling’s"),
    ("androgenic alopecia", "androgenetic alopecia"),
    ("(1mm)", "(1 mm)"),
]
NS = "{urn:oasis:names:tc:xliff:document:2.0}"


def norm(s):
    return " ".join(s.split())


guide = os.path.join(args.root, "source-content", "microneedling-guide.xhtml")
xlf = os.path.join(args.scratch, "guide.es.xlf")
cmd = [args.l10n, "extract", guide, "--target-locale", "es", "-o", xlf]
p = lib.run(cmd)
if not c.check(p.returncode == 0, "extract the guide to XLIFF 2.0 (es)",
               f"$ {' '.join(cmd)}\nexit {p.returncode}\n{lib.text(p.stderr)}"):
    c.finish()

root = ET.parse(xlf).getroot()
segment_sources = []
for seg in root.iter(NS + "segment"):
    src = seg.find(NS + "source")
    if src is not None:
        segment_sources.append(norm("".join(src.itertext())))
c.check(len(segment_sources) > 0, f"extraction has {len(segment_sources)} segment sources")
# Joined with a separator no sentence holds, so that a sentence cannot match across segments.
haystack = "\n".join(segment_sources)

seed_files = sorted(glob.glob(os.path.join(args.shared, "seed", "*.txt")))
if not c.check(len(seed_files) > 0, f"found {len(seed_files)} seed file(s) in {args.shared}/seed"):
    c.finish()

sentences = []
for f in seed_files:
    with open(f, encoding="utf-8") as fh:
        for line in fh.read().splitlines():
            for piece in re.split(r"(?<=[.?!])\s+", line):
                s = norm(piece)
                if not s:
                    continue
                for old, new in ALLOWED_FIXES:
                    s = s.replace(old, new)
                sentences.append((os.path.basename(f), s))

missing = [(f, s) for f, s in sentences if s not in haystack]
whole = sum(1 for _, s in sentences if s in segment_sources)
print(f"seed: {len(sentences)} sentences; {len(sentences) - len(missing)} found in a segment "
      f"source ({whole} of them are a whole segment)")
c.check(len(sentences) > 0, "the seed has sentences")
c.check(not missing, f"all {len(sentences)} seed sentences appear in the extracted sources",
        "\n".join(f"missing ({f}): {s!r}" for f, s in missing))
c.finish()
