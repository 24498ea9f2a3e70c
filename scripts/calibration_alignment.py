#!/usr/bin/env python3
"""How often a predicted bead is right (strict: the same bead is in the gold), by its confidence.
Reads ../shared/eval/alignment (skips when absent). Usage: python3 scripts/calibration_alignment.py"""
import ast, glob, json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = next((p for p in (os.path.join(ROOT, "..", "shared"), os.path.join(ROOT, "..", "..", "shared"))
               if os.path.isdir(p)), None)
if SHARED is None or not os.path.isdir(os.path.join(SHARED, "eval", "alignment")):
    print("skipped: ../shared/eval is absent")
    sys.exit(0)
exe = os.environ.get("TARJIMA_BIN", os.path.join(ROOT, "target", "release", "tarjima"))
base = os.path.join(SHARED, "eval", "alignment")
docs = [(f"{base}/textberg-de-fr-dev/dev.de", f"{base}/textberg-de-fr-dev/dev.fr", f"{base}/textberg-de-fr-dev/dev.defr", "de", "fr")]
docs += [(g[:-5] + ".en", g[:-5] + ".is", g, "en", "is") for g in sorted(glob.glob(f"{base}/parice-en-is/*.gold"))]
for d in sorted(glob.glob(f"{base}/flores-*")):
    s, t = os.path.basename(d).split("-")[1:]
    docs += [(g[:-5] + "." + s, g[:-5] + "." + t, g, s, t) for g in sorted(glob.glob(d + "/*.gold"))]
bins = [(0.0, 0.2), (0.2, 0.4), (0.4, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]
hits = [[0, 0] for _ in bins]
for src, tgt, gold, sl, tl in docs:
    r = subprocess.run([exe, "align", "--presegmented", "--format", "json", "--src-lang", sl, "--tgt-lang", tl, src, tgt],
                       capture_output=True, text=True)
    gset = set()
    for l in open(gold):
        if l.strip():
            a, b = l.strip().split(":")
            gset.add((tuple(ast.literal_eval(a)), tuple(ast.literal_eval(b))))
    for b in json.loads(r.stdout):
        if not b["src"] or not b["tgt"]:
            continue
        k = next(i for i, (lo, hi) in enumerate(bins) if lo <= b["score"] < hi)
        hits[k][0] += (tuple(b["src"]), tuple(b["tgt"])) in gset
        hits[k][1] += 1
print("| confidence | beads | strictly right |")
print("|---|---:|---:|")
for (lo, hi), (h, n) in zip(bins, hits):
    print("| %.1f-%.1f | %d | %s |" % (lo, min(hi, 1.0), n, "%.0f%%" % (100 * h / n) if n else "-"))
