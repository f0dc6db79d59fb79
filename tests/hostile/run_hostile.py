#!/usr/bin/env python3
"""run_hostile: feeds the l10n CLI hostile and broken inputs and checks each outcome.

The cases are the rows of cases.tsv (beside this file; inputs/ holds the committed inputs,
make_inputs.py regenerates both from the project's real files). Columns:

  id           case name
  inputs       comma-separated inputs: NAME (a file of inputs/, copied into the case's directory),
               NAME>REL (copied into the project copy at {root}/REL), or gen:KIND (generated at run
               time: see GENERATORS); "-" for none
  command      the command line, with {l10n} (the binary), {in}/{in2} (the first/second input),
               {out} (an output path in the case's directory), {root} (a fresh copy of the project:
               l10n.toml, source-content/, locales/), {http} (a loopback URL that must never be fetched)
  exit         expected exit code, or alternatives such as 0|2 (never a crash: a negative or >= 128
               code always fails)
  error_substring  text the located diagnostic must contain ("-": none expected)
  line         the line that diagnostic must name ("-": any, or none for a whole-file error such as a
               size limit)
  outputs      ";"-separated checks: absent:PATH (never created), unchanged:PATH (pre-created or
               existing, must stay byte-identical, nothing left beside it), page:PATH (an HTML page
               that must be inert: no <script>, no on* attribute, no javascript: URL, no C0 control,
               and the `visible` text shown as escaped text), contains:PATH (holds `visible`),
               validates:PATH (`l10n validate PATH` exits 0 after the command). When the case allows
               exit 2 (e.g. 0|2) and the command exits 2, page/contains/validates paths must instead
               be left as they were (not written)
  visible      the typed text a page must show as text (or a file must contain)
  requires     "tm": skipped, with the reason, while `l10n tm` does not exist
  description  what the case is

A diagnostic is located when it reads PATH:LINE:COL: error: (PATH:LINE: for TOML), PATH being a
file that exists; for error exits (2) it is looked for on stderr, for findings (exit 0/1) on stdout
and stderr. Each case runs in a fresh directory with a 30 s timeout. Prints one line per case and
"N passed, M failed" (", K skipped" when some are); exits 1 on any failure.
"""

import argparse
import html.parser
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT = 30
MEMORY_LIMIT = 1_000_000_000  # bytes: {memlimit} and the peak RSS reported by /usr/bin/time -v
CASE_COLUMNS = ["id", "inputs", "command", "exit", "error_substring", "line", "outputs", "visible", "requires",
                "description"]
PREVIOUS = b"<?xml version=\"1.0\"?>\n<!-- hostile-inputs sentinel: an earlier output that must survive -->\n<keep/>\n"
LOCATED = re.compile(r"^(?P<path>[^\n]+?):(?P<line>\d+):(?:(?P<col>\d+):)? ?(?P<sev>error|warning|info)"
                     r"(?:\[(?P<check>[\w.-]+)\])?: (?P<msg>.*)$")
UNLOCATED = re.compile(r"^(?P<path>[^\n:]+): (?P<sev>error|warning)(?:\[[\w.-]+\])?: (?P<msg>.*)$")


# ------------------------------------------------------------------ run-time inputs
def gen_deep_xhtml(path, depth=100_000):
    with open(path, "w", encoding="utf-8") as f:
        f.write('<html xmlns="http://www.w3.org/1999/xhtml" lang="en">\n<body>\n')
        f.write("<div>\n" * (depth - 2))
        f.write("<p>deep</p>\n")
        f.write("</div>\n" * (depth - 2))
        f.write("</body>\n</html>\n")


def gen_deep_xliff(path, depth=100_000):
    # <xliff> is line 1 (depth 1); the <mrk> chain starts at depth 6 on line 6.
    with open(path, "w", encoding="utf-8") as f:
        f.write('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="es">\n'
                '<file id="f1" original="microneedling-guide.xhtml">\n<unit id="title">\n<segment id="s1">\n'
                "<target>\n")
        f.write('<mrk id="m" translate="yes">\n' * (depth - 5))
        f.write("deep\n")
        f.write("</mrk>\n" * (depth - 5))
        f.write("</target>\n<source>x</source>\n</segment>\n</unit>\n</file>\n</xliff>\n")


def gen_huge_xhtml(path, size=200 * 1024 * 1024):
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="en">\n'
            "<head><title>Huge</title></head>\n<body>\n<p>").encode()
    tail = b"</p>\n</body>\n</html>\n"
    chunk = b"Microneedling stimulates collagen. " * 30000
    with open(path, "wb") as f:
        f.write(head)
        left = size
        while left > 0:
            piece = chunk[:left]
            f.write(piece)
            left -= len(piece)
        f.write(tail)


