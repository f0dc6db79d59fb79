#!/usr/bin/env python3
"""Writes tests/hostile/inputs/ and tests/hostile/cases.tsv.

Every input is a mutation of one of the project's real files (the guide
source-content/microneedling-guide.xhtml, its Spanish XLIFF 2.0
locales/es/microneedling-guide.xlf, the glossary locales/glossary.tbx, the
memory locales/es/memory.tmx, l10n.toml), so the errors are the ones people
really make, and each case's expected line is computed from the mutated file.

Run it from anywhere: python3 tests/hostile/make_inputs.py [--root DIR]. It
rewrites inputs/ and cases.tsv; commit both. Huge inputs (100,000-deep
nesting, a 200 MB text node) are not files here: run_hostile.py generates
them at run time ("gen:NAME" in the inputs column).
"""

import argparse
import codecs
import os
import re
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--root", default=os.path.dirname(os.path.dirname(HERE)))
args = ap.parse_args()


def read(rel):
    with open(os.path.join(args.root, rel), "rb") as f:
        return f.read()


GUIDE = read("source-content/microneedling-guide.xhtml")
XLF = read("locales/es/microneedling-guide.xlf")
TBX = read("locales/glossary.tbx")
TMX = read("locales/es/memory.tmx")
TOML = read("l10n.toml")


def shorten_xliff(data, keep_first=10, also=(b"abbr", b"The basis of microneedling")):
    """The translation with its first units and the few units cases need: small files to commit."""
    units = list(re.finditer(rb"    <unit id=.*?</unit>\n", data, re.S))
    kept = [m.group(0) for i, m in enumerate(units) if i < keep_first or any(a in m.group(0) for a in also)]
    return data[:units[0].start()] + b"".join(kept) + data[units[-1].end():]


def shorten_tbx(data, concepts=4):
    entries = list(re.finditer(rb"\t\t\t<conceptEntry .*?</conceptEntry>\n", data, re.S))
    return data[:entries[0].start()] + b"".join(m.group(0) for m in entries[:concepts]) + data[entries[-1].end():]


def shorten_tmx(data, tus=6):
    entries = list(re.finditer(rb"    <tu>.*?</tu>\n", data, re.S))
    return data[:entries[0].start()] + b"".join(m.group(0) for m in entries[:tus]) + data[entries[-1].end():]


XLF_FULL = XLF
XLF = shorten_xliff(XLF)
TMX = shorten_tmx(TMX)
TBX = shorten_tbx(TBX)

INPUTS = os.path.join(HERE, "inputs")
shutil.rmtree(INPUTS, ignore_errors=True)
os.makedirs(INPUTS)


def line_of(data, needle, start=0):
    i = data.index(needle, start)
    return data.count(b"\n", 0, i) + 1


def last_line(data):
    return data.count(b"\n") + 1


def sub1(data, old, new):
    assert old in data, old
    return data.replace(old, new, 1)


def write(name, data):
    with open(os.path.join(INPUTS, name), "wb") as f:
        f.write(data)
    return name


CASES = []


def case(id, inputs, command, exit, substring="-", line="-", outputs="-", visible="-", requires="-",
         description=""):
    if isinstance(inputs, str):
        inputs = [inputs]
    CASES.append([id, ",".join(inputs) or "-", command, str(exit), substring, str(line), outputs, visible,
                  requires, description])


EXTRACT = "{l10n} extract {in} --target-locale es -o {out}"
VALIDATE = "{l10n} validate {in}"
MERGE = "{l10n} merge {root}/source-content/microneedling-guide.xhtml {in} -o {out}"
CHECK = "{l10n} check --config {root}/l10n.toml --fail-on warning {in}"
GLOSSARY = "{l10n} glossary check {in}"
TM_IMPORT = "{l10n} tm --config {root}/l10n.toml import {in} --locale es"
BUILD = "{l10n} build --config {root}/l10n.toml --jobs 1"
BUILD_OUTPUTS = "absent:{root}/out;unchanged:{root}/locales/es/microneedling-guide.xlf"

# ---------------------------------------------------------------- XHTML (l10n extract)
H2 = b"<h2>How Do Microneedling Treatments Work?</h2>"
d = sub1(GUIDE, H2, b"<h2>How Do Microneedling Treatments Work?</h3>")
case("xhtml-mismatched-end-tag", write("guide-mismatched-end-tag.xhtml", d), EXTRACT, 2,
     "end tag does not match", line_of(d, b"</h3>"), "absent:{out}",
     description="</h2> closed as </h3>")
d = sub1(GUIDE, b"<em>Collagen Induction Therapy</em>", b"<em>Collagen Induction Therapy")
case("xhtml-unclosed-em", write("guide-unclosed-em.xhtml", d), EXTRACT, 2, "end tag does not match",
     line_of(d, b"<em>Collagen"), "unchanged:{out}", description="</em> removed")
cut = GUIDE.index(b'<section id="applications">') + len(b"<sect")
d = GUIDE[:cut]
case("xhtml-truncated-mid-tag", write("guide-truncated-mid-tag.xhtml", d), EXTRACT, 2, "fix the XML",
     last_line(d), "absent:{out}", description="file cut inside a start tag (<sect)")
cut = GUIDE.index(b"(not a small quantity")
d = GUIDE[:cut]
case("xhtml-truncated-mid-attribute", write("guide-truncated-mid-attribute.xhtml", d), EXTRACT, 2,
     "fix the XML", last_line(d), "unchanged:{out}", description="file cut inside an its-loc-note value")
P = b"<p>The basis of microneedling"
d = sub1(GUIDE, P, b"<p>The \xff basis of microneedling")
case("xhtml-invalid-utf8", write("guide-invalid-utf8.xhtml", d), EXTRACT, 2, "invalid UTF-8",
     line_of(d, b"\xff"), "absent:{out}", description="lone 0xFF byte in a paragraph")
