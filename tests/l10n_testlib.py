"""Helpers shared by the whole-program tests (python3 standard library only).

Every test script takes its paths as arguments (the l10n binary, the project root, the shared
folder, its own scratch directory), never writes into the source tree, and exits non-zero on the
first failed check group, after printing what it checked.
"""

import argparse
import hashlib
import os
import shutil
import signal
import subprocess
import sys

# What a project copy needs to run `l10n build`.
PROJECT_ITEMS = ("l10n.toml", "source-content", "locales")


class Checker:
    """Collects check results; prints each one as it goes."""

    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failures = []

    def check(self, ok, what, detail=""):
        if ok:
            self.passed += 1
            print(f"ok   {what}")
        else:
            self.failures.append(what)
            print(f"FAIL {what}")
            if detail:
                for line in str(detail).rstrip().splitlines():
                    print(f"       {line}")
        return ok

    def finish(self):
        total = self.passed + len(self.failures)
        print(f"{self.name}: {self.passed}/{total} checks passed")
        if self.failures:
            print(f"{self.name}: {len(self.failures)} FAILED:")
            for f in self.failures:
                print(f"  - {f}")
            sys.exit(1)
        sys.exit(0)


def parse_args(description, extra=None):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--l10n", required=True, help="the l10n binary")
    p.add_argument("--root", required=True, help="the project root (read only)")
    p.add_argument("--shared", required=True, help="the shared folder (schemas, seed)")
    p.add_argument("--scratch", required=True, help="this test's own scratch directory")
    if extra:
        extra(p)
    args = p.parse_args()
    args.l10n = os.path.abspath(args.l10n)
    args.root = os.path.abspath(args.root)
    args.shared = os.path.abspath(args.shared)
    args.scratch = os.path.abspath(args.scratch)
    # A fresh scratch directory per run; it belongs to this test alone (ctest -j).
    shutil.rmtree(args.scratch, ignore_errors=True)
    os.makedirs(args.scratch)
    # ctest sends SIGTERM on timeout: turn it into SystemExit so `finally` blocks clean up.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(124))
    return args


def run(cmd, cwd=None, env=None, timeout=120, input_bytes=None):
    """Runs cmd; returns CompletedProcess with bytes stdout/stderr."""
    return subprocess.run(cmd, cwd=cwd, env=env, timeout=timeout, input=input_bytes,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def text(b):
    return b.decode("utf-8", errors="replace")


def copy_project(root, dest):
    """Copies what `l10n build` reads into dest (created); returns dest."""
    os.makedirs(dest, exist_ok=True)
    for item in PROJECT_ITEMS:
        src = os.path.join(root, item)
        dst = os.path.join(dest, item)
        if os.path.isdir(src):
            shutil.copytree(src, dst)
        else:
            shutil.copy2(src, dst)
    return dest


def tree_digest(top):
    """{relative path: sha256} for every file under top (symlinks listed as such)."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, top)
            if os.path.islink(path):
                out[rel] = "symlink:" + os.readlink(path)
            else:
                with open(path, "rb") as f:
                    out[rel] = hashlib.sha256(f.read()).hexdigest()
    return out


def diff_digests(a, b):
    """Human-readable differences between two tree_digest results ([] when equal)."""
    lines = []
    for rel in sorted(set(a) | set(b)):
        if rel not in a:
            lines.append(f"only in second: {rel}")
        elif rel not in b:
            lines.append(f"only in first: {rel}")
        elif a[rel] != b[rel]:
            lines.append(f"differs: {rel}")
    return lines


def first_diff(a, b):
    """Where two byte strings first differ, as 'line L col C', or None when equal."""
    if a == b:
        return None
    n = min(len(a), len(b))
    i = next((k for k in range(n) if a[k] != b[k]), n)
    line = a.count(b"\n", 0, i) + 1
    col = i - (a.rfind(b"\n", 0, i) + 1) + 1
    return f"byte {i} (line {line} col {col})"
