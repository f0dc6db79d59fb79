#!/usr/bin/env python3
"""site_structure: the built site is one consistent multilingual site.

In a temp copy of the project, `l10n build`; then, for every out/site/*/*.html (html.parser):
- <html lang> equals the folder; dir="rtl" exactly for ar (and dir="ltr" elsewhere);
- every indexable page has one canonical link (to itself) and rel=alternate hreflang for en, es,
  fr, de, pt-BR, ar, ja and x-default, no qps-ploc; each alternate href is base_url + a path
  that exists under out/site/;
- out/site/sitemap.xml lists exactly those pages, each with the same alternates as the page;
- the language switcher links (nav.language-switcher a) resolve to existing files;
- the qps-ploc page exists, has <meta name="robots" content="noindex">, bracketed accented text,
  and is in neither the sitemap nor any alternate;
- out/report.json shows completion_percent 100 and published true for every locale.

Then, in a second copy where the Spanish XLIFF has an error (a changed number), the build exits 1,
es is not published, there is no out/site/es/, and no page, sitemap entry or switcher links to es.

Last, a project of four copies of the guide whose Spanish segments are all in state initial
(68 "not-final" findings each): the report counts all of them but lists the first 200 only, and
says how to see the rest.
"""

import json
import os
import posixpath
import re
import sys
import tomllib
import unicodedata
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import l10n_testlib as lib  # noqa: E402

args = lib.parse_args(__doc__)
c = lib.Checker("site_structure")

INDEXED = ["en", "es", "fr", "de", "pt-BR", "ar", "ja"]
HREFLANGS = INDEXED + ["x-default"]
PSEUDO = "qps-ploc"
RTL = {"ar"}

proj = lib.copy_project(args.root, os.path.join(args.scratch, "project"))
with open(os.path.join(proj, "l10n.toml"), "rb") as f:
    config = tomllib.load(f)
base_url = config["project"]["base_url"]
if not base_url.endswith("/"):
    base_url += "/"
p = lib.run([args.l10n, "build"], cwd=proj)
c.check(p.returncode == 0, "l10n build in a temp copy: exit 0 (every locale published)",
        f"exit {p.returncode}\n{lib.text(p.stdout)}{lib.text(p.stderr)}")
if not os.path.isdir(os.path.join(proj, "out", "site")):
    c.finish()
site = os.path.join(proj, "out", "site")


def url_to_file(url):
    """The file under out/site/ that a base_url URL names, or None if it is outside base_url."""
    if not url.startswith(base_url):
        return None
    rel = urlsplit(url[len(base_url):]).path
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    return os.path.join(site, *rel.split("/"))


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.html_attrs = None
        self.links = []          # attrs of <link>
        self.metas = []          # attrs of <meta>
        self.switcher = []       # href of nav.language-switcher a
        self.nav_depth = 0       # >0 inside nav.language-switcher
        self.stack = []
        self.text = []
        self.body_text = []
        self.in_body = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html" and self.html_attrs is None:
            self.html_attrs = a
        elif tag == "link":
            self.links.append(a)
        elif tag == "meta":
            self.metas.append(a)
        elif tag == "body":
            self.in_body = True
        if tag == "nav":
            if self.nav_depth or "language-switcher" in (a.get("class") or "").split():
                self.nav_depth += 1
        if tag == "a" and self.nav_depth:
            self.switcher.append(a.get("href"))

    def handle_endtag(self, tag):
        if tag == "nav" and self.nav_depth:
            self.nav_depth -= 1

    def handle_data(self, data):
        if self.in_body:
            self.body_text.append(data)


pages = {}
for loc in sorted(os.listdir(site)):
    d = os.path.join(site, loc)
    if not os.path.isdir(d) or loc == "assets":
        continue
    for name in sorted(os.listdir(d)):
        if name.endswith(".html"):
            pages[(loc, name)] = os.path.join(d, name)
locales_found = sorted({loc for loc, _ in pages})
c.check(set(locales_found) == set(INDEXED + [PSEUDO]),
        f"a page folder for each of {', '.join(INDEXED + [PSEUDO])}", f"found {locales_found}")

