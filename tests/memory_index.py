#!/usr/bin/env python3
"""memory_index: the translation memory's index (.l10n-cache/memory.sqlite) as a project uses it.

- A lookup finds the same matches whether the index holds that locale's memory alone or every
  locale's (as after a build): each locale is ranked among its own entries.
- An index left in the former layout (one word table `entries` for every locale, signatures in
  `loaded2`) is dropped and made again; the lookup answers as from a new index.
- Three lookups started at once on a project with no index yet all succeed, with one answer:
  a process that finds the index being written waits for the other.
"""

import os
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import l10n_testlib as lib  # noqa: E402

args = lib.parse_args(__doc__)
c = lib.Checker("memory_index")
L = args.l10n
project = lib.copy_project(args.root, os.path.join(args.scratch, "project"))
cache = os.path.join(project, ".l10n-cache")
index_path = os.path.join(cache, "memory.sqlite")

# Sentences of the Spanish memory, reworded a little so that the matches are fuzzy.
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
tmx = ET.parse(os.path.join(project, "locales", "es", "memory.tmx"))
sources = []
for tu in tmx.getroot().iter("tu"):
    for tuv in tu.iter("tuv"):
        seg = tuv.find("seg")
        if tuv.get(XML_LANG) == "en" and seg is not None and seg.text and len(seg.text) > 60:
            sources.append(seg.text)
queries = [s.replace(" the ", " a ", 1) + " Today." for s in sources[:4]]
c.check(len(queries) == 4, "four sentences of the Spanish memory to look up", str(len(sources)))


def lookup(text):
    return lib.run([L, "tm", "lookup", "--locale", "es", "--min", "50", text], cwd=project)


def answers():
    out = []
    for q in queries:
        p = lookup(q)
        if p.returncode != 0:
            return None, lib.text(p.stderr)
        out.append(p.stdout)
    return out, ""


def tables():
    with sqlite3.connect(index_path) as db:
        return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


# Spanish alone in the index.
alone, why = answers()
c.check(alone is not None, "lookups in an index of Spanish alone: exit 0", why)
c.check(alone is not None and all(b"%" in a for a in alone),
        "each reworded sentence finds a match", str(alone))

# Every locale in the index, after a build.
p = lib.run([L, "build"], cwd=project, timeout=300)
c.check(p.returncode in (0, 1), "build: exit 0 or 1", lib.text(p.stderr)[-2000:])
beside, why = answers()
c.check(beside == alone, "the same matches with every locale's memory in the index",
        f"alone: {alone}\nbeside the others: {beside}\n{why}")

# An index in the former layout: one table for every locale.
lib.run(["rm", "-rf", cache])
os.makedirs(cache)
with sqlite3.connect(index_path) as db:
    db.executescript(
        "CREATE TABLE loaded2(locale TEXT PRIMARY KEY, signature TEXT);"
        "CREATE VIRTUAL TABLE entries USING fts5(folded, source UNINDEXED, target UNINDEXED, "
        "context UNINDEXED, locale UNINDEXED, tokenize='unicode61');"
        "INSERT INTO entries VALUES('stale', 'Stale.', 'Obsoleto.', '', 'es');"
        "INSERT INTO loaded2 VALUES('es', 'stale');")
former, why = answers()
c.check(former == alone, "an index in the former layout: the same matches",
        f"expected: {alone}\ngot: {former}\n{why}")
left = tables()
c.check("entries" not in left and "loaded2" not in left,
        "the former layout's tables are dropped", str(sorted(left)))

# Three lookups at once, no index yet.
lib.run(["rm", "-rf", cache])
procs = [subprocess.Popen([L, "tm", "lookup", "--locale", "es", "--min", "50", queries[0]],
                          cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
         for _ in range(3)]
results = [(proc.communicate(timeout=120), proc.returncode) for proc in procs]
c.check(all(rc == 0 for _, rc in results), "three lookups at once on no index: all exit 0",
        "\n".join(lib.text(err) for (_, err), _ in results))
c.check(all(out == alone[0] for (out, _), _ in results), "... and all give the same matches",
        "\n".join(lib.text(out) for (out, _), _ in results))

c.finish()
