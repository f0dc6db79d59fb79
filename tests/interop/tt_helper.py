"""Run by translate_toolkit.py with a Python that imports Translate Toolkit (Debian's python3 with
the translate-toolkit package): reads an XLIFF 1.2 file with translate.storage.xliff, sets every
unit's target to its source upper-cased through the rich (placeable) API, and saves it.

    python3 tt_helper.py IN.xlf OUT.xlf MODE

MODE: "target" sets the targets only; "approve" also marks each unit not fuzzy (Translate Toolkit
writes approved="yes" and raises the state). Prints a JSON summary on standard output.

Inline codes stay as the storage API gives them: <g>/<x> become G/X placeables whose text is
upper-cased while the codes are kept, and the protected <mrk mtype="protected"> (an UnknownXML
placeable for the toolkit) is copied untouched.
"""

import copy
import json
import sys

from translate.storage import xliff

src, dst, mode = sys.argv[1:4]
store = xliff.xlifffile.parsefile(src)
summary = {"units": len(store.units), "ids": [], "placeables": {}, "protected": 0}


def upper_copy(elem):
    elem = copy.deepcopy(elem)

    def walk(node):
        name = type(node).__name__
        if name != "StringElem":
            summary["placeables"][name] = summary["placeables"].get(name, 0) + 1
        if name == "UnknownXML":  # <mrk mtype="protected">: never changed
            summary["protected"] += 1
            return
        for i, sub in enumerate(node.sub):
            if isinstance(sub, str):
                node.sub[i] = sub.upper()
            else:
                walk(sub)

    walk(elem)
    return elem


for unit in store.units:
    summary["ids"].append(unit.xmlelement.get("id"))
    unit.rich_target = [upper_copy(r) for r in unit.rich_source]
    if mode == "approve":
        unit.markfuzzy(False)
store.savefile(dst)
print(json.dumps(summary))
