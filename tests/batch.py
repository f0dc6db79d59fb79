#!/usr/bin/env python3
"""batch: `l10n extract` and `l10n merge` over many documents in one process.

- `extract A B C --out-dir D` (on 1 and 2 threads) writes D/<name>.xlf byte-identical to extracting
  each document alone, and leaves no temporary file.
- `merge A B C --xliff-dir X --out-dir O` writes pages byte-identical to merging each alone.
- A batch's messages come in input order, whatever order its documents finish in.
- Two sources with one file name are refused before anything is written.
- One broken document in a batch: exit 2, its error located, the others written, nothing
  half-written.
- Usage mistakes (several sources without --out-dir, -o with --out-dir) are refused.
- `check` over several files gives the same report on 1 and 2 threads, and stops at the first
  unusable file in input order.
"""

import os
import shutil
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import l10n_testlib as lib  # noqa: E402

args = lib.parse_args(__doc__)
c = lib.Checker("batch")
L = args.l10n
S = args.scratch

# Documents: the guide, the page template, and variants of the guide under other names.
docs_dir = os.path.join(S, "docs")
os.makedirs(docs_dir)
guide = open(os.path.join(args.root, "source-content", "microneedling-guide.xhtml"), "rb").read()
docs = []
shutil.copy(os.path.join(args.root, "source-content", "page-template.xhtml"), docs_dir)
docs.append(os.path.join(docs_dir, "page-template.xhtml"))
for i in range(6):
    path = os.path.join(docs_dir, f"guide-{i}.xhtml")
    body = guide.replace(b"Microneedling", b"Microneedling" if i % 2 else b"Collagen induction", 1)
    body = body.replace(b"</h1>", f" ({i})</h1>".encode(), 1)
    open(path, "wb").write(body)
    docs.append(path)


def listing(d):
    return sorted(os.listdir(d)) if os.path.isdir(d) else []


# Extraction, one by one and as a batch.
single = {}
for d in docs:
    p = lib.run([L, "extract", d, "-l", "es"])
    c.check(p.returncode == 0, f"extract {os.path.basename(d)} alone: exit 0", lib.text(p.stderr))
    single[os.path.splitext(os.path.basename(d))[0]] = p.stdout
for jobs in ("1", "2"):
    out = os.path.join(S, f"xlf-j{jobs}")
    p = lib.run([L, "extract", *docs, "-l", "es", "--out-dir", out, "--jobs", jobs])
    c.check(p.returncode == 0, f"batch extract of {len(docs)} documents (--jobs {jobs}): exit 0",
            lib.text(p.stderr))
    names = listing(out)
    c.check(names == sorted(n + ".xlf" for n in single),
            f"batch extract --jobs {jobs}: one .xlf per document and no temporary file", names)
    for name, expected in single.items():
        path = os.path.join(out, name + ".xlf")
        got = open(path, "rb").read() if os.path.exists(path) else b""
        c.check(got == expected, f"batch extract --jobs {jobs}: {name}.xlf equals the single run",
                lib.first_diff(expected, got))

# Merge: translate by pseudo-localizing nothing; merging the untranslated XLIFF gives the source
# text, which is enough to compare batch and single runs byte for byte.
xlf = os.path.join(S, "xlf-j2")
single_pages = {}
for d in docs:
    name = os.path.splitext(os.path.basename(d))[0]
    p = lib.run([L, "merge", d, os.path.join(xlf, name + ".xlf")])
    c.check(p.returncode == 0, f"merge {name} alone: exit 0", lib.text(p.stderr))
    single_pages[name] = p.stdout
pages = os.path.join(S, "pages")
p = lib.run([L, "merge", *docs, "--xliff-dir", xlf, "--out-dir", pages])
c.check(p.returncode == 0, "batch merge: exit 0", lib.text(p.stderr))
c.check(listing(pages) == sorted(n + ".html" for n in single_pages),
        "batch merge: one page per document and no temporary file", listing(pages))
for name, expected in single_pages.items():
    path = os.path.join(pages, name + ".html")
    got = open(path, "rb").read() if os.path.exists(path) else b""
    c.check(got != b"" and got == expected, f"batch merge: {name}.html equals the single run",
            lib.first_diff(expected, got))

# Messages in input order, whatever order the documents finish in: a batch of 1,500 documents (more
# than one write of messages), given out of name order, whose first is the whole guide and the
# rest a short page, on two threads.
many = os.path.join(S, "many")
os.makedirs(many)
short = (b'<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" '
         b'lang="en"><head><title>Aftercare</title></head><body><p>Keep the area clean.</p>'
         b'</body></html>\n')
order = [os.path.join(many, "guide.xhtml")]
open(order[0], "wb").write(guide)
for i in range(1500):
    path = os.path.join(many, f"page-{(i * 7919) % 1500:04d}.xhtml")
    open(path, "wb").write(short)
    order.append(path)