def gen_long_paragraph_xhtml(path, size=4 * 1024 * 1024):
    gen_huge_xhtml(path, size)


def gen_many_paragraphs_xhtml(path, count=50_000):
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="en">\n'
                "<head><title>Many paragraphs</title></head>\n<body>\n")
        for i in range(count):
            f.write(f"<p>Paragraph {i} is about microneedling.</p>\n")
        f.write("</body>\n</html>\n")


def gen_many_units_xliff(path, count=50_000):
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
                'version="2.0" srcLang="en" trgLang="es">\n<file id="f1" original="many.xhtml">\n')
        for i in range(count):
            f.write(f'<unit id="body.p-{i:08x}"><segment id="s1" state="translated"><source>Paragraph {i} is about '
                    f"microneedling.</source><target>El p\u00e1rrafo {i} trata de la micropunci\u00f3n.</target>"
                    "</segment></unit>\n")
        f.write("</file>\n</xliff>\n")


GENERATORS = {
    "long-paragraph-xhtml": ("long.xhtml", gen_long_paragraph_xhtml),
    "many-paragraphs-xhtml": ("many.xhtml", gen_many_paragraphs_xhtml),
    "many-units-xliff": ("many.xlf", gen_many_units_xliff),
    "deep-xhtml": ("deep.xhtml", gen_deep_xhtml),
    "deep-xliff": ("deep.xlf", gen_deep_xliff),
    "huge-xhtml": ("huge.xhtml", gen_huge_xhtml),
}


