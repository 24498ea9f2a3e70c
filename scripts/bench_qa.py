#!/usr/bin/env python3
"""Speed of `tarjima qa`: a generated memory of N pairs against a generated glossary of T terms.

The memory and glossary are generated deterministically (fixed seed): English-German pairs of
12-20 words from a 20,000-word synthetic vocabulary, where about a third of the pairs contain
one or two glossary terms (rendered correctly, with an inflection, or wrongly), so every check
runs: term lookup in every source, rendering search in the targets that need it, forbidden
renderings, sentence and term consistency over the whole memory.

Usage: python3 scripts/bench_qa.py [--pairs 1000000] [--terms 10000] [--keep DIR]   (from the project root)
--keep DIR writes the memory and glossary to DIR and leaves them there (to rerun `tarjima qa` by hand).
Env: TARJIMA_BIN (default target/release/tarjima, built if missing).
"""

import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def arg(name, default):
    if name in sys.argv:
        return int(sys.argv[sys.argv.index(name) + 1])
    return default


def word(rng, syll):
    return "".join(rng.choice(syll) for _ in range(rng.randint(2, 4)))


def main():
    n_pairs = arg("--pairs", 1_000_000)
    keep = sys.argv[sys.argv.index("--keep") + 1] if "--keep" in sys.argv else None
    n_terms = arg("--terms", 10_000)
    b = os.environ.get("TARJIMA_BIN", os.path.join(ROOT, "target", "release", "tarjima"))
    if not os.path.exists(b):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    rng = random.Random(20261122)
    syll = ["ka", "lo", "mi", "ren", "tas", "bu", "ver", "do", "sen", "al", "tor", "ni", "pe", "gru", "ho"]
    en_vocab = list(dict.fromkeys(word(rng, syll) for _ in range(30000)))[:20000]
    de_vocab = [w.capitalize() + "e" for w in en_vocab]  # a target word per source word
    terms = []
    for i in range(n_terms):
        k = 1 if i % 3 else 2
        en = " ".join(rng.choice(en_vocab) + "x" for _ in range(k))
        de = " ".join(rng.choice(de_vocab) + "ung" for _ in range(k))
        bad = rng.choice(de_vocab) + "heit"
        terms.append((en, de, bad))
    with tempfile.TemporaryDirectory() as tmp:
        if keep:
            os.makedirs(keep, exist_ok=True)
            tmp = keep
        gl = os.path.join(tmp, "glossary.csv")
        with open(gl, "w", encoding="utf-8") as f:
            f.write("concept,lang,term,status\n")
            for i, (en, de, bad) in enumerate(terms):
                f.write(f"c{i},en,{en},preferred\nc{i},de,{de},preferred\nc{i},de,{bad},forbidden\n")
        db = os.path.join(tmp, "memory.db")
        if keep and os.path.exists(db):
            os.remove(db)
        open(db, "wb").close()
        subprocess.run([b, "--db", db, "stats"], check=True, capture_output=True)
        con = sqlite3.connect(db)
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        t0 = time.time()
        rows = []
        for i in range(n_pairs):
            n = rng.randint(12, 20)
            src = [rng.choice(en_vocab) for _ in range(n)]
            tgt = [w.capitalize() + "e" for w in src]
            r = rng.random()
            if r < 0.33:
                en, de, bad = terms[rng.randrange(n_terms)]
                pos = rng.randrange(n)
                src.insert(pos, en)
                choice = rng.random()
                tgt.insert(pos, de if choice < 0.6 else de + "en" if choice < 0.8 else bad if choice < 0.9 else "Etwas")
            s = " ".join(src) + "."
            t = " ".join(tgt) + "."
            if i % 50 == 0 and rows:
                s = rows[-1][0]  # a repeated source with a different target
            rows.append((s, t, s.lower()))
            if len(rows) >= 50_000:
                con.executemany("INSERT OR IGNORE INTO pairs (src_lang, tgt_lang, source, target, source_key, "
                                "confidence, created_at) VALUES ('en', 'de', ?, ?, ?, 1.0, '2026-01-01T00:00:00Z')",
                                rows)
                rows = []
        if rows:
            con.executemany("INSERT OR IGNORE INTO pairs (src_lang, tgt_lang, source, target, source_key, "
                            "confidence, created_at) VALUES ('en', 'de', ?, ?, ?, 1.0, '2026-01-01T00:00:00Z')", rows)
        con.commit()
        stored = con.execute("SELECT count(*) FROM pairs").fetchone()[0]
        con.close()
        print(f"generated {stored} pairs and {n_terms} concepts in {time.time() - t0:.1f} s")
        t0 = time.time()
        cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run([b, "--db", db, "qa", "--glossary", gl, "--format", "csv", "--no-fail"],
                             check=True, capture_output=True)
        dt = time.time() - t0
        cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
        findings = out.stdout.count(b"\n") - 1
        print(f"qa: {stored} pairs x {n_terms} terms in {dt:.1f} s wall, {cpu:.1f} s CPU, "
              f"peak RSS {cpu1.ru_maxrss / 1024:.0f} MB ({findings} findings)")
        return 0


if __name__ == "__main__":
    sys.exit(main())