d = sub1(GUIDE, P, b"<p>The caf\xe9 basis of microneedling")
case("xhtml-latin1", write("guide-latin1.xhtml", d), EXTRACT, 2, "invalid UTF-8", line_of(d, b"caf\xe9"),
     "unchanged:{out}", description="Latin-1 e-acute (0xE9), file saved in the wrong encoding")
d = sub1(GUIDE, P, b"<p>The \xc0\xaf basis of microneedling")
case("xhtml-overlong-utf8", write("guide-overlong-utf8.xhtml", d), EXTRACT, 2, "invalid UTF-8",
     line_of(d, b"\xc0\xaf"), "absent:{out}", description="overlong UTF-8 encoding of '/' (0xC0 0xAF)")
d = sub1(GUIDE, P, b"<p>The nul\x00byte basis of microneedling")
case("xhtml-nul-byte", write("guide-nul-byte.xhtml", d), EXTRACT, 2, "0x00", line_of(d, b"\x00"),
     "absent:{out}", description="NUL byte in a paragraph")
d = sub1(GUIDE, P, b"<p>The \x1b[31mred\x1b[0m basis of microneedling")
case("xhtml-c0-escape", write("guide-c0-escape.xhtml", d), EXTRACT, 2, "0x1B", line_of(d, b"\x1b"),
     "unchanged:{out}", description="terminal escape sequence (C0 0x1B) in a paragraph")
d = sub1(GUIDE, P, b"<p>The \x0c form feed basis of microneedling")
case("xhtml-c0-formfeed", write("guide-c0-formfeed.xhtml", d), EXTRACT, 2, "0x0C", line_of(d, b"\x0c"),
     "absent:{out}", description="form feed (C0 0x0C) pasted from a PDF")
d = sub1(GUIDE, P, b"<p>The &#x1B;[31m basis of microneedling")
case("xhtml-c0-charref", write("guide-c0-charref.xhtml", d), EXTRACT, 2, "&#x1B;", line_of(d, b"&#x1B;"),
     "absent:{out}", description="character reference to a C0 control (&#x1B;)")
case("xhtml-deep-nesting", "gen:deep-xhtml", EXTRACT, 2, "nested deeper than", 513, "absent:{out}",
     description="100,000 nested <div> (generated at run time), one per line")
case("xhtml-text-node-200mb", "gen:huge-xhtml", "/usr/bin/time -v {memlimit} " + EXTRACT, 2, "over the limit", "-",
     "absent:{out}", description="a 200 MB text node (generated at run time) under a 1 GB address-space limit, peak RSS checked")
LAUGHS = (b'<!DOCTYPE html [\n <!ENTITY lol "lol">\n'
          + b"".join(b' <!ENTITY lol%d "%s">\n' % (i, b"".join(b"&lol%s;" % (b"" if i == 1 else str(i - 1).encode())
                                                                   for _ in range(10)))
                     for i in range(1, 10))
          + b"]>")
d = sub1(GUIDE, b"<!DOCTYPE html>", LAUGHS)
d = sub1(d, b"<h1>Microneedling: A Patient Guide</h1>", b"<h1>Microneedling: &lol9;</h1>")
case("xhtml-billion-laughs", write("guide-billion-laughs.xhtml", d), EXTRACT, 2, "entity declarations",
     line_of(d, b"<!ENTITY"), "absent:{out}", description="DOCTYPE with the billion laughs entity expansion")
d = sub1(GUIDE, b"<!DOCTYPE html>", b'<!DOCTYPE html [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>')
d = sub1(d, b"<h1>Microneedling: A Patient Guide</h1>", b"<h1>Microneedling: &xxe;</h1>")
case("xhtml-xxe-file", write("guide-xxe-file.xhtml", d), EXTRACT, 2, "entity declarations",
     line_of(d, b"<!ENTITY"), "absent:{out}", description="external entity SYSTEM file:///etc/passwd")
d = sub1(GUIDE, b"<!DOCTYPE html>", b'<!DOCTYPE html [\n<!ENTITY xxe SYSTEM "{http}/xxe.txt">\n]>')
d = sub1(d, b"<h1>Microneedling: A Patient Guide</h1>", b"<h1>Microneedling: &xxe;</h1>")
case("xhtml-xxe-http", write("guide-xxe-http.xhtml", d), EXTRACT, 2, "entity declarations",
     line_of(d, b"<!ENTITY"), "absent:{out}",
     description="external entity SYSTEM http://127.0.0.1:PORT/ (a listener checks it is never fetched)")
d = sub1(GUIDE, b"<!DOCTYPE html>",
         b'<!DOCTYPE html [\n<!ENTITY % remote SYSTEM "{http}/evil.dtd">\n%remote;\n]>')
case("xhtml-parameter-entity", write("guide-parameter-entity.xhtml", d), EXTRACT, 2, "entity declarations",
     line_of(d, b"<!ENTITY"), "absent:{out}", description="external parameter entity, referenced in the DTD")