# ------------------------------------------------------------------ loopback listener
class Listener:
    """Accepts connections on 127.0.0.1 and records them: an entity or DTD must never be fetched."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits = []
        self.stop = False
        self.thread = threading.Thread(target=self.loop, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def loop(self):
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            try:
                conn.settimeout(1)
                self.hits.append(conn.recv(200))
                conn.sendall(b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n")
            except OSError:
                self.hits.append(b"?")
            finally:
                conn.close()

    def close(self):
        self.stop = True
        self.thread.join(2)
        self.sock.close()


# ------------------------------------------------------------------ page checks
class PageParser(html.parser.HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.texts = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.texts.append(data)


DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "img", "svg", "math", "form", "input", "base", "frame",
                  "frameset", "applet", "audio", "video", "textarea", "button", "select", "template", "style"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite"}


def check_page(path, visible, allowed_tags):
    """Problems of an HTML page (empty list: inert, and shows `visible`)."""
    problems = []
    with open(path, "rb") as f:
        raw = f.read()
    try:
        src = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return [f"page is not UTF-8: {e}"]
    controls = sorted({f"U+{ord(c):04X}" for c in src if (ord(c) < 0x20 and c not in "\t\n\r") or
                       0x7F <= ord(c) <= 0x9F})
    if controls:
        problems.append("control characters in the page: " + ", ".join(controls))
    p = PageParser()
    p.feed(src)
    p.close()
    for tag, attrs in p.tags:
        if tag in DANGEROUS_TAGS and tag not in allowed_tags:
            problems.append(f"live <{tag}> element in the page")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                problems.append(f"event attribute {name}= on <{tag}>")
            if name in URL_ATTRS and re.sub(r"[\s\x00-\x1f]", "", value).startswith(("javascript:", "vbscript:",
                                                                                          "data:text/html")):
                problems.append(f"{name}= URL {value[:40]!r} on <{tag}>")
            if tag == "meta" and name == "http-equiv" and value == "refresh":
                problems.append("<meta http-equiv=refresh>")
    if visible and visible != "-":
        shown = "".join(p.texts)
        in_attr = any(visible == (v or "") or visible in (v or "") for _, attrs in p.tags for _, v in attrs)
        if visible not in shown and not in_attr:
            problems.append(f"typed text {visible!r} is not shown as text (or attribute value) in the page")
        if "<" in visible and visible in src:
            problems.append(f"typed text {visible!r} stands unescaped in the HTML source")
    return problems


def tag_names(path):
    p = PageParser()
    with open(path, encoding="utf-8", errors="replace") as f:
        p.feed(f.read())
    return {t for t, _ in p.tags}


# ------------------------------------------------------------------ the runner
def parse_args():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--l10n", required=True, help="the l10n binary")
    ap.add_argument("--root", required=True, help="the project root (read only)")
    ap.add_argument("--work", required=True, help="scratch directory (emptied)")
    ap.add_argument("--cases", default=os.path.join(HERE, "cases.tsv"))
    ap.add_argument("--only", action="append", default=[], help="run only the case(s) whose id contains this")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each command and its output")
    return ap.parse_args()


def load_cases(path):
    cases = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header != CASE_COLUMNS:
            sys.exit(f"{path}: header must be {CASE_COLUMNS}, is {header}")
        for n, line in enumerate(f, 2):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) != len(CASE_COLUMNS):
                sys.exit(f"{path}:{n}: {len(cells)} columns, expected {len(CASE_COLUMNS)}")
            cases.append(dict(zip(CASE_COLUMNS, cells), tsv_line=n))
    return cases


def has_command(l10n, name):
    try:
        p = subprocess.run([l10n, "--help"], capture_output=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return re.search(rb"^\s+" + re.escape(name.encode()) + rb"\s", p.stdout + p.stderr, re.M) is not None


def copy_project(root, dest):
    os.makedirs(dest)
    shutil.copy2(os.path.join(root, "l10n.toml"), dest)
    for d in ("source-content", "locales"):
        shutil.copytree(os.path.join(root, d), os.path.join(dest, d))


def read_bytes(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


class Case:
    def __init__(self, spec, args, listener, features, allowed_tags):
        self.spec = spec
        self.args = args
        self.listener = listener
        self.features = features
        self.allowed_tags = allowed_tags
        self.failures = []
        self.note = ""

    def fail(self, message):
        self.failures.append(message)

    def run(self):
        s = self.spec
        if s["requires"] != "-" and s["requires"] not in self.features:
            return "skip", f"`l10n {s['requires']}` does not exist in this build (case kept; it must pass once it does)"
        work = os.path.join(self.args.work, s["id"])
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        uses_root = "{root}" in s["command"] or "{root}" in s["outputs"] or ">" in s["inputs"]
        root = os.path.join(work, "project")
        if uses_root:
            copy_project(self.args.root, root)
        out = os.path.join(work, "output", "out")
        os.makedirs(os.path.dirname(out))
        subst = {"{l10n}": self.args.l10n, "{root}": root, "{out}": out, "{http}": self.listener.url,
                 # An address-space limit; an ASan build reserves terabytes of shadow memory, so it
                 # runs without one (the peak RSS that /usr/bin/time -v reports is still checked).
                 "{memlimit}": "" if self.features.get("asan") else f"prlimit --as={MEMORY_LIMIT}"}
        ins = []
        for item in ([] if s["inputs"] == "-" else s["inputs"].split(",")):
            if item.startswith("gen:"):
                name, make = GENERATORS[item[4:]]
                dest = os.path.join(work, name)
                make(dest)
            else:
                name, _, rel = item.partition(">")
                data = read_bytes(os.path.join(HERE, "inputs", name))
                if data is None:
                    return "fail", f"missing input file inputs/{name}"
                data = data.replace(b"{http}", self.listener.url.encode())
                dest = os.path.join(root, rel) if rel else os.path.join(work, name)
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                with open(dest, "wb") as f:
                    f.write(data)
            ins.append(dest)
        if ins:
            subst["{in}"] = ins[0]
        if len(ins) > 1:
            subst["{in2}"] = ins[1]

        def expand(text):
            for k, v in subst.items():
                text = text.replace(k, v)
            return text

        # Outputs: pre-create / remember what must not change.
        checks = [] if s["outputs"] == "-" else [c for c in s["outputs"].split(";") if c]
        before = {}
        for c in checks:
            kind, _, path = c.partition(":")
            path = expand(path)
            if kind == "unchanged":
                if read_bytes(path) is None:
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    with open(path, "wb") as f:
                        f.write(PREVIOUS)
                before[path] = (read_bytes(path), sorted(os.listdir(os.path.dirname(path))))
            elif kind in ("page", "contains", "validates"):
                before[path] = (read_bytes(path), None)
            elif kind == "absent" and os.path.exists(path):
                if path.startswith(work):
                    return "fail", f"{path} exists before the run"
                shutil.rmtree(path, ignore_errors=True) if os.path.isdir(path) else os.remove(path)

        argv = []
        for a in shlex.split(s["command"]):
            argv.extend(shlex.split(subst["{memlimit}"]) if a == "{memlimit}" else [expand(a)])
        hits_before = len(self.listener.hits)
        started = time.monotonic()
        try:
            p = subprocess.run(argv, cwd=root if uses_root else work, capture_output=True, timeout=TIMEOUT,
                               env=dict(os.environ, LC_ALL="C.UTF-8"))
        except subprocess.TimeoutExpired as e:
            self.fail(f"timed out after {TIMEOUT}s (hang?)")
            p = subprocess.CompletedProcess(argv, None, e.stdout or b"", e.stderr or b"")
        elapsed = time.monotonic() - started
        stdout = p.stdout.decode("utf-8", "replace")
        stderr = p.stderr.decode("utf-8", "replace")
        self.command = " ".join(shlex.quote(a) for a in argv)
        self.stdout, self.stderr, self.returncode = stdout, stderr, p.returncode
        if self.args.verbose:
            print(f"   $ {self.command}\n   exit {p.returncode} in {elapsed:.1f}s\n" +
                  "".join(f"   | {l}\n" for l in (stderr + stdout).splitlines()[:12]))

        # 0. Peak memory, when the command runs under /usr/bin/time -v.
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
        if m and int(m.group(1)) * 1024 > MEMORY_LIMIT:
            self.fail(f"peak RSS {int(m.group(1)) // 1024} MB, over {MEMORY_LIMIT // 1_000_000} MB")

        # 1. Exit code, never a crash.
        rc = p.returncode
        if rc is not None:
            if rc < 0 or rc >= 128:
                self.fail(f"crashed: exit {rc}" + (f" (signal {-rc})" if rc < 0 else ""))
            elif str(rc) not in s["exit"].split("|"):
                self.fail(f"exit {rc}, expected {s['exit']}")
        for marker in ("AddressSanitizer", "runtime error:", "LeakSanitizer", "terminate called", "Segmentation"):
            if marker in stderr:
                self.fail(f"sanitizer/abort report on stderr ({marker})")
        if len(self.listener.hits) > hits_before:
            self.fail(f"fetched {self.listener.url}: {self.listener.hits[hits_before][:80]!r}")

        # 2. The located diagnostic.
        self.check_diagnostic(stdout, stderr, root if uses_root else work)

        # 3. Outputs.
        for c in checks:
            kind, _, path = c.partition(":")
            path = expand(path)
            if kind == "absent":
                if os.path.exists(path):
                    self.fail(f"{os.path.relpath(path, work) if path.startswith(work) else path} was written "
                              "despite the error")
                parent = os.path.dirname(path)
                if os.path.isdir(parent) and parent.startswith(work):
                    stray = [n for n in os.listdir(parent) if n != os.path.basename(path)]
                    if stray and parent == os.path.dirname(out):
                        self.fail(f"left files beside the output: {stray}")
            elif kind == "unchanged":
                data, listing = before[path]
                if read_bytes(path) != data:
                    self.fail(f"{os.path.relpath(path, work)} changed despite the error")
                now = sorted(os.listdir(os.path.dirname(path)))
                if now != listing:
                    self.fail(f"files appeared beside {os.path.basename(path)}: {sorted(set(now) - set(listing))}")
            elif kind in ("page", "contains", "validates") and rc == 2 and "2" in s["exit"].split("|"):
                # The case allows refusing the input: then nothing may have been written.
                if read_bytes(path) != before.get(path, (None, None))[0]:
                    self.fail(f"{os.path.relpath(path, work)} was written (or changed) despite the error")
            elif kind in ("page", "contains"):
                if not os.path.isfile(path):
                    self.fail(f"{os.path.relpath(path, work)} was not written")
                    continue
                if kind == "page":
                    for problem in check_page(path, s["visible"], self.allowed_tags):
                        self.fail(problem)
                elif s["visible"] != "-" and s["visible"].encode() not in read_bytes(path):
                    self.fail(f"{os.path.relpath(path, work)} does not contain {s['visible']!r}")
            elif kind == "validates":
                v = subprocess.run([self.args.l10n, "validate", path], capture_output=True, timeout=TIMEOUT)
                if v.returncode != 0:
                    err = v.stderr.decode("utf-8", "replace").strip().splitlines()
                    self.fail(f"{os.path.basename(path)} written by the command no longer validates: "
                              f"{err[0][:200] if err else v.returncode}")
            else:
                self.fail(f"unknown output check {c!r}")
        if elapsed > TIMEOUT:
            self.fail(f"took {elapsed:.0f}s")
        self.note = f"exit {rc}, {elapsed:.1f}s"
        return ("fail" if self.failures else "pass"), "; ".join(self.failures)

    def check_diagnostic(self, stdout, stderr, cwd):
        s = self.spec
        want_sub = s["error_substring"]
        want_line = s["line"]
        is_error = self.returncode == 2 or s["exit"] == "2"
        streams = stderr if is_error else stdout + "\n" + stderr
        lines = [l for l in streams.splitlines() if l.strip()]
        candidates = []  # (path, line, col, text)
        for l in lines:
            m = LOCATED.match(l)
            if m and (not is_error or m.group("sev") == "error"):
                candidates.append((m.group("path"), m.group("line"), m.group("col"), l))
        if is_error:
            first = next((l for l in lines if re.search(r"\berror\b", l)), None)
            if first is None:
                self.fail("no error message on stderr")
                return
            m = LOCATED.match(first)
            if m is None:
                u = UNLOCATED.match(first)
                if u and want_line == "-":
                    candidates = [(u.group("path"), None, None, first)]
                else:
                    self.fail(f"error is not located (PATH:LINE:COL: error:): {first[:200]!r}")
                    return
            else:
                candidates = [c for c in candidates if c[3] == first] + [c for c in candidates if c[3] != first]
        elif want_sub == "-" or "|" in s["exit"]:
            return  # with alternatives (0|2), the diagnostic columns describe the refusal
        if not candidates:
            self.fail("no located diagnostic (PATH:LINE:COL: severity:)")
            return
        first_problems = None
        for path, line, col, text in candidates:
            problems = []
            if not os.path.exists(os.path.join(cwd, path)):
                problems.append(f"names {path!r}, which is not a file")
            if line is not None and col is None and not path.endswith((".toml", ".tsv", ".csv")):
                problems.append("has a line but no column")
            if want_sub != "-" and want_sub not in text:
                problems.append(f"lacks {want_sub!r}")
            if want_line != "-" and line not in want_line.split("|"):
                problems.append(f"names line {line or 'none'}, expected {want_line}")
            if not problems:
                return
            if first_problems is None:
                first_problems = (problems, text)
        problems, text = first_problems
        self.fail(f"diagnostic {', '.join(problems)}: {text[:220]!r}")


def main():
    args = parse_args()
    args.l10n = os.path.abspath(args.l10n)
    args.root = os.path.abspath(args.root)
    args.work = os.path.abspath(args.work)
    if not os.access(args.l10n, os.X_OK):
        sys.exit(f"run_hostile: {args.l10n} is not an executable")
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    cases = load_cases(args.cases)
    if args.only:
        cases = [c for c in cases if any(o in c["id"] for o in args.only)]
    features = {name: True for name in ("tm",) if has_command(args.l10n, name)}
    with open(args.l10n, "rb") as f:
        features["asan"] = b"__asan_init" in f.read()
    # Tags the untouched guide's page has: a merged page may have these and no others of the dangerous kind.
    allowed = set()
    ref = os.path.join(args.work, "_reference.html")
    p = subprocess.run([args.l10n, "merge", os.path.join(args.root, "source-content", "microneedling-guide.xhtml"),
                        os.path.join(args.root, "locales", "es", "microneedling-guide.xlf"), "-o", ref],
                       capture_output=True, timeout=TIMEOUT)
    if p.returncode == 0:
        allowed = tag_names(ref) & DANGEROUS_TAGS
    listener = Listener()
    counts = {"pass": 0, "fail": 0, "skip": 0}
    try:
        for spec in cases:
            c = Case(spec, args, listener, features, allowed)
            try:
                verdict, why = c.run()
            except Exception as e:  # a runner problem is a failure of the case, not of the run
                verdict, why = "fail", f"runner error: {type(e).__name__}: {e}"
            counts[verdict] += 1
            label = {"pass": "PASS", "fail": "FAIL", "skip": "SKIP"}[verdict]
            line = f"{label} {spec['id']}"
            if verdict == "pass":
                line += f"  ({c.note})"
            else:
                line += f"  -- {why}"
            print(line, flush=True)
            if verdict == "fail":
                print(f"     command: {getattr(c, 'command', spec['command'])}")
                err = (getattr(c, "stderr", "") or getattr(c, "stdout", "")).strip().splitlines()
                for l in err[:3]:
                    print(f"     | {l[:300]}")
            # The generated giants are not kept.
            for kind in {name for name, _ in GENERATORS.values()}:
                path = os.path.join(args.work, spec["id"], kind)
                if os.path.exists(path):
                    os.remove(path)
    finally:
        listener.close()
    summary = f"{counts['pass']} passed, {counts['fail']} failed"
    if counts["skip"]:
        summary += f", {counts['skip']} skipped"
    print(summary)
    return 1 if counts["fail"] else 0


if __name__ == "__main__":
    sys.exit(main())
