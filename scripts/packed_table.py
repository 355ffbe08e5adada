"""Writes a folding table as Swift source: the form `FoldingTable` and `PersonalDataFolding` share.

`keys` is sorted; the replacement of `keys[i]` is up to three ASCII bytes packed little-endian in `values[i]`,
and 0 deletes the code point. Used by generate-folding-table.py and generate-personal-data-table.py.
"""
import os
import sys


def write(path, header, doc, name, table):
    """Writes `table` (code point -> replacement of up to three ASCII characters) to `path` as `enum name`,
    with `header` lines as the file comment and `doc` lines as the type's documentation."""
    keys = sorted(table)
    packed = []
    for key in keys:
        value = 0
        for index, char in enumerate(table[key].encode("ascii")):
            value |= char << (8 * index)
        packed.append(value)
    lines = header + [""] + doc + ["enum %s {" % name, "    static let keys: [UInt32] = ["]
    for start in range(0, len(keys), 10):
        lines.append("        " + ", ".join("0x%X" % k for k in keys[start:start + 10]) + ",")
    lines.append("    ]")
    lines.append("    static let values: [UInt32] = [")
    for start in range(0, len(packed), 10):
        lines.append("        " + ", ".join("0x%X" % v for v in packed[start:start + 10]) + ",")
    lines.append("    ]")
    lines.append("}")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    print("%d entries -> %s" % (len(keys), os.path.relpath(path)), file=sys.stderr)
