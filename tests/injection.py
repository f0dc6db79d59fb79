#!/usr/bin/env python3
"""injection: markup a translator types into a <target> is published as text, never as markup.

The translator types `<script>alert(1)</script>`, `<img src=x onerror=alert(2)>` and
`javascript:alert(3)` (XML-escaped in the file, as an XLIFF tool saves them) into several targets
of locales/es/microneedling-guide.xlf: the page title, the meta description, the h1, a heading, a
link's text and an attribute unit (abbr@title). Then:

- `l10n merge` of that XLIFF 2.0 file, and of the same attack in an XLIFF 1.2 file;
- `l10n build` of a project copy with the attacked es files (guide and page template);

and each page is parsed (html.parser): no <script> element, no on* event attribute, no href/src
starting with javascript:, and the typed text is there as text (title, description, headings,
tooltip), escaped in the HTML source.
"""

import html
import os
import re
import sys
from html.parser import HTMLParser

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import l10n_testlib as lib  # noqa: E402

args = lib.parse_args(__doc__)
c = lib.Checker("injection")

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
JS = "javascript:alert(3)"
ANCHOR = '<a href="javascript:alert(4)">x</a>'


def esc(s):
    """As an XLIFF tool writes typed text into <target>."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []            # (tag, attrs dict)
        self.stack = []
        self.text_by_tag = {}     # tag -> list of texts (innermost open element)
        self.all_text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "link", "img", "br", "input", "hr", "source", "wbr"):
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        self.all_text.append(data)
        for t in self.stack:
            self.text_by_tag.setdefault(t, []).append(data)

    def text_of(self, tag):
        return " ".join("".join(self.text_by_tag.get(tag, [])).split())


def check_page(label, page_path, expect_visible):
    """expect_visible: list of (where, typed text) that must be shown as text."""
    with open(page_path, encoding="utf-8") as f:
        src = f.read()
    p = PageParser()
    p.feed(src)
    p.close()
    scripts = [a for t, a in p.tags if t == "script"]
    c.check(not scripts, f"{label}: no <script> element", str(scripts))
    on_attrs = [(t, k) for t, a in p.tags for k in a if k.lower().startswith("on")]
    c.check(not on_attrs, f"{label}: no on* event attribute", str(on_attrs))
    js_urls = [(t, k, v) for t, a in p.tags for k, v in a.items()
               if k in ("href", "src", "action", "formaction", "xlink:href") and v is not None
               and re.sub(r"[\x00-\x20]", "", v).lower().startswith("javascript:")]
    c.check(not js_urls, f"{label}: no href/src starting with javascript:", str(js_urls))
    imgs = [a for t, a in p.tags if t == "img" and a.get("src") == "x"]
    c.check(not imgs, f"{label}: no <img src=x> element", str(imgs))
    metas = {a.get("name"): a.get("content") for t, a in p.tags if t == "meta" and a.get("name")}
    abbr_titles = [a.get("title", "") for t, a in p.tags if t == "abbr"]
    for where, typed in expect_visible:
        if where == "meta-description":
            got = metas.get("description") or ""
        elif where == "abbr@title":
            got = " ".join(abbr_titles)
        else:
            got = p.text_of(where)
        c.check(typed in got, f"{label}: {where} shows {typed!r} as text", f"{where} = {got!r}")
    # In the source the typed angle brackets are escaped: the raw typed markup is nowhere.
    for typed in (SCRIPT, IMG, ANCHOR):
        c.check(typed not in src, f"{label}: {typed!r} is escaped in the HTML source")
    c.check("&lt;script&gt;" in src, f"{label}: the HTML source holds the escaped &lt;script&gt;")


GUIDE = os.path.join(args.root, "source-content", "microneedling-guide.xhtml")
with open(os.path.join(args.root, "locales", "es", "microneedling-guide.xlf"),
          encoding="utf-8") as f:
    es20 = f.read()


def replace_target(doc, unit_id, new_inner, version="2.0"):
    """Replaces the (first) <target> content of unit unit_id; the state stays as it is."""
    tag = "unit" if version == "2.0" else "trans-unit"
    start = doc.index(f'<{tag} id="{unit_id}"')
    end = doc.index(f"</{tag}>", start)
    unit = doc[start:end]
    unit2, n = re.subn(r"(<target\b[^>]*>).*?(</target>)",
                       lambda m: m.group(1) + new_inner + m.group(2), unit, count=1, flags=re.S)
    assert n == 1, unit_id
    return doc[:start] + unit2 + doc[end:]


def first_id(doc, name, version="2.0"):
    """Id of the first unit whose name (2.0) or resname (1.2) is `name`."""
    attr = "name" if version == "2.0" else "resname"
    tag = "unit" if version == "2.0" else "trans-unit"
    return re.search(rf'<{tag} id="([^"]+)" {attr}="{re.escape(name)}"', doc).group(1)


# Units attacked, and where the typed text must then be visible.
title_text = f"{SCRIPT} {JS}"
desc_text = f"{SCRIPT} {IMG} {JS}"
h1_text = f"{IMG} {SCRIPT}"
h2_text = ANCHOR
abbr_text = f'{JS} "{IMG}'
EXPECT = [("title", title_text), ("meta-description", desc_text), ("h1", h1_text),
          ("h2", h2_text), ("abbr@title", abbr_text), ("li", JS)]

att20 = es20
att20 = replace_target(att20, "title", esc(title_text))
att20 = replace_target(att20, "meta-description", esc(desc_text))
att20 = replace_target(att20, first_id(att20, "h1"), esc(h1_text))
att20 = replace_target(att20, first_id(att20, "h2"), esc(h2_text))
att20 = replace_target(att20, first_id(att20, "abbr@title"), esc(abbr_text))
# The first table-of-contents link: the typed text goes inside the kept link code.
li_id = first_id(att20, "li")
li_start = att20.index(f'<unit id="{li_id}"')
li_target = re.search(r"<target>(<pc [^>]*>).*?(</pc>)</target>", att20[li_start:])
att20 = replace_target(att20, li_id, li_target.group(1) + esc(JS) + li_target.group(2))

work = os.path.join(args.scratch, "merge")
os.makedirs(work)
x20 = os.path.join(work, "es-attacked.2.0.xlf")
with open(x20, "w", encoding="utf-8") as f:
    f.write(att20)
p = lib.run([args.l10n, "validate", x20])
c.check(p.returncode == 0, "attacked XLIFF 2.0 is still valid (the translator's file is fine)",
        lib.text(p.stdout) + lib.text(p.stderr))
page20 = os.path.join(work, "es-attacked.2.0.html")
cmd = [args.l10n, "merge", GUIDE, x20, "-o", page20]
p = lib.run(cmd)
if c.check(p.returncode == 0 and os.path.isfile(page20), "merge of the attacked XLIFF 2.0: exit 0",
           f"$ {' '.join(cmd)}\nexit {p.returncode}\n{lib.text(p.stderr)}"):
    check_page("merge 2.0", page20, EXPECT)

# The same attack in XLIFF 1.2 (--copy-source, then the translator edits and sets a state).
x12 = os.path.join(work, "es-attacked.1.2.xlf")
p = lib.run([args.l10n, "extract", GUIDE, "--target-locale", "es", "--xliff-version", "1.2",
             "--copy-source", "-o", x12])
c.check(p.returncode == 0, "extract XLIFF 1.2 --copy-source", lib.text(p.stderr))
with open(x12, encoding="utf-8") as f:
    d12 = f.read()
d12 = d12.replace('state="needs-translation"', 'state="translated"')
d12 = replace_target(d12, "title", esc(title_text), "1.2")
d12 = replace_target(d12, "meta-description", esc(desc_text), "1.2")
d12 = replace_target(d12, first_id(d12, "h1", "1.2"), esc(h1_text), "1.2")
d12 = replace_target(d12, first_id(d12, "h2", "1.2"), esc(h2_text), "1.2")
d12 = replace_target(d12, first_id(d12, "abbr@title", "1.2"), esc(abbr_text), "1.2")
li12 = first_id(d12, "li", "1.2")
li12_start = d12.index(f'<trans-unit id="{li12}"')
g = re.search(r"<target[^>]*>(<g [^>]*>).*?(</g>)</target>", d12[li12_start:])
d12 = replace_target(d12, li12, g.group(1) + esc(JS) + g.group(2), "1.2")
with open(x12, "w", encoding="utf-8") as f:
    f.write(d12)
page12 = os.path.join(work, "es-attacked.1.2.html")
cmd = [args.l10n, "merge", GUIDE, x12, "-o", page12]
p = lib.run(cmd)
if c.check(p.returncode == 0 and os.path.isfile(page12), "merge of the attacked XLIFF 1.2: exit 0",
           f"$ {' '.join(cmd)}\nexit {p.returncode}\n{lib.text(p.stderr)}"):
    check_page("merge 1.2", page12, EXPECT)

# The whole build: the page frame (template) and head are assembled by another code path.
proj = lib.copy_project(args.root, os.path.join(args.scratch, "build", "project"))
with open(os.path.join(proj, "locales", "es", "microneedling-guide.xlf"), "w",
          encoding="utf-8") as f:
    f.write(att20)
tpl_path = os.path.join(proj, "locales", "es", "page-template.xlf")
with open(tpl_path, encoding="utf-8") as f:
    tpl = f.read()
tpl = replace_target(tpl, first_id(tpl, "a"), esc(SCRIPT))
tpl = replace_target(tpl, first_id(tpl, "nav@aria-label"), esc(f'" onmouseover="alert(5) {IMG}'))
with open(tpl_path, "w", encoding="utf-8") as f:
    f.write(tpl)
# Escaping must hold even when QA is overridden: publish es whatever the findings.
toml_path = os.path.join(proj, "l10n.toml")
with open(toml_path, encoding="utf-8") as f:
    toml = f.read()
toml, n = re.subn(r"(?m)^publish_with_errors\s*=\s*false", "publish_with_errors = true", toml)
c.check(n == 1, "project copy set to publish_with_errors = true")
with open(toml_path, "w", encoding="utf-8") as f:
    f.write(toml)
p = lib.run([args.l10n, "build"], cwd=proj)
page = os.path.join(proj, "out", "site", "es", "microneedling-guide.html")
if c.check(p.returncode in (0, 1) and os.path.isfile(page), "build with the attacked es files: "
           "finished, es page written", f"exit {p.returncode}\n{lib.text(p.stdout)}{lib.text(p.stderr)}"):
    check_page("build es page", page, EXPECT + [("a", SCRIPT)])
    with open(page, encoding="utf-8") as f:
        src = f.read()
    pp = PageParser()
    pp.feed(src)
    labels = [a.get("aria-label", "") for t, a in pp.tags if t == "nav"]
    c.check(any(f'" onmouseover="alert(5) {IMG}' in v for v in labels),
            "build es page: a typed quote stays inside the aria-label attribute", str(labels))

c.finish()
