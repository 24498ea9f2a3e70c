"""Side-by-side timing of Translate Toolkit's fuzzy matcher on a tarjima memory.

Usage: python3 benches/support/tt_compare.py MEMORY.db QUERIES.txt N_QUERIES
QUERIES.txt is the output of `TM_SLOW=-1 tm_bench lookup MEMORY.db 300 0`
(one line per query, the query Rust-quoted). Settings as in tm_bench:
top 5, min 50, en->de (stored sources only: Translate Toolkit has no reverse
direction). Needs `pip install translate-toolkit rapidfuzz`.
"""
import json
import resource
import sqlite3
import sys
import time

from translate.search import match
from translate.storage import base


# The matcher keeps a heap of (similarity, unit) of its own base units; equal
# similarities then compare units, which base units do not support (TypeError).
# Ordering them by source text only breaks ties; it changes no similarity.
base.TranslationUnit.__lt__ = lambda self, other: self.source < other.source


def main():
    db, qfile, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    queries = []
    for line in open(qfile, encoding="utf-8"):
        if line.startswith("slow "):
            start = line.index('"')
            end = line.rindex('" -> ')
            queries.append(json.loads(line[start : end + 1]))
    queries = queries[:n]
    con = sqlite3.connect(db)
    t0, c0 = time.perf_counter(), time.process_time()
    store = base.TranslationStore()
    for src, tgt in con.execute("SELECT source, target FROM pairs WHERE src_lang='en'"):
        u = base.TranslationUnit(src)
        u.target = tgt
        store.addunit(u)
    m = match.matcher(store, max_candidates=5, min_similarity=50, max_length=100000)
    print(
        f"loaded {len(store.units)} units in {time.perf_counter() - t0:.1f} s wall, "
        f"{time.process_time() - c0:.1f} s CPU"
    )
    t0, c0 = time.perf_counter(), time.process_time()
    found = 0
    for q in queries:
        found += bool(m.matches(q))
    wall = (time.perf_counter() - t0) * 1000 / len(queries)
    cpu = (time.process_time() - c0) * 1000 / len(queries)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"translate-toolkit matcher: {len(queries)} queries: mean {wall:.1f} ms wall "
        f"({cpu:.1f} ms CPU); {found} with matches; peak RSS {rss:.0f} MiB"
    )


if __name__ == "__main__":
    main()