page_alternates = {}  # canonical url -> {hreflang: href}
for (loc, name), path in pages.items():
    label = f"{loc}/{name}"
    with open(path, encoding="utf-8") as f:
        pg = Page()
        pg.feed(f.read())
    h = pg.html_attrs or {}
    c.check(h.get("lang") == loc, f"{label}: <html lang> is {loc!r}", f"lang={h.get('lang')!r}")
    want_dir = "rtl" if loc in RTL else "ltr"
    c.check((h.get("dir") or "ltr") == want_dir and (loc not in RTL or h.get("dir") == "rtl"),
            f"{label}: <html dir> is {want_dir}", f"dir={h.get('dir')!r}")
    canon = [l_.get("href") for l_ in pg.links if (l_.get("rel") or "").lower() == "canonical"]
    alts = [(l_.get("hreflang"), l_.get("href")) for l_ in pg.links
            if (l_.get("rel") or "").lower() == "alternate" and l_.get("hreflang")]
    self_url = base_url + f"{loc}/{name}"
    robots = [m.get("content", "") for m in pg.metas if (m.get("name") or "").lower() == "robots"]
    if loc == PSEUDO:
        c.check(any("noindex" in r.lower() for r in robots), f"{label}: meta robots noindex",
                str(robots))
        c.check(canon in ([], [self_url]), f"{label}: canonical, if any, is the page itself",
                str(canon))
        text = " ".join("".join(pg.body_text).split())
        brackets = re.findall(r"\[[^\[\]]+\]", text)
        accented = sum(1 for ch in text if unicodedata.decomposition(ch)
                       or ord(ch) > 0x24F and unicodedata.category(ch).startswith("L"))
        ascii_letters = sum(1 for ch in text if "a" <= ch.lower() <= "z")
        c.check(len(brackets) >= 10, f"{label}: bracketed text ({len(brackets)} [...] runs)")
        c.check(accented > ascii_letters, f"{label}: text is mostly accented letters "
                f"({accented} accented vs {ascii_letters} plain ASCII)")
        c.check("Zap Laser Center" in text, f"{label}: protected brand kept as is")
    else:
        c.check(not any("noindex" in r.lower() for r in robots), f"{label}: indexable (no noindex)",
                str(robots))
        c.check(canon == [self_url], f"{label}: one canonical link, to itself ({self_url})",
                str(canon))
        langs = [hl for hl, _ in alts]
        c.check(sorted(langs) == sorted(HREFLANGS),
                f"{label}: alternates for exactly {', '.join(HREFLANGS)}", str(langs))
        c.check(PSEUDO not in langs and not any(PSEUDO in (u or "") for _, u in alts),
                f"{label}: no qps-ploc alternate")
        amap = dict(alts)
        for hl, href in alts:
            f_ = url_to_file(href or "")
            c.check(f_ is not None and os.path.isfile(f_),
                    f"{label}: alternate {hl} -> existing page", f"{href} -> {f_}")
            if hl in INDEXED:
                c.check(href == base_url + f"{hl}/{name}", f"{label}: alternate {hl} is the {hl} "
                        "page", href)
        c.check(amap.get("x-default") == base_url + f"en/{name}",
                f"{label}: x-default is the source-language (en) page", amap.get("x-default"))
        page_alternates[self_url] = amap
    c.check(len(pg.switcher) > 0, f"{label}: has language-switcher links ({len(pg.switcher)})")
    for href in pg.switcher:
        target = urlsplit(urljoin(f"http://x/{loc}/{name}", href or "")).path
        f_ = os.path.join(site, *posixpath.normpath(target).lstrip("/").split("/"))
        c.check(href and os.path.isfile(f_), f"{label}: switcher link {href} exists", f_)
    switch_locs = sorted(posixpath.normpath(urlsplit(urljoin(f"http://x/{loc}/{name}", h_)).path)
                         .split("/")[1] for h_ in pg.switcher if h_)
    c.check(switch_locs == sorted(INDEXED), f"{label}: switcher offers exactly "
            f"{', '.join(INDEXED)}", str(switch_locs))

