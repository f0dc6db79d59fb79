#!/usr/bin/env python3
"""determinism: the same input gives the same bytes.

- Two extractions of the guide (XLIFF 2.0, XLIFF 1.2) are byte-identical.
- `l10n build --out X` in two fresh copies of the project (different directories, different
  --jobs) gives byte-identical output trees, every file compared; the XLIFF files the build
  brings up to date under locales/ are identical too.
- A rebuild gives the same bytes again; each page that is the same as in the output it replaces
  is that same file (the same inode and time), and a page that was changed by hand in between is
  written anew with the bytes the build makes, the changed file left as it was.
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import l10n_testlib as lib  # noqa: E402

args = lib.parse_args(__doc__)
c = lib.Checker("determinism")

guide = os.path.join(args.root, "source-content", "microneedling-guide.xhtml")
for version in ("2.0", "1.2"):
    outputs = []
    for i in (1, 2):
        out = os.path.join(args.scratch, f"guide.{version}.run{i}.xlf")
        cmd = [args.l10n, "extract", guide, "--target-locale", "es", "--xliff-version", version,
               "-o", out]
        p = lib.run(cmd)
        c.check(p.returncode == 0, f"extract {version} run {i}: exit 0",
                f"$ {' '.join(cmd)}\nexit {p.returncode}\n{lib.text(p.stderr)}")
        outputs.append(open(out, "rb").read() if os.path.exists(out) else b"")
    # Standard output too: the same bytes as the file.
    cmd = [args.l10n, "extract", guide, "--target-locale", "es", "--xliff-version", version]
    p = lib.run(cmd)
    outputs.append(p.stdout)
    c.check(outputs[0] != b"" and outputs[0] == outputs[1],
            f"extract {version}: two runs byte-identical ({len(outputs[0])} bytes)",
            lib.first_diff(outputs[0], outputs[1]))
    c.check(outputs[0] == outputs[2], f"extract {version}: stdout equals the -o file",
            lib.first_diff(outputs[0], outputs[2]))

trees = []
locales = []
for i, jobs in ((1, "1"), (2, "4")):
    proj = lib.copy_project(args.root, os.path.join(args.scratch, f"copy{i}", "project"))
    cmd = [args.l10n, "build", "--out", "X", "--jobs", jobs]
    p = lib.run(cmd, cwd=proj)
    c.check(p.returncode in (0, 1), f"build in copy {i} (--jobs {jobs}): finished (exit "
            f"{p.returncode}; 0 all published, 1 a locale not published)",
            f"(in {proj})\n$ {' '.join(cmd)}\nexit {p.returncode}\n"
            f"{lib.text(p.stdout)}{lib.text(p.stderr)}")
    out = os.path.join(proj, "X")
    c.check(os.path.isdir(out) and not os.path.exists(os.path.join(proj, "out")),
            f"build in copy {i}: output went to --out X, not to the project file's out/")
    trees.append(lib.tree_digest(out))
    locales.append(lib.tree_digest(os.path.join(proj, "locales")))

print(f"output tree: {len(trees[0])} files: " + ", ".join(sorted(trees[0])))
c.check(len(trees[0]) > 0, "the build wrote files")
c.check(trees[0] == trees[1], f"two builds: all {len(trees[0])} output files byte-identical",
        "\n".join(lib.diff_digests(trees[0], trees[1])))
c.check(locales[0] == locales[1], "two builds: locales/ trees byte-identical afterwards",
        "\n".join(lib.diff_digests(locales[0], locales[1])))

# A rebuild in copy 2: unchanged pages are the files they were; one page changed by hand (a new
# file renamed over it, as an editor saves) is made again.
out = os.path.join(args.scratch, "copy2", "project", "X")
pages = sorted(os.path.join(d, f) for d, _, files in os.walk(os.path.join(out, "site"))
               for f in files if f.endswith(".html") and os.path.basename(d) != "site")
before = {p: os.stat(p) for p in pages}
touched = pages[0]
with open(touched + ".tmp", "wb") as f:
    f.write(b"<p>changed by hand</p>\n")
os.rename(touched + ".tmp", touched)
touched_inode = os.stat(touched).st_ino
p = lib.run([args.l10n, "build", "--out", "X"], cwd=os.path.join(args.scratch, "copy2", "project"))
c.check(p.returncode in (0, 1), "rebuild in copy 2: finished", lib.text(p.stderr))
c.check(lib.tree_digest(out) == trees[1], "rebuild: all output files byte-identical to the build's",
        "\n".join(lib.diff_digests(trees[1], lib.tree_digest(out))))
kept = [q for q in pages[1:] if os.path.exists(q) and os.stat(q).st_ino == before[q].st_ino
        and os.stat(q).st_mtime_ns == before[q].st_mtime_ns]
c.check(len(pages) > 1 and len(kept) == len(pages) - 1,
        f"rebuild: the {len(pages) - 1} unchanged pages are the same files, with their times",
        f"{len(kept)} of {len(pages) - 1} kept")
c.check(os.stat(touched).st_ino not in (touched_inode, before[touched].st_ino),
        "rebuild: the page changed by hand is written anew")
c.finish()
