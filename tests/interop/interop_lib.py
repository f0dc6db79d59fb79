"""Helpers for the interoperability tests (python3 standard library only).

Reuses tests/l10n_testlib.py (argument parsing, Checker, run) and adds what the interop tests
share: the documents under test, XLIFF 1.2 helpers, pseudo-translation, and a comparison of a
merged page with its source document (text blocks translated, inline elements intact).
"""

import collections
import html.parser
import os
import re
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import l10n_testlib as lib  # noqa: E402,F401  (re-exported)

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
X12 = "{%s}" % NS12
NS20 = "urn:oasis:names:tc:xliff:document:2.0"


def documents(root):
    """{name: path} of the XHTML documents every interop test runs on."""
    return {
        "guide": os.path.join(root, "source-content", "microneedling-guide.xhtml"),
        "stress": os.path.join(HERE, "stress.xhtml"),
    }


def cmdline(cmd, env_prefix=""):
    return (env_prefix + " " if env_prefix else "") + " ".join(
        c if re.fullmatch(r"[\w@%+=:,./-]+", c) else "'" + c.replace("'", "'\\''") + "'"
        for c in cmd)


def show(p, cmd):
    """What a failed command did, for a check's detail."""
    return (f"$ {cmdline(cmd)}\nexit {p.returncode}\n"
            f"{lib.text(p.stdout)[-3000:]}{lib.text(p.stderr)[-3000:]}")


def extract(args, c, source, out, *opts, locale="es"):
    """Runs `l10n extract`; returns True when it wrote out."""
    cmd = [args.l10n, "extract", source, "--target-locale", locale, *opts, "-o", out]
    p = lib.run(cmd)
    return c.check(p.returncode == 0 and os.path.isfile(out),
                   f"l10n extract {os.path.basename(source)} {' '.join(opts)}: exit 0",
                   show(p, cmd))


def merge(args, source, xlf, out):
    """Runs `l10n merge`; returns (CompletedProcess, cmd)."""
    cmd = [args.l10n, "merge", source, xlf, "-o", out]
    return lib.run(cmd), cmd


def validate(args, xlf):
    cmd = [args.l10n, "validate", xlf]
    return lib.run(cmd), cmd


# ---------------------------------------------------------------------------------------------
# Pseudo-translation

_ACCENTS = str.maketrans("aeiouyAEIOUYcnCN", "áéíóúýÁÉÍÓÚÝçñÇÑ")


def accent(text):
    return text.translate(_ACCENTS)


# ---------------------------------------------------------------------------------------------
# Pages: a small tree from html.parser, for the source XHTML and the merged HTML alike.

INLINE = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i",
          "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
          "time", "u", "var", "wbr", "ruby", "rt", "rp", "output", "meter"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
SKIPPED = {"script", "style", "template", "noscript", "svg", "math"}
TRANSLATABLE_ATTRS = ("alt", "title", "aria-label", "placeholder")


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []  # Node or str

    def elements(self):
        for ch in self.children:
            if isinstance(ch, Node):
                yield ch
                yield from ch.elements()

    def translate_no(self):
        return self.attrs.get("translate") == "no"


class _TreeBuilder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, [(k, v if v is not None else "") for k, v in attrs], self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        node = Node(tag, [(k, v if v is not None else "") for k, v in attrs], self.cur)
        self.cur.children.append(node)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse_page(path):
    with open(path, encoding="utf-8") as f:
        data = f.read()
    b = _TreeBuilder()
    b.feed(data)
    b.close()
    return b.root


def _has_text(node):
    for ch in node.children:
        if isinstance(ch, str):
            if ch.strip():
                return True
        elif ch.tag not in SKIPPED and _has_text(ch):
            return True
    return False


def _has_block_child(node):
    for ch in node.children:
        if isinstance(ch, Node) and ch.tag not in SKIPPED:
            if ch.tag not in INLINE or _has_block_child(ch):
                return True
    return False


def text_of(node, skip_protected=True):
    """The node's text; translate="no" subtrees left out (skip_protected) or kept."""
    out = []
    for ch in node.children:
        if isinstance(ch, str):
            out.append(ch)
        elif ch.tag in SKIPPED or (skip_protected and ch.translate_no()):
            out.append(" ")
        else:
            out.append(text_of(ch, skip_protected))
    return "".join(out)


def norm(s):
    return " ".join(s.split())


def blocks(root):
    """Text blocks in document order: elements outside inline markup that hold text and no
    other block (title, headings, paragraphs, list items, cells, captions)."""
    out = []

    def walk(node, protected):
        for ch in node.children:
            if not isinstance(ch, Node) or ch.tag in SKIPPED:
                continue
            prot = protected or ch.translate_no()
            if ch.tag not in INLINE and not _has_block_child(ch) and _has_text(ch):
                if not prot:
                    out.append(ch)
                continue
            walk(ch, prot)

    walk(root, False)
    return out