# The sitemap.
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XH = "{http://www.w3.org/1999/xhtml}"
sitemap_path = os.path.join(site, "sitemap.xml")
if c.check(os.path.isfile(sitemap_path), "out/site/sitemap.xml exists"):
    root = ET.parse(sitemap_path).getroot()
    c.check(root.tag == SM + "urlset", "sitemap root is sitemaps.org <urlset>", root.tag)
    sm = {}
    for url in root.findall(SM + "url"):
        loc_el = url.find(SM + "loc")
        loc_url = loc_el.text.strip() if loc_el is not None and loc_el.text else None
        c.check(loc_url not in sm, f"sitemap: {loc_url} listed once")
        sm[loc_url] = {l_.get("hreflang"): l_.get("href") for l_ in url.findall(XH + "link")
                       if l_.get("rel") == "alternate"}
    c.check(sorted(sm) == sorted(page_alternates),
            f"sitemap lists exactly the {len(page_alternates)} indexable pages",
            f"sitemap: {sorted(sm)}\npages:   {sorted(page_alternates)}")
    for u in sorted(set(sm) & set(page_alternates)):
        c.check(sm[u] == page_alternates[u], f"sitemap: {u} has the page's alternates",
                f"sitemap {sm[u]}\npage    {page_alternates[u]}")
        f_ = url_to_file(u)
        c.check(f_ is not None and os.path.isfile(f_), f"sitemap: {u} -> existing file")

# The report.
report_path = os.path.join(proj, "out", "report.json")
if c.check(os.path.isfile(report_path), "out/report.json exists"):
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    rep = {r.get("locale"): r for r in report.get("locales", [])}
    expected = set(INDEXED + [PSEUDO])
    c.check(expected <= set(rep), "report.json has every locale", f"{sorted(rep)}")
    for loc in sorted(rep):
        r = rep[loc]
        c.check(r.get("completion_percent") == 100, f"report {loc}: completion_percent 100",
                str(r.get("completion_percent")))
        c.check(r.get("published") is True, f"report {loc}: published true",
                str(r.get("published")))
        want = "rtl" if loc in RTL else "ltr"
        c.check(r.get("direction") == want, f"report {loc}: direction {want}",
                str(r.get("direction")))

# A locale that does not publish: nothing may link to it.
proj2 = lib.copy_project(args.root, os.path.join(args.scratch, "project-es-error"))
es_xlf = os.path.join(proj2, "locales", "es", "microneedling-guide.xlf")
with open(es_xlf, encoding="utf-8") as f:
    xlf = f.read()
broken = re.sub(r"(hasta el\s*)95", r"\g<1>59", xlf, count=1)
c.check(broken != xlf, "the Spanish XLIFF has the sentence whose number is changed")
with open(es_xlf, "w", encoding="utf-8") as f:
    f.write(broken)
p = lib.run([args.l10n, "build"], cwd=proj2, timeout=300)
c.check(p.returncode == 1 and "es:" in lib.text(p.stdout) and "NOT published" in lib.text(p.stdout),
        "es with an error: build exits 1 and says es is not published",
        f"exit {p.returncode}\n{lib.text(p.stdout)}{lib.text(p.stderr)}")
site2 = os.path.join(proj2, "out", "site")
c.check(os.path.isdir(os.path.join(site2, "en")) and not os.path.exists(os.path.join(site2, "es")),
        "es with an error: out/site/en exists, out/site/es does not")
links_to_es = []
for dirpath, _, filenames in os.walk(site2):
    for name in filenames:
        if not name.endswith((".html", ".xml")):
            continue
        with open(os.path.join(dirpath, name), encoding="utf-8") as f:
            body = f.read()
        if re.search(r'hreflang="es"|/es/', body):
            links_to_es.append(os.path.relpath(os.path.join(dirpath, name), site2))
c.check(not links_to_es, "es with an error: no page, switcher or sitemap entry links to es",
        "\n".join(links_to_es))
