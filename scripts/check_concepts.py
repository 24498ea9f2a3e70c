#!/usr/bin/env python3
"""Checks the concept lexicon files (src/align/data/concepts/*.tsv) for format errors.

Usage: python3 scripts/check_concepts.py [FILE ...]   (default: every file)
The first line that is not a comment names the languages of the columns (en first, then
any of de, fr, ru, uz, zh, is, ...); each data line has one cell per column, forms inside a
cell separated by ';'. A cell may be empty when a language has no good single rendering.
Exit 1 and one line per problem when something is wrong.
"""
import glob
import os
import re
import sys
import unicodedata

ROOT = os.path.join(os.path.dirname(__file__), "..", "src", "align", "data", "concepts")


def script_ok(lang, form):
    letters = [c for c in form if c.isalpha()]
    if not letters:
        return False
    if lang == "zh":
        return all("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in letters)
    if lang == "ru":
        return all("\u0400" <= c <= "\u04ff" for c in letters)
    # en, de, fr, uz: Latin letters (uz written in Latin script; o' g' with an apostrophe)
    return all(unicodedata.name(c, "").startswith("LATIN") for c in letters)


def check(path):
    problems = []
    seen = {}
    langs = None
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if langs is None:
            langs = cells
            if langs[0] != "en" or len(set(langs)) != len(langs):
                problems.append(f"{path}:{n}: header must start with en and name each language once")
            continue
        if len(cells) != len(langs):
            problems.append(f"{path}:{n}: {len(cells)} cells, want {len(langs)}")
            continue
        filled = 0
        for lang, cell in zip(langs, cells):
            forms = [f.strip() for f in cell.split(";") if f.strip()]
            if forms:
                filled += 1
            for f in forms:
                if f != f.strip() or "  " in f:
                    problems.append(f"{path}:{n}: stray spaces in {lang} form {f!r}")
                if not script_ok(lang, f):
                    problems.append(f"{path}:{n}: {lang} form {f!r} is not in {lang}'s script")
                if re.search(r"[()\[\]/,]", f):
                    problems.append(f"{path}:{n}: {lang} form {f!r} has brackets, slashes or commas")
        if filled < 3 or not cells[0].strip():
            problems.append(f"{path}:{n}: fewer than 3 languages filled, or no English")
        key = cells[0].strip().lower()
        if key in seen:
            problems.append(f"{path}:{n}: English {key!r} repeats line {seen[key]}")
        seen[key] = n
    return problems


def main():
    files = sys.argv[1:] or sorted(glob.glob(os.path.join(ROOT, "*.tsv")))
    problems = [p for f in files for p in check(f)]
    for p in problems:
        print(p)
    print(f"{len(files)} files, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
