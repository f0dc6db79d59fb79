#!/usr/bin/env python3
"""schema_validation: what `l10n extract` writes, and every XLIFF under locales/, passes the OASIS
schemas (xmllint, exactly as shared/schemas/README.md says) and `l10n validate`.

Extractions: the guide and the page template, each in XLIFF 2.0, 1.2, and 1.2 --copy-source.
"""

import os
import shutil
import sys
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import l10n_testlib as lib  # noqa: E402

args = lib.parse_args(__doc__)
c = lib.Checker("schema_validation")

schemas = os.path.join(args.shared, "schemas")
xsd20 = os.path.join(schemas, "xliff-2.0", "all-modules.xsd")
xsd12 = os.path.join(schemas, "xliff-1.2", "xliff-core-1.2-strict.xsd")
catalog12 = os.path.join(schemas, "xliff-1.2", "catalog.xml")

if not shutil.which("xmllint"):
    print("FAIL xmllint not found: install libxml2-utils (apt-get install libxml2-utils; "
          "`make test` installs it)")
    sys.exit(1)
for f in (xsd20, xsd12, catalog12):
    if not os.path.isfile(f):
        print(f"FAIL schema file missing: {f}")
        sys.exit(1)


def xliff_version(path):
    """The version attribute of the root <xliff> element, and its namespace."""
    root = ET.parse(path).getroot()
    ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    return root.get("version"), ns


def xmllint(path, version):
    env = dict(os.environ)
    # No network, and no catalog from the environment except the one the README names.
    env.pop("XML_CATALOG_FILES", None)
    if version == "2.0":
        cmd = ["xmllint", "--noout", "--nonet", "--schema", xsd20, path]
    else:
        env["XML_CATALOG_FILES"] = catalog12
        cmd = ["xmllint", "--noout", "--nonet", "--schema", xsd12, path]
    return lib.run(cmd, env=env), " ".join(
        (["XML_CATALOG_FILES=" + catalog12] if version == "1.2" else []) + cmd)


def check_file(path, expected_version, label):
    try:
        version, ns = xliff_version(path)
    except ET.ParseError as e:
        c.check(False, f"{label}: well-formed XML", str(e))
        return
    expected_ns = {"2.0": "urn:oasis:names:tc:xliff:document:2.0",
                   "1.2": "urn:oasis:names:tc:xliff:document:1.2"}
    if expected_version is not None:
        c.check(version == expected_version, f"{label}: root says version {expected_version}",
                f"version={version!r}")
    if version not in expected_ns:
        c.check(False, f"{label}: XLIFF version is 2.0 or 1.2", f"version={version!r}")
        return
    c.check(ns == expected_ns[version], f"{label}: namespace {expected_ns[version]}", f"got {ns!r}")
    p, shown = xmllint(path, version)
    schema = "all-modules.xsd" if version == "2.0" else "xliff-core-1.2-strict.xsd"
    c.check(p.returncode == 0, f"{label}: xmllint {schema} (XLIFF {version})",
            f"$ {shown}\nexit {p.returncode}\n{lib.text(p.stderr)[-3000:]}")
    p = lib.run([args.l10n, "validate", path])
    c.check(p.returncode == 0, f"{label}: l10n validate exit 0",
            f"$ {args.l10n} validate {path}\nexit {p.returncode}\n"
            f"{lib.text(p.stdout)}{lib.text(p.stderr)[-3000:]}")


sources = {
    "guide": os.path.join(args.root, "source-content", "microneedling-guide.xhtml"),
    "template": os.path.join(args.root, "source-content", "page-template.xhtml"),
}
variants = [
    ("2.0", ["--xliff-version", "2.0"]),
    ("1.2", ["--xliff-version", "1.2"]),
    ("1.2-copy-source", ["--xliff-version", "1.2", "--copy-source"]),
]

for doc, src in sources.items():
    for name, opts in variants:
        out = os.path.join(args.scratch, f"{doc}.{name}.es.xlf")
        cmd = [args.l10n, "extract", src, "--target-locale", "es", *opts, "-o", out]
        p = lib.run(cmd)
        label = f"extract {doc} es {name}"
        if not c.check(p.returncode == 0 and os.path.isfile(out), f"{label}: exit 0, file written",
                       f"$ {' '.join(cmd)}\nexit {p.returncode}\n{lib.text(p.stderr)}"):
            continue
        check_file(out, name[:3], label)
        if name == "1.2-copy-source":
            # --copy-source pre-fills every target; a plain 1.2 extraction has none.
            root = ET.parse(out).getroot()
            ns = "{urn:oasis:names:tc:xliff:document:1.2}"
            units = list(root.iter(ns + "trans-unit"))
            missing = [u.get("id") for u in units if u.find(ns + "target") is None]
            c.check(units and not missing, f"{label}: every trans-unit has a <target>",
                    f"{len(units)} units; without target: {missing[:10]}")

locale_files = []
locales_dir = os.path.join(args.root, "locales")
for loc in sorted(os.listdir(locales_dir)):
    d = os.path.join(locales_dir, loc)
    if os.path.isdir(d):
        locale_files += [os.path.join(d, f) for f in sorted(os.listdir(d)) if f.endswith(".xlf")]
c.check(len(locale_files) > 0, f"found {len(locale_files)} XLIFF files under locales/*/")
for f in locale_files:
    # Validate a copy so that nothing (xmllint, l10n) can touch the source tree.
    rel = os.path.relpath(f, args.root)
    copy = os.path.join(args.scratch, rel.replace(os.sep, "__"))
    shutil.copyfile(f, copy)
    check_file(copy, None, rel)

c.finish()