pages_fr = sorted(os.listdir(os.path.join(site2, "fr"))) if os.path.isdir(
    os.path.join(site2, "fr")) else []
c.check(pages_fr != [], "es with an error: fr is still built", str(pages_fr))
c.check(not [n for n in os.listdir(proj2) if ".staging-" in n],
        "es with an error: no staging directory left beside out/")

# The report lists at most 200 findings of one check per locale and counts every one.
proj3 = lib.copy_project(args.root, os.path.join(args.scratch, "project-many-findings"))
with open(os.path.join(proj3, "l10n.toml"), encoding="utf-8") as f:
    toml_text = f.read()
src = os.path.join(proj3, "source-content", "microneedling-guide.xhtml")
with open(os.path.join(proj3, "locales", "es", "microneedling-guide.xlf"), encoding="utf-8") as f:
    es_initial = re.sub(r'state="translated"', 'state="initial"', f.read())
for k in range(1, 4):
    name = f"guide-copy-{k}"
    with open(src, encoding="utf-8") as f:
        body = f.read()
    with open(os.path.join(proj3, "source-content", name + ".xhtml"), "w", encoding="utf-8") as f:
        f.write(body)
    toml_text += f'\n[[documents]]\nname = "{name}"\nsource = "source-content/{name}.xhtml"\n'
    with open(os.path.join(proj3, "locales", "es", name + ".xlf"), "w", encoding="utf-8") as f:
        f.write(es_initial.replace('original="microneedling-guide.xhtml"',
                                   f'original="{name}.xhtml"'))
with open(os.path.join(proj3, "locales", "es", "microneedling-guide.xlf"), "w",
          encoding="utf-8") as f:
    f.write(es_initial)
with open(os.path.join(proj3, "l10n.toml"), "w", encoding="utf-8") as f:
    f.write(toml_text)
p = lib.run([args.l10n, "build"], cwd=proj3, timeout=300)
c.check(p.returncode in (0, 1), "four documents in state initial: build finishes",
        f"exit {p.returncode}\n{lib.text(p.stdout)}{lib.text(p.stderr)}")
rep3_path = os.path.join(proj3, "out", "report.json")
if c.check(os.path.isfile(rep3_path), "four documents in state initial: report.json written"):
    with open(rep3_path, encoding="utf-8") as f:
        es3 = {r["locale"]: r for r in json.load(f)["locales"]}.get("es", {})
    total = es3.get("findings_by_check", {}).get("not-final", 0)
    listed = [x for x in es3.get("findings", []) if x.get("check") == "not-final"]
    c.check(total >= 4 * 60, f"report counts every not-final finding ({total})", str(total))
    c.check(len(listed) == 200, f"report lists the first 200 of them ({len(listed)})")
    c.check(es3.get("findings_total", 0) >= total, "findings_total counts them all")
    # Each locale lists the XLIFF files it read: the documents' in the configuration's order,
    # then the page template's.
    names = [d["name"] for d in tomllib.loads(toml_text)["documents"]]
    with open(rep3_path, encoding="utf-8") as f:
        files = {r["locale"]: r for r in json.load(f)["locales"]}
    for loc in ("es", "ja"):
        want = [f"locales/{loc}/{n}.xlf" for n in names] + [f"locales/{loc}/page-template.xlf"]
        c.check(files.get(loc, {}).get("xliff_files") == want,
                f"report {loc}: xliff_files lists the {len(want)} files in order",
                f"{files.get(loc, {}).get('xliff_files')}\nwant {want}")
    c.check(files.get("en", {}).get("xliff_files") == [] and
            files.get(PSEUDO, {}).get("xliff_files") == [],
            "report: the source locale and the pseudo-locale read no XLIFF file")
    with open(os.path.join(proj3, "out", "report.html"), encoding="utf-8") as f:
        html3 = f.read()
    c.check(f"not-final ({total})" in html3 and f"The first 200 of {total}" in html3 and
            "l10n check" in html3, "report.html gives the count and says how to list every one")

c.finish()