d = sub1(GUIDE, b"<!DOCTYPE html>",
         b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "{http}/xhtml1-strict.dtd">')
case("xhtml-external-dtd-not-fetched", write("guide-external-dtd.xhtml", d), EXTRACT, 0, "-", "-",
     "contains:{out}", "Microneedling: A Patient Guide",
     description="an XHTML 1.0 DOCTYPE with an external DTD: accepted, the DTD is never fetched")
d = codecs.BOM_UTF16_LE + GUIDE.decode("utf-8").encode("utf-16-le")
case("xhtml-utf16le-bom", write("guide-utf16le-bom.xhtml", d), EXTRACT, 0, "-", "-", "contains:{out}",
     "Microneedling: A Patient Guide", description="the guide saved as UTF-16 LE with BOM: accepted")
d = GUIDE.decode("utf-8").encode("utf-16-be")
case("xhtml-utf16be-nobom", write("guide-utf16be-nobom.xhtml", d), EXTRACT, 0, "-", "-", "contains:{out}",
     "Microneedling: A Patient Guide", description="the guide saved as UTF-16 BE without BOM: accepted")
case("xhtml-wrong-root", write("es-as-source.xhtml", XLF), EXTRACT, 2, "not <html>", line_of(XLF, b"<xliff"),
     "absent:{out}", description="an XLIFF file given as the XHTML source")
d = GUIDE[:GUIDE.index(b"<p>Microneedling first started")] + b"<p>" + \
    GUIDE[GUIDE.index(b"<p>Microneedling first started") + 3:]
d = sub1(GUIDE, b"<ul>\n", b"<ul>\n        Stray text in a list\n")
case("xhtml-text-in-container", write("guide-text-in-ul.xhtml", d), EXTRACT, 2, "<ul>",
     line_of(d, b"<ul>"), "absent:{out}", description="text directly inside <ul> (no <li>)")

case("xhtml-long-paragraph", "gen:long-paragraph-xhtml", EXTRACT, "0|2", "-", "-", "-",
     description="one 4 MB paragraph of 120,000 sentences (generated at run time): extracted, or refused with "
     "a located limit error, within the 30 s timeout")
case("xhtml-many-paragraphs", "gen:many-paragraphs-xhtml", EXTRACT, 0, "-", "-", "contains:{out}",
     "Paragraph 49999 is about microneedling.",
     description="a 2.3 MB guide of 50,000 short paragraphs (generated at run time): extracted within the timeout")
case("xlf-many-units", "gen:many-units-xliff", VALIDATE, 0, "-", "-", "-",
     description="an XLIFF of 50,000 units (generated at run time): validated within the timeout")

# ---------------------------------------------------------------- XLIFF
TITLE_T = "<target>Micropunción (microneedling): cómo funciona y sus beneficios</target>".encode()
H1_T = "<target>Micropunción: guía para pacientes</target>".encode()
assert TITLE_T in XLF and H1_T in XLF
SPANISH_H1 = "Micropunción: guía para pacientes"

for name, enc, bom, desc in [("utf16le-bom", "utf-16-le", codecs.BOM_UTF16_LE, "UTF-16 LE with BOM"),
                             ("utf16be-bom", "utf-16-be", codecs.BOM_UTF16_BE, "UTF-16 BE with BOM"),
                             ("utf16le-nobom", "utf-16-le", b"", "UTF-16 LE without BOM"),
                             ("utf16be-nobom", "utf-16-be", b"", "UTF-16 BE without BOM")]:
    d = bom + XLF.decode("utf-8").encode(enc)
    case(f"xlf-{name}", write(f"es-{name}.xlf", d), MERGE, 0, "-", "-", "page:{out}", SPANISH_H1,
         description=f"the translation saved by a tool as {desc}: merged like the UTF-8 file")
d = codecs.BOM_UTF16_LE + XLF.decode("utf-8").encode("utf-16-le")
d = d[:len(d) - 1]
case("xlf-utf16-odd-length", write("es-utf16-odd-length.xlf", d), VALIDATE, 2, "odd number of bytes",
     last_line(XLF[:-1]), description="UTF-16 file cut in the middle of its last code unit (the final line break): the error names where that character stood")
text16 = XLF.decode("utf-8").encode("utf-16-le")
i = text16.index(H1_T.decode("utf-8").encode("utf-16-le")) + len("<target>".encode("utf-16-le"))
d = codecs.BOM_UTF16_LE + text16[:i] + b"\x00\xd8" + text16[i:]
case("xlf-utf16-lone-surrogate", write("es-utf16-lone-surrogate.xlf", d), VALIDATE, 2, "surrogate",
     line_of(XLF, H1_T), description="UTF-16 file with an unpaired high surrogate in a target")
d = sub1(XLF, H1_T, H1_T.replace(b": ", b":\x00 "))
case("xlf-nul-in-target", write("es-nul-in-target.xlf", d), VALIDATE, 2, "0x00", line_of(d, b"\x00"),
     description="NUL byte in a target")
d = sub1(XLF, H1_T, H1_T.replace(b": ", b":\x07 "))
case("xlf-bell-in-target", write("es-bell-in-target.xlf", d), MERGE, 2, "0x07", line_of(d, b"\x07"),
     "absent:{out}", description="BEL control character (0x07) in a target")
d = sub1(XLF, H1_T, H1_T.replace(b": ", b"&#x1B;[31m: "))
case("xlf-c0-charref-in-target", write("es-c0-charref.xlf", d), MERGE, 2, "&#x1B;", line_of(d, b"&#x1B;"),
     "unchanged:{out}", description="&#x1B; (terminal escape) in a target")
d = sub1(XLF, H1_T, H1_T.replace("ó".encode(), b"\xf3"))
case("xlf-invalid-utf8-in-target", write("es-latin1-target.xlf", d), MERGE, 2, "invalid UTF-8",
     line_of(d, b"\xf3"), "absent:{out}", description="Latin-1 o-acute (0xF3) in a UTF-8 target")
cut = XLF.index(b"<pc id=", XLF.index(b"<target><pc")) + 3
d = XLF[:cut]
case("xlf-truncated-mid-tag", write("es-truncated-mid-tag.xlf", d), VALIDATE, 2, "fix the XML", last_line(d),
     description="file cut inside an inline code's start tag")
cut = XLF.index(b'dataRefStart="d1"') + len(b'dataRefStart="d')
d = XLF[:cut]
case("xlf-truncated-mid-attribute", write("es-truncated-mid-attribute.xlf", d), MERGE, 2, "fix the XML",
     last_line(d), "absent:{out}", description="file cut inside an attribute value")
d = sub1(XLF, H1_T, H1_T.replace(b"</target>", b"</targte>"))
case("xlf-not-wellformed", write("es-not-wellformed.xlf", d), VALIDATE, 2, "end tag", line_of(d, b"</targte>"),
     description="</target> misspelled")
case("xlf-empty", write("es-empty.xlf", b""), VALIDATE, 2, "no root element", 1, description="empty file")
case("xlf-deep-nesting", "gen:deep-xliff", VALIDATE, 2, "nested deeper than", 513,
     description="100,000 nested <mrk> in a target (generated at run time), one per line")
d = sub1(XLF, b'<?xml version="1.0" encoding="UTF-8"?>\n',
         b'<?xml version="1.0" encoding="UTF-8"?>\n' + LAUGHS.replace(b"html", b"xliff") + b"\n")
d = sub1(d, H1_T, b"<target>&lol9;</target>")
case("xlf-billion-laughs", write("es-billion-laughs.xlf", d), VALIDATE, 2, "entity declarations",
     line_of(d, b"<!ENTITY"), description="billion laughs in the XLIFF's DOCTYPE")
d = sub1(XLF, b'<?xml version="1.0" encoding="UTF-8"?>\n',
         b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE xliff [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n')
d = sub1(d, H1_T, b"<target>&xxe;</target>")
case("xlf-xxe-file", write("es-xxe-file.xlf", d), MERGE, 2, "entity declarations", line_of(d, b"<!ENTITY"),
     "unchanged:{out}", description="external entity file:///etc/passwd in a target: never read")
d = sub1(XLF, b'<?xml version="1.0" encoding="UTF-8"?>\n',
         b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE xliff [\n<!ENTITY xxe SYSTEM "{http}/xxe">\n]>\n')
d = sub1(d, H1_T, b"<target>&xxe;</target>")
case("xlf-xxe-http", write("es-xxe-http.xlf", d), VALIDATE, 2, "entity declarations", line_of(d, b"<!ENTITY"),
     description="external entity http://127.0.0.1:PORT/: never fetched")
d = sub1(XLF, b'version="2.0"', b'version="3.0"')
case("xlf-wrong-version", write("es-version-3.xlf", d), VALIDATE, 2, "unsupported XLIFF version",
     line_of(d, b"<xliff"), description='version="3.0"')
d = sub1(XLF, b'xmlns="urn:oasis:names:tc:xliff:document:2.0"', b'xmlns="urn:oasis:names:tc:xliff:document:1.2"')
case("xlf-wrong-namespace", write("es-wrong-namespace.xlf", d), VALIDATE, 2, "namespace", line_of(d, b"<xliff"),
     description="version 2.0 in the XLIFF 1.2 namespace")
d = sub1(XLF, b'version="2.0"', b'version="1.2"')
case("xlf-version-1.2-in-2.0-namespace", write("es-1.2-in-2.0-namespace.xlf", d), VALIDATE, 2, "namespace",
     line_of(d, b"<xliff"), description='a 2.0 file relabelled version="1.2" (still in the 2.0 namespace)')
d = sub1(XLF, b'xmlns="urn:oasis:names:tc:xliff:document:2.0"', b'xmlns="urn:example:not-xliff"')
case("xlf-foreign-namespace", write("es-foreign-namespace.xlf", d), VALIDATE, 2, "namespace",
     line_of(d, b"<xliff"), description="an <xliff> root in an unrelated namespace")
second = XLF.index(b'<unit id="body.h1-529bc81d"')
d = XLF[:second] + b'<unit id="meta-description"' + XLF[second + len(b'<unit id="body.h1-529bc81d"'):]
case("xlf-duplicate-unit-id", write("es-duplicate-unit-id.xlf", d), VALIDATE, 2, "duplicate unit id",
     line_of(d, b'<unit id="meta-description"', d.index(b'<unit id="meta-description"') + 5),
     description="a unit takes the id of an earlier one")
d = sub1(XLF, b'<unit id="body.h1-529bc81d"', b'<unit id="body.h1-deadbeef"')
case("xlf-unknown-unit-id", write("es-unknown-unit-id.xlf", d), MERGE, 2, "not in the source",
     line_of(d, b'<unit id="body.h1-deadbeef"'), "absent:{out}",
     description="a unit id the guide does not have (renamed by a tool)")
d = sub1(XLF, b'trgLang="es"', b'trgLang="fr"')
case("xlf-trglang-mismatch", write("es-trglang-fr.xlf", d) + ">locales/es/microneedling-guide.xlf", BUILD, 2,
     "target language", line_of(d, b'trgLang="fr"'), BUILD_OUTPUTS,
     description="locales/es/ holds a file whose trgLang is fr")
EDITED = b"<title>Microneedling: How It Works, Its Risks and Its Benefits</title>"
ed = sub1(GUIDE, b"<title>Microneedling: How It Works and Its Benefits</title>", EDITED)
case("xlf-stale-source",
     [write("es-before-edit.xlf", XLF),
      write("guide-edited.xhtml", ed) + ">source-content/microneedling-guide.xhtml"], MERGE, 0, "stale",
     line_of(XLF, b'<unit id="title"'), "page:{out}", "How It Works, Its Risks and Its Benefits",
     description="the English title was edited after translation (a unit with a fixed id): published in English, "
     "with a located warning")
i = XLF.index(b'dataRefStart="d1"')
d = XLF[:i] + b'dataRefStart="d7"' + XLF[i + len(b'dataRefStart="d1"'):]
case("xlf-dataref-to-nothing", write("es-dataref-missing.xlf", d), VALIDATE, 2, "refers to no <data>",
     line_of(d, b'dataRefStart="d7"'), description='dataRefStart="d7" with no <data id="d7">')
LINK_T = "<target><pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d2\" type=\"link\">¿Qué es la micropunción?</pc></target>".encode()
assert LINK_T in XLF
link_seg_line = line_of(XLF, LINK_T) - 2  # <segment>, then <source>, then <target>
link_unit_line = XLF.count(b"\n", 0, XLF.rindex(b"<unit ", 0, XLF.index(LINK_T))) + 1
link_lines = f"{link_unit_line}|{link_seg_line}"  # the unit or its segment
d = sub1(XLF, LINK_T, LINK_T.replace(b"</pc></target>", b'</pc><ph id="9" dataRef="d1"/></target>'))
case("xlf-code-invented", write("es-code-invented.xlf", d), MERGE, 2, "not in the source", link_lines,
     "absent:{out}", description="a target with a code (ph 9) its source does not have")
d = sub1(XLF, LINK_T, "<target>¿Qué es la micropunción?</target>".encode())
case("xlf-code-missing-validate", write("es-code-missing.xlf", d), VALIDATE, 2, "code", link_lines,
     description="a target that drops its link code: validate checks target codes against source codes")
case("xlf-code-missing-merge", "es-code-missing.xlf", MERGE, 2, "missing", link_lines, "absent:{out}",
     description="a target that drops its link code: merge refuses it, no page written")
d = sub1(XLF, LINK_T, "<target><pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d2\" type=\"link\">¿Qué es</pc> la <pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d2\" type=\"link\">micropunción?</pc></target>".encode())
case("xlf-code-duplicated-validate", write("es-code-duplicated.xlf", d), VALIDATE, 2, "code", link_lines,
     description="a target that doubles its link code")
case("xlf-code-duplicated-merge", "es-code-duplicated.xlf", MERGE, 2, "duplicated", link_lines,
     "unchanged:{out}", description="a target that doubles its link code: merge refuses it")
LONG_TAG = b"en-x-" + b"-".join([b"abcdefgh"] * 17)  # 157 bytes as an ICU locale id: fills its buffer
d = sub1(XLF, b'trgLang="es"', b'trgLang="' + LONG_TAG + b'"')
case("xlf-trglang-157-chars", write("es-trglang-157-chars.xlf", d), MERGE, "0|2", "-", line_of(d, b"trgLang="), "-",
     description="a well-formed private-use trgLang of 157 characters: accepted, or refused with an error "
     "located at trgLang, with no memory error (an ASan build of l10n showed a stack-buffer-overflow)")
d = sub1(XLF, b'original="microneedling-guide.xhtml"', b'original="../../etc/passwd"')
case("xlf-original-escapes", write("es-original-etc-passwd.xlf", d), MERGE, 2, "outside the project",
     line_of(d, b"original="), "absent:{out}", description='<file original="../../etc/passwd">')
d = sub1(XLF, b'original="microneedling-guide.xhtml"', b'original="/etc/passwd"')
case("xlf-original-absolute-build", write("es-original-absolute.xlf", d) + ">locales/es/microneedling-guide.xlf",
     BUILD, 2, "outside the project", line_of(d, b"original="), BUILD_OUTPUTS,
     description='locales/es/ holds a file with original="/etc/passwd"')

# ---------------------------------------------------------------- injection (merge must succeed, page inert)
def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").encode()


SCRIPT = "<script>alert(document.cookie)</script>"
d = sub1(XLF, H1_T, b"<target>" + esc(SCRIPT) + b"</target>")
case("inj-script-in-h1", write("es-inj-script.xlf", d), MERGE, 0, "-", "-", "page:{out}", SCRIPT,
     description="typed <script> in the h1 target: text, escaped")
ONERR = "<img src=x onerror=alert(document.domain)>"
P_T = re.search(rb"<target>Si padece[^<]*</target>", XLF).group(0)
d = sub1(XLF, P_T, b"<target>" + esc(ONERR) + b" Si padece</target>")
case("inj-onerror-in-p", write("es-inj-onerror.xlf", d), MERGE, 0, "-", "-", "page:{out}", ONERR,
     description="typed <img onerror=...> in a paragraph target")
JSLINK = '<a href="javascript:alert(document.cookie)">clic</a>'
d = sub1(XLF, LINK_T, LINK_T.replace("¿Qué es la micropunción?".encode(), esc(JSLINK)))
case("inj-javascript-url-in-link", write("es-inj-javascript.xlf", d), MERGE, 0, "-", "-", "page:{out}", JSLINK,
     description="typed javascript: link inside the link code of the table of contents")
META_T = re.search(rb'(<unit id="meta-description".*?<target>)([^<]*)(</target>)', XLF, re.S)
META = '"><script>alert(document.cookie)</script><meta name="x" content="'
d = XLF[:META_T.start(2)] + esc(META) + XLF[META_T.end(2):]
case("inj-meta-description", write("es-inj-meta.xlf", d), MERGE, 0, "-", "-", "page:{out}", META,
     description="attribute unit meta description: quote and markup typed to break out of content=\"\"")
ABBR = re.search(rb'(<unit id="[^"]*abbr-title[^"]*".*?<target>)([^<]*)(</target>)', XLF, re.S)
ABBR_T = '" onmouseover="alert(document.cookie)" x="'
d = XLF[:ABBR.start(2)] + esc(ABBR_T) + XLF[ABBR.end(2):]
case("inj-abbr-title", write("es-inj-abbr.xlf", d), MERGE, 0, "-", "-", "page:{out}", ABBR_T,
     description="attribute unit abbr title: quote typed to add an event handler")
ABBR_JS = 'javascript:alert(document.cookie) <img src=x onerror=alert(1)> <script>alert(2)</script>'
d = XLF[:ABBR.start(2)] + esc(ABBR_JS) + XLF[ABBR.end(2):]
d = d[:META_T.start(2)] + esc("javascript:alert(3)") + d[META_T.end(2):]
case("inj-attribute-units-javascript", write("es-inj-attr-javascript.xlf", d), MERGE, 0, "-", "-", "page:{out}",
     ABBR_JS, description="javascript:, <img onerror> and <script> typed into the abbr title and meta description units")
RAW = (b'<target><script xmlns="http://www.w3.org/1999/xhtml">alert(document.cookie)</script>'
       b'<img xmlns="http://www.w3.org/1999/xhtml" src="x" onerror="alert(1)"/>Micropunci\xc3\xb3n</target>')
d = sub1(XLF, H1_T, RAW)
case("inj-raw-elements-in-target", write("es-inj-raw-elements.xlf", d), MERGE, 0, "-", "-", "page:{out}",
     "alert(document.cookie)", description="real XHTML <script> and <img onerror> elements inside a target")
DATA = b'<data id="d1">&lt;a href="#what-is-microneedling"&gt;</data>'
assert DATA in XLF
d = sub1(XLF, DATA, b'<data id="d1">&lt;a href="javascript:alert(1)" onclick="alert(2)"&gt;&lt;script&gt;alert(3)&lt;/script&gt;</data>')
case("inj-originaldata-tampered", write("es-inj-originaldata.xlf", d), MERGE, 0, "-", "-", "page:{out}",
     "¿Qué es la micropunción?", description="originalData of a link rewritten to javascript: and onclick: "
     "the page rebuilds the link from the source")
d = sub1(XLF, H1_T, b'<target>Micropunci\xc3\xb3n<cp hex="1B"/>[31m: gu\xc3\xada para pacientes</target>')
case("inj-cp-escape-in-page", write("es-inj-cp.xlf", d), MERGE, "0|2", "cp", line_of(d, b'<cp hex="1B"/>'),
     "page:{out}", "[31m: gu\u00eda para pacientes",
     description='<cp hex="1B"/> (an ESC that XML cannot carry, as XLIFF 2.0 allows): refused with a located '
     "error, or published without the control character")
case("update-keeps-cp-readable", "es-inj-cp.xlf",
     "{l10n} extract {root}/source-content/microneedling-guide.xhtml --target-locale es --update -o {in}", "0|2",
     "cp", line_of(d, b'<cp hex="1B"/>'), "validates:{in}",
     description='extract --update over a translation with <cp hex="1B"/>: refused (file left as it was), or '
     "the XLIFF it writes back still reads (not a raw 0x1B)")
d = sub1(XLF, H1_T, b'<target>Micropunci\xc3\xb3n<cp/>: gu\xc3\xada<cp hex="0"/> para <cp hex="110000"/>pacientes</target>')
case("xlf-cp-invalid", write("es-cp-invalid.xlf", d), VALIDATE, 2, "cp", line_of(d, b"<cp/>"),
     description='<cp/> without hex, <cp hex="0"/> (NUL) and <cp hex="110000"/> (no such code point)')
case("xlf-cp-invalid-merge", "es-cp-invalid.xlf", MERGE, 2, "cp", line_of(d, b"<cp/>"), "absent:{out}",
     description="the same invalid <cp> given to merge: refused, not published (NUL silently cuts the text)")
x12 = None  # the 1.2 case is made by run_hostile at run time? no: derive it here from an extraction.
d = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
     b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n'
     b'  <file original="microneedling-guide.xhtml" source-language="en" target-language="es" datatype="html">\n'
     b'    <body>\n'
     b'      <trans-unit id="body.h1-529bc81d" resname="h1">\n'
     b'        <source>Microneedling: A Patient Guide</source>\n'
     b'        <target state="translated">' + esc(SCRIPT) + b'<g id="9" ctype="x-html-script">alert(1)</g></target>\n'
     b'      </trans-unit>\n'
     b'      <trans-unit id="title" resname="title">\n'
     b'        <source>Microneedling: How It Works and Its Benefits</source>\n'
     b'        <target state="translated">' + esc(SCRIPT) + b'</target>\n'
     b'      </trans-unit>\n'
     b'    </body>\n'
     b'  </file>\n'
     b'</xliff>\n')
case("inj-xliff12-script", write("es-inj-xliff12.xlf", d), MERGE, 2, "not in the source",
     line_of(d, b'<target state="translated">'), "absent:{out}",
     description="XLIFF 1.2: typed <script> plus an invented <g ctype=x-html-script> code: refused")
d12 = d.replace(b'<g id="9" ctype="x-html-script">alert(1)</g>', b"")
case("inj-xliff12-script-text", write("es-inj-xliff12-text.xlf", d12), MERGE, 0, "-", "-", "page:{out}", SCRIPT,
     description="XLIFF 1.2: typed <script> in the title and h1 targets: text")
inj = sub1(XLF, H1_T, b"<target>" + esc(SCRIPT) + b"</target>")
inj = sub1(inj, TITLE_T, b"<target>" + esc('</title><script>alert(document.cookie)</script>') + b"</target>")
case("inj-build-page", write("es-inj-build.xlf", inj) + ">locales/es/microneedling-guide.xlf",
     "{l10n} build --config {root}/l10n.toml --jobs 1 --out {root}/site-out", 0, "-", "-",
     "page:{root}/site-out/site/es/microneedling-guide.html", SCRIPT,
     description="l10n build of a project whose es XLIFF has typed markup in the title and h1")

# ---------------------------------------------------------------- bidi controls (l10n check)
# The whole translation, so that the bidi warning is the only finding that fails the check.
d = sub1(XLF_FULL, H1_T, H1_T.replace(b"para", "\u202epara".encode()))
case("bidi-rlo-in-target", write("es-bidi-rlo.xlf", d), CHECK, 1, "bidi-control", line_of(d, b"\xe2\x80\xae") - 2,
     description="U+202E RIGHT-TO-LEFT OVERRIDE in a target (Trojan Source): flagged bidi-control")
P_T_FULL = re.search(rb"<target>Si padece[^<]*</target>", XLF_FULL).group(0)
d = sub1(XLF_FULL, P_T_FULL, P_T_FULL.replace(b"Si padece", "\u2067Si padece\u2069".encode()))
case("bidi-isolate-in-target", write("es-bidi-isolate.xlf", d), CHECK, 1, "bidi-control",
     line_of(d, "\u2067".encode()) - 2, description="U+2067/U+2069 isolates in a target: flagged bidi-control")
d = sub1(XLF_FULL, P_T_FULL, P_T_FULL.replace(b"Si padece", "\u200fSi padece".encode()))
case("bidi-rlm-in-target", write("es-bidi-rlm.xlf", d), CHECK, 1, "bidi-control",
     line_of(d, "\u200f".encode()) - 2, description="U+200F RIGHT-TO-LEFT MARK in a Spanish target: flagged")

# ---------------------------------------------------------------- TBX (l10n glossary check FILE)
CONCEPT = b'<conceptEntry id="c-acne">'
d = sub1(TBX, b"<term>acne vulgaris</term>", b"<term>acne vulgaris</trem>")
case("tbx-not-wellformed", write("glossary-not-wellformed.tbx", d), GLOSSARY, 2, "end tag",
     line_of(d, b"</trem>"), description="</term> misspelled")
case("tbx-wrong-root", write("glossary-is-xliff.tbx", XLF), GLOSSARY, 2, "root element", line_of(XLF, b"<xliff"),
     description="an XLIFF file given as the glossary")
d = sub1(TBX, b"<termNote type=\"administrativeStatus\">admittedTerm-admn-sts</termNote>",
         b"<termNote type=\"administrativeStatus\">preferedTerm-admn-sts</termNote>")
case("tbx-bad-administrative-status", write("glossary-bad-status.tbx", d), GLOSSARY, 1, "administrativeStatus",
     line_of(d, b">preferedTerm-admn-sts</termNote>"),
     description='administrativeStatus "preferedTerm-admn-sts" (misspelt)')
ts = TBX.index(b"<termSec>", TBX.index(b"<term>acne vulgaris</term>") - 200)
te = TBX.index(b"</termSec>", ts)
block = TBX[ts:te]
d = TBX[:ts] + re.sub(rb"\s*<term>[^<]*</term>", b"", block) + TBX[te:]
case("tbx-termsec-without-term", write("glossary-termsec-without-term.tbx", d), GLOSSARY, 1, "no <term>",
     line_of(d, b"<termSec>", ts - 1), description="a termSec with notes but no term")
second = TBX.index(b"<conceptEntry id=", TBX.index(CONCEPT) + 10)
end_id = TBX.index(b'"', second + len(b'<conceptEntry id="'))
d = TBX[:second] + b'<conceptEntry id="c-acne' + TBX[end_id:]
case("tbx-duplicate-concept-id", write("glossary-duplicate-concept.tbx", d), GLOSSARY, 1, "duplicate concept id",
     line_of(d, b'<conceptEntry id="c-acne"', second - 5), description="two concepts with id c-acne")
d = sub1(TBX, b'<?xml version="1.0" encoding="UTF-8"?>\n',
         b'<?xml version="1.0" encoding="UTF-8"?>\n' + LAUGHS.replace(b"html", b"tbx") + b"\n")
d = sub1(d, b"<term>acne vulgaris</term>", b"<term>&lol9;</term>")
case("tbx-billion-laughs", write("glossary-billion-laughs.tbx", d), GLOSSARY, 2, "entity declarations",
     line_of(d, b"<!ENTITY"), description="billion laughs in the glossary")

# ---------------------------------------------------------------- term tables (l10n glossary import)
IMPORT = "{l10n} glossary import {in} -o {out}"
TSV_HEAD = "concept\tlang\tterm\tstatus\tpart_of_speech\n"
ROWS = ("c-microneedling\ten\tmicroneedling\tpreferred\tnoun\n"
        "c-microneedling\tes\tmicropunci\u00f3n\tpreferred\tnoun\n"
        "c-collagen\ten\tcollagen\tpreferred\tnoun\n")
d = (TSV_HEAD + ROWS + "c-collagen\tes\tcol\u00e1geno\tfavourite\tnoun\n").encode()
case("tsv-bad-status", write("terms-bad-status.tsv", d), IMPORT, 2, "favourite", 5, "absent:{out}",
     description='a term table row with status "favourite"')
d = (TSV_HEAD.replace("lang", "language") + ROWS).encode()
case("tsv-missing-column", write("terms-missing-column.tsv", d), IMPORT, 2, "lang", 1, "unchanged:{out}",
     description='a term table whose header says "language" instead of "lang"')
d = (TSV_HEAD + ROWS + "c-collagen\t../../etc\tcol\u00e1geno\tpreferred\tnoun\n").encode()
case("tsv-bad-locale", write("terms-bad-locale.tsv", d), IMPORT, 2, "../../etc", 5, "absent:{out}",
     description="a term table row whose language is a path")

# ---------------------------------------------------------------- TMX (l10n tm import, when it exists)
TMX_OUT = "unchanged:{root}/locales/es/memory.tmx"
d = sub1(TMX, b"<seg>Burn Scars</seg>", b"<seg>Burn Scars</sge>")
case("tmx-not-wellformed", write("memory-not-wellformed.tmx", d), TM_IMPORT, 2, "end tag", line_of(d, b"</sge>"),
     TMX_OUT, requires="tm", description="</seg> misspelled")
case("tmx-wrong-root", write("memory-is-xliff.tmx", XLF), TM_IMPORT, 2, "root element", line_of(XLF, b"<xliff"),
     TMX_OUT, requires="tm", description="an XLIFF file given as a memory")
d = sub1(TMX, b'<tuv xml:lang="es"><seg>Cicatrices de quemaduras', b'<tuv><seg>Cicatrices de quemaduras')
case("tmx-tuv-without-lang", write("memory-tuv-without-lang.tmx", d), TM_IMPORT, 2, "xml:lang",
     line_of(d, b"<tuv><seg>"), TMX_OUT, requires="tm", description="a <tuv> without xml:lang")
d = sub1(TMX, b"<seg>Cicatrices de quemaduras", b"<seg>Cicatrices de quemaduras \xe9")
case("tmx-invalid-utf8", write("memory-invalid-utf8.tmx", d), TM_IMPORT, 2, "invalid UTF-8",
     line_of(d, b"\xe9"), TMX_OUT, requires="tm", description="Latin-1 byte in a segment")
d = sub1(TMX, b'<?xml version="1.0" encoding="UTF-8"?>\n',
         b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n')
d = sub1(d, b"<seg>Cicatrices de quemaduras", b"<seg>&xxe;")
case("tmx-xxe-file", write("memory-xxe.tmx", d), TM_IMPORT, 2, "entity declarations", line_of(d, b"<!ENTITY"),
     TMX_OUT, requires="tm", description="external entity file:///etc/passwd in a memory")

d = sub1(TMX, b'srclang="en"', b'srclang="fr"')
case("tmx-srclang-mismatch", write("memory-srclang-fr.tmx", d), TM_IMPORT, 2, "source language",
     line_of(d, b"<header"), TMX_OUT, requires="tm", description="a memory whose header says srclang fr")
d = TMX.replace(b'xml:lang="es"', b'xml:lang="fr"')
d = sub1(d, "<seg>Cicatrices de acn\u00e9</seg>".encode(), "<seg>Cicatrices d\u2019acn\u00e9</seg>".encode())
case("tmx-target-language-mismatch", write("memory-french-as-spanish.tmx", d), TM_IMPORT, 2, "fr",
     line_of(d, b'<tuv xml:lang="fr">'), TMX_OUT, requires="tm",
     description="a French memory imported with --locale es: refused, not merged into the Spanish memory")

# ---------------------------------------------------------------- l10n.toml (l10n build)
def toml_case(id, old, new, substring, description, extra_outputs=""):
    assert old in TOML, old
    d = TOML.replace(old, new, 1)
    line = line_of(d, new.split(b"\n")[0] if new.strip() else new)
    case(id, write(f"{id}.toml", d) + ">l10n.toml", BUILD, 2, substring, line, BUILD_OUTPUTS + extra_outputs,
         description=description)


toml_case("toml-unknown-key", b"min_completion = 80", b"min_completeness = 80", "unknown key",
          "publish.min_completeness (typo of min_completion)")
toml_case("toml-bad-locale", b'"pt-BR"', b'"pt_BR.UTF-8"', "pt_BR.UTF-8", "a POSIX locale name in target_locales")
toml_case("toml-locale-traversal", b'"pt-BR"', b'"../../etc"', "../../etc", "a target locale that is a path")
toml_case("toml-locales-path-escapes", b'locales = "locales"', b'locales = "../../etc"', "leaves the project",
          "paths.locales = ../../etc")
toml_case("toml-output-absolute", b'output = "out"', b'output = "/tmp/l10n-hostile-absolute-out"', "absolute",
          "paths.output is absolute", ";absent:/tmp/l10n-hostile-absolute-out")
toml_case("toml-glossary-absolute", b'glossary = "locales/glossary.tbx"', b'glossary = "/etc/passwd"', "absolute",
          "paths.glossary = /etc/passwd")
toml_case("toml-document-escapes", b'source = "source-content/microneedling-guide.xhtml"',
          b'source = "../../etc/passwd"', "leaves the project", "a document source ../../etc/passwd")
toml_case("toml-not-wellformed", b'name = "Zap Laser Center patient guides"', b'name = "Zap Laser Center patient guides',
          "-", "unterminated string")

# ---------------------------------------------------------------- extract --update over a broken file
cut = XLF.index(b"<target>", len(XLF) // 2)
d = XLF[:cut + 5]
case("update-over-truncated-xliff", write("es-truncated-for-update.xlf", d),
     "{l10n} extract {root}/source-content/microneedling-guide.xhtml --target-locale es --update -o {in}", 2,
     "fix the XML", last_line(d), "unchanged:{in}",
     description="extract --update onto a truncated XLIFF: refused, the translator's file left as it was")

# ---------------------------------------------------------------- write the table
HEADER = ["id", "inputs", "command", "exit", "error_substring", "line", "outputs", "visible", "requires",
          "description"]
for row in CASES:
    for cell in row:
        assert "\t" not in cell and "\n" not in cell, row
ids = [r[0] for r in CASES]
assert len(ids) == len(set(ids)), "duplicate case id"
with open(os.path.join(HERE, "cases.tsv"), "w", encoding="utf-8") as f:
    f.write("\t".join(HEADER) + "\n")
    for row in CASES:
        f.write("\t".join(row) + "\n")
print(f"{len(CASES)} cases, {len(os.listdir(INPUTS))} input files")
