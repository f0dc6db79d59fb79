#!/usr/bin/env python3
"""interop_schema: every XLIFF that `l10n extract` writes for the guide and for the interop stress
document (tests/interop/stress.xhtml) validates against the OASIS schemas, with xmllint exactly as
shared/schemas/README.md says, and passes `l10n validate`.

Variants: XLIFF 2.0, 1.2, 1.2 --copy-source, each also with --no-segment; target locales es and
ar (a right-to-left one) for good measure.
"""

import os
import shutil
import sys
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import interop_lib as il  # noqa: E402

lib = il.lib
args = lib.parse_args(__doc__)
c = lib.Checker("interop_schema")

schemas = os.path.join(args.shared, "schemas")
xsd20 = os.path.join(schemas, "xliff-2.0", "all-modules.xsd")
xsd12 = os.path.join(schemas, "xliff-1.2", "xliff-core-1.2-strict.xsd")
catalog12 = os.path.join(schemas, "xliff-1.2", "catalog.xml")

if not shutil.which("xmllint"):
    print("FAIL xmllint not found: install libxml2-utils (apt-get install libxml2-utils)")
    sys.exit(1)
for f in (xsd20, xsd12, catalog12):
    if not os.path.isfile(f):
        print(f"FAIL schema file missing: {f}")
        sys.exit(1)

variants = [
    ("2.0", "2.0", []),
    ("1.2", "1.2", ["--xliff-version", "1.2"]),
    ("1.2-copy-source", "1.2", ["--xliff-version", "1.2", "--copy-source"]),
    ("2.0-no-segment", "2.0", ["--no-segment"]),
    ("1.2-no-segment", "1.2", ["--xliff-version", "1.2", "--no-segment"]),
    ("1.2-copy-source-no-segment", "1.2", ["--xliff-version", "1.2", "--copy-source",
                                           "--no-segment"]),
]
namespaces = {"2.0": il.NS20, "1.2": il.NS12}

for doc, src in il.documents(args.root).items():
    for locale in ("es", "ar"):
        for name, version, opts in variants:
            out = os.path.join(args.scratch, f"{doc}.{name}.{locale}.xlf")
            label = f"{doc} {locale} {name}"
            if not il.extract(args, c, src, out, *opts, locale=locale):
                continue
            root = ET.parse(out).getroot()
            c.check(root.tag == "{%s}xliff" % namespaces[version] and root.get("version") == version,
                    f"{label}: root is <xliff version=\"{version}\"> in the {version} namespace",
                    f"root {root.tag} version={root.get('version')!r}")
            env = dict(os.environ)
            env.pop("XML_CATALOG_FILES", None)
            if version == "2.0":
                cmd = ["xmllint", "--noout", "--nonet", "--schema", xsd20, out]
                prefix = ""
            else:
                env["XML_CATALOG_FILES"] = catalog12
                prefix = "XML_CATALOG_FILES=" + catalog12
                cmd = ["xmllint", "--noout", "--nonet", "--schema", xsd12, out]
            p = lib.run(cmd, env=env)
            c.check(p.returncode == 0, f"{label}: xmllint {os.path.basename(cmd[4])}",
                    f"$ {il.cmdline(cmd, prefix)}\nexit {p.returncode}\n{lib.text(p.stderr)[-3000:]}")
            p, cmd = il.validate(args, out)
            c.check(p.returncode == 0, f"{label}: l10n validate exit 0", il.show(p, cmd))
            if "copy-source" in name:
                units = list(root.iter(il.X12 + "trans-unit"))
                missing = [u.get("id") for u in units if u.find(il.X12 + "target") is None]
                c.check(units and not missing, f"{label}: every trans-unit has a <target>",
                        f"{len(units)} units; without target: {missing[:10]}")

c.finish()
