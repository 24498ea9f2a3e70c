#!/usr/bin/env python3
"""Adds a language column to a concept lexicon file from a two-column side file.

Usage: python3 scripts/merge_concept_column.py LANG FILE.tsv SIDE
SIDE has lines `<English cell of a row>\t<forms>`; the forms become the LANG cell of that row
(rows the side file does not name get an empty cell). FILE.tsv is rewritten in place. Used to
add a language to src/align/data/concepts/*.tsv one domain at a time.
"""
import sys


def main():
    lang, path, side = sys.argv[1:4]
    forms = {}
    for line in open(side, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        en, _, cell = line.partition("\t")
        forms[en] = cell.strip()
    out, header, used = [], None, set()
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#") or not line.strip():
            out.append(line)
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            if lang in header:
                sys.exit(f"{path} already has a {lang} column")
            out.append("\t".join(cells + [lang]))
            continue
        cell = forms.get(cells[0], "")
        if cells[0] in forms:
            used.add(cells[0])
        out.append("\t".join(cells + [cell]))
    unknown = set(forms) - used
    for u in sorted(unknown):
        print(f"not a row of {path}: {u!r}", file=sys.stderr)
    open(path, "w", encoding="utf-8").write("\n".join(out) + "\n")
    print(f"{path}: {len(used)} rows got {lang}", file=sys.stderr)


if __name__ == "__main__":
    main()