many_xlf = os.path.join(S, "many-xlf")
for step, cmd in (("extract", [L, "extract", *order, "-l", "es", "--out-dir", many_xlf]),
                  ("merge", [L, "merge", *order, "--xliff-dir", many_xlf, "--out-dir",
                             os.path.join(S, "many-pages")])):
    p = lib.run(cmd + ["--jobs", "2"])
    named = [os.path.basename(line.split(":")[0]).rsplit(".", 1)[0]
             for line in lib.text(p.stderr).splitlines()]
    expected = [os.path.basename(d)[:-6] for d in order] if step == "merge" else []
    c.check(p.returncode == 0 and named == expected,
            f"batch {step} of {len(order)} documents on two threads: a message per page, in input "
            "order" if step == "merge" else f"batch {step}: no messages",
            f"exit {p.returncode}; first messages: {named[:5]}")

# Checks over several files: the same report, in input order, on 1 and 2 threads, in every format;
# the first unusable file (in input order) ends the run with its error.
xlf_files = sorted(os.path.join(xlf, n) for n in os.listdir(xlf))
for fmt in ("text", "json", "sarif", "junit"):
    runs = {}
    for jobs in ("1", "2"):
        runs[jobs] = lib.run([L, "check", *xlf_files, "-f", fmt, "--source", docs[1], "--jobs", jobs],
                             cwd=S)
    same = (runs["1"].returncode == runs["2"].returncode and runs["1"].stdout == runs["2"].stdout
            and runs["1"].stderr == runs["2"].stderr and runs["1"].stdout != b"")
    c.check(same, f"check of {len(xlf_files)} files -f {fmt}: the same report with --jobs 1 and 2",
            lib.first_diff(runs["1"].stdout, runs["2"].stdout))
broken = os.path.join(S, "broken.xlf")
open(broken, "wb").write(b"<xliff")
missing = os.path.join(S, "missing.xlf")
for jobs in ("1", "2"):
    p = lib.run([L, "check", xlf_files[0], broken, missing, *xlf_files[1:], "--jobs", jobs])
    err = lib.text(p.stderr)
    c.check(p.returncode == 2 and "broken.xlf:1:" in err and "missing.xlf" not in err,
            f"check --jobs {jobs} with a broken and a missing file: exit 2, the first one named",
            f"exit {p.returncode}\n{err}")

# Two sources with one name.
other = os.path.join(S, "other")
os.makedirs(other)
shutil.copy(docs[1], os.path.join(other, os.path.basename(docs[1])))
out = os.path.join(S, "clash")
p = lib.run([L, "extract", docs[1], os.path.join(other, os.path.basename(docs[1])), "-l", "es",
             "--out-dir", out])
c.check(p.returncode == 2 and b"would both be written" in p.stderr and listing(out) == [],
        "two sources with one name: exit 2, said so, nothing written",
        f"exit {p.returncode}\n{lib.text(p.stderr)}\n{listing(out)}")
p = lib.run([L, "merge", docs[1], os.path.join(other, os.path.basename(docs[1])), "--xliff-dir",
             xlf, "--out-dir", out])
expected = (f'"{docs[1]}" and "{os.path.join(other, os.path.basename(docs[1]))}" would both be '
            f'written to {os.path.join(out, os.path.basename(docs[1])[:-6] + ".html")}')
c.check(p.returncode == 2 and expected in lib.text(p.stderr) and listing(out) == [],
        "merge of two sources with one name: exit 2, both and the page named, nothing written",
        f"exit {p.returncode}\n{lib.text(p.stderr)}\n{listing(out)}")

# One broken document among good ones.
broken = os.path.join(S, "broken")
os.makedirs(broken)
bad = os.path.join(broken, "bad.xhtml")
open(bad, "wb").write(guide.replace(b"</h1>", b"</h2>", 1))
out = os.path.join(S, "partly")
p = lib.run([L, "extract", docs[1], bad, docs[2], "-l", "es", "--out-dir", out])
err = lib.text(p.stderr)
c.check(p.returncode == 2, "batch with a broken document: exit 2", f"exit {p.returncode}\n{err}")
c.check("bad.xhtml:" in err and "error:" in err and "1 of 3 documents failed" in err,
        "batch with a broken document: the error names the file and line, and the count", err)
c.check(listing(out) == sorted([os.path.basename(docs[1])[:-6] + ".xlf",
                                os.path.basename(docs[2])[:-6] + ".xlf"]),
        "batch with a broken document: the good documents are written, nothing else",
        listing(out))

# Usage mistakes.
for cmd, what in (
        ([L, "extract", docs[1], docs[2], "-l", "es"], "several sources without --out-dir"),
        ([L, "extract", docs[1], "-l", "es", "-o", os.path.join(S, "x.xlf"), "--out-dir",
          os.path.join(S, "y")], "-o together with --out-dir"),
        ([L, "merge", docs[1], docs[2], os.path.join(xlf, "guide-1.xlf")],
         "merge with three positional files and no --xliff-dir"),
        ([L, "merge", docs[1], "--xliff-dir", xlf], "merge --xliff-dir without --out-dir")):
    p = lib.run(cmd)
    c.check(p.returncode == 2 and b"error:" in p.stderr, f"{what}: exit 2 with an error",
            f"exit {p.returncode}\n{lib.text(p.stderr)}")

c.finish()
