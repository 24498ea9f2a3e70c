#!/usr/bin/env python3
"""Writes a synthetic TMX 1.4b file with N units (for benchmarks).

Usage: scripts/gen_tmx.py N OUT.tmx
Units are distinct, sentence-length, in en -> de, with a tuid, dates, a prop,
and inline markup in one unit of five; deterministic for a given N.
"""
import random
import sys

WORDS_EN = "the pump valve tank pressure filter system user file open close check start stop press wait minute power supply part manual level water oil motor cable switch light screen door key".split()
WORDS_DE = "die Pumpe Ventil Tank Druck Filter System Benutzer Datei öffnen schließen prüfen starten stoppen drücken warten Minute Strom Versorgung Teil Handbuch Stand Wasser Öl Motor Kabel Schalter Licht Bildschirm Tür Schlüssel".split()


def sentence(rng, words, n):
    return " ".join(rng.choice(words) for _ in range(n)).capitalize()


def main():
    n = int(sys.argv[1])
    rng = random.Random(42)
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')
        f.write('<header creationtool="gen" creationtoolversion="1" segtype="sentence" o-tmf="gen" '
                'adminlang="en" srclang="en-US" datatype="plaintext"/>\n<body>\n')
        for i in range(n):
            k = rng.randint(6, 18)
            en = f"{sentence(rng, WORDS_EN, k)} {i}."
            de = f"{sentence(rng, WORDS_DE, k)} {i}."
            if i % 5 == 0:
                en = en.replace(" ", ' <bpt i="1">&lt;b&gt;</bpt>', 1).replace(".", '<ept i="1">&lt;/b&gt;</ept>.', 1)
                de = de.replace(" ", ' <bpt i="1">&lt;b&gt;</bpt>', 1).replace(".", '<ept i="1">&lt;/b&gt;</ept>.', 1)
            f.write(f'<tu tuid="{i}" creationdate="20240101T{i % 24:02d}0000Z" creationid="gen">'
                    f'<prop type="x-batch">{i // 1000}</prop>'
                    f'<tuv xml:lang="en-US"><seg>{en}</seg></tuv>'
                    f'<tuv xml:lang="de-DE"><seg>{de}</seg></tuv></tu>\n')
        f.write("</body>\n</tmx>\n")


if __name__ == "__main__":
    main()
