#!/usr/bin/env python3
"""determinism: the same input gives the same bytes.

- Two extractions of the guide (XLIFF 2.0, XLIFF 1.2) are byte-identical.
- `l10n build --out X` in two fresh copies of the project (different directories, different
  --jobs) gives byte-identical output trees, every file compared; the XLIFF files the build
  brings up to date under locales/ are identical too.
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
c.finish()
