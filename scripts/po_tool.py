#!/usr/bin/env python3
"""Small .po helpers for `make pot` (polib comes with Odoo).

po_tool.py merge POT PO [--no-code]   update PO from the template POT
po_tool.py check PO...                list untranslated entries, exit 1 if any
po_tool.py code-only POT              print the code (Python/JS) terms of POT
"""

import sys

import polib


def _is_code_only(entry):
    return all(ref.startswith("code:") for ref, _line in entry.occurrences)


def merge(pot_path, po_path, no_code=False):
    pot = polib.pofile(pot_path)
    try:
        old = {(e.msgctxt, e.msgid): e for e in polib.pofile(po_path)}
        metadata = polib.pofile(po_path).metadata
    except OSError:
        old, metadata = {}, dict(pot.metadata)
    metadata["Language"] = "zh_CN"
    metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po = polib.POFile(wrapwidth=78)
    po.metadata = metadata
    po.header = pot.header
    for entry in pot:
        if no_code and _is_code_only(entry):
            continue
        previous = old.get((entry.msgctxt, entry.msgid))
        entry.msgstr = previous.msgstr if previous else ""
        po.append(entry)
    po.save(po_path)
    return po


def check(paths):
    missing = 0
    for path in paths:
        for entry in polib.pofile(path):
            if not entry.msgstr:
                missing += 1
                print(f"{path}: untranslated: {entry.msgid!r}")
    return missing


def main(argv):
    if argv[:1] == ["merge"]:
        merge(argv[1], argv[2], no_code="--no-code" in argv)
    elif argv[:1] == ["check"]:
        return 1 if check(argv[1:]) else 0
    elif argv[:1] == ["code-only"]:
        for entry in polib.pofile(argv[1]):
            if _is_code_only(entry):
                print(f"- {entry.msgid!r}")
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