def inline_signature(el, ignore_attrs=TRANSLATABLE_ATTRS):
    """(tag, sorted attributes) of an inline element, translatable attributes left out."""
    return (el.tag, tuple(sorted((k, v) for k, v in el.attrs.items() if k not in ignore_attrs)))


def inline_multiset(node):
    return collections.Counter(inline_signature(e) for e in node.elements() if e.tag in INLINE)


def translatable_attributes(root):
    """[(tag, attribute, value)] in document order, outside translate="no"."""
    out = []

    def walk(node, protected):
        for ch in node.children:
            if not isinstance(ch, Node) or ch.tag in SKIPPED:
                continue
            prot = protected or ch.translate_no()
            if not prot:
                for a in TRANSLATABLE_ATTRS:
                    if ch.attrs.get(a, "").strip():
                        out.append((ch.tag, a, ch.attrs[a]))
                if ch.tag == "meta" and ch.attrs.get("name", "").lower() in ("description",
                                                                             "keywords"):
                    out.append(("meta", "content", ch.attrs.get("content", "")))
            walk(ch, prot)

    walk(root, False)
    return out


def protected_texts(root):
    return [norm(text_of(e, skip_protected=False)) for e in root.elements() if e.translate_no()]


def compare_page(c, label, source_path, page_path, is_translated):
    """Checks a merged page against its source document.

    is_translated(source_text, page_text) -> bool tells whether a text (normalized) carries the
    expected translation. Checks: same blocks in the same order, each translated; each block has
    the same multiset of inline elements (tag and attributes, translatable attributes aside); the
    translatable attributes are translated; translate="no" text unchanged; nothing marked as
    published in English (lang="en" below <html>)."""
    src = parse_page(source_path)
    page = parse_page(page_path)
    sb, pb = blocks(src), blocks(page)
    c.check([b.tag for b in sb] == [b.tag for b in pb],
            f"{label}: page has the source's {len(sb)} text blocks, same tags, same order",
            f"source: {[b.tag for b in sb]}\npage:   {[b.tag for b in pb]}")
    untranslated, broken = [], []
    for s, p in zip(sb, pb):
        st, pt = norm(text_of(s)), norm(text_of(p))
        if st and not is_translated(st, pt):
            untranslated.append(f"<{p.tag}> source: {st[:90]!r}\n      page:   {pt[:90]!r}")
        ms, mp = inline_multiset(s), inline_multiset(p)
        if ms != mp:
            broken.append(f"<{s.tag}> {st[:60]!r}\n      only in source: {dict(ms - mp)}\n"
                          f"      only in page:   {dict(mp - ms)}")
    c.check(not untranslated, f"{label}: every text block carries the translation",
            f"{len(untranslated)} of {len(sb)} blocks not translated:\n" +
            "\n".join(untranslated[:12]))
    c.check(not broken, f"{label}: every block keeps its inline elements (tag + attributes)",
            "\n".join(broken[:12]))
    total_s, total_p = inline_multiset(src), inline_multiset(page)
    c.check(total_s == total_p,
            f"{label}: the page has the source's {sum(total_s.values())} inline elements",
            f"only in source: {dict(total_s - total_p)}\nonly in page: {dict(total_p - total_s)}")
    sa, pa = translatable_attributes(src), translatable_attributes(page)
    bad_attrs = [f"{t}@{a}: {v!r} -> {pv!r}" for (t, a, v), (_, _, pv) in zip(sa, pa)
                 if not is_translated(norm(v), norm(pv))]
    c.check(len(sa) == len(pa) and not bad_attrs,
            f"{label}: the {len(sa)} translatable attributes (alt, title, meta...) are translated",
            f"source {len(sa)}, page {len(pa)}\n" + "\n".join(bad_attrs[:12]))
    c.check(protected_texts(src) == protected_texts(page),
            f"{label}: translate=\"no\" text is published unchanged",
            f"source: {protected_texts(src)}\npage:   {protected_texts(page)}")
    english = [f"<{e.tag}> {norm(text_of(e))[:80]!r}" for e in page.elements()
               if e.attrs.get("lang", "").lower().startswith("en") and e.tag != "html"]
    c.check(not english, f"{label}: no element published in English (lang=\"en\")",
            "\n".join(english[:12]))


def bracketed(source_text, page_text):
    """The page text is the source's pseudo-translation: every segment bracketed and accented
    (accent()), nothing left in English: without its brackets it is accent(source)."""
    return ("[" in page_text and "]" in page_text
            and norm(page_text.replace("[", " ").replace("]", " ")) == norm(accent(source_text)))


def upper(source_text, page_text):
    """The page text is the source upper-cased (and differs from it)."""
    return page_text != source_text and page_text == source_text.upper()


# ---------------------------------------------------------------------------------------------
# XLIFF 1.2 helpers (ElementTree)

def register_namespaces():
    ET.register_namespace("", NS12)


def trans_units(path):
    return list(ET.parse(path).getroot().iter(X12 + "trans-unit"))
