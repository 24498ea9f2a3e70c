#!/usr/bin/env python3
"""Side-by-side sentence-segmentation evaluation: tarjima, pySBD and sentencex in one run.

Reads the development sets in ../shared/eval/segmentation (relative to the project root);
exits 0 with "skipped" when they are absent.

1. Golden Rules (golden/<lang>.json, en de ru kk fr es it, `needs_cleaning` cases left out):
   exact-match pass rate per file, plus the 52 canonical English rules. Where two entries share
   a text with different expectations, either counts (as in the project's scorer).
2. FLORES paragraphs (flores/<lang>.json): boundary F1. Gold boundaries are the start offsets of
   the expected sentences after the first, found in the paragraph text; a tool's boundaries are
   found the same way from its output (the definition of the scorer's held-out part).

Usage: python3 scripts/eval_segmentation.py [--no-peers] [--failures LANG] [--only golden|flores]
Builds target/release/tarjima unless TARJIMA_BIN is set. pySBD and sentencex must be
installed (pip install pysbd sentencex); without them, --no-peers is implied.
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_eval():
    """$TARJIMA_EVAL, else the nearest ../shared/eval above the project root (git worktrees sit deeper)."""
    if os.environ.get("TARJIMA_EVAL"):
        return os.path.join(os.environ["TARJIMA_EVAL"], "segmentation")
    d = ROOT
    for _ in range(3):
        cand = os.path.join(os.path.dirname(d), "shared", "eval", "segmentation")
        if os.path.isdir(cand):
            return cand
        d = os.path.dirname(d)
    return os.path.join(os.path.dirname(ROOT), "shared", "eval", "segmentation")


EVAL = find_eval()
GOLDEN_LANGS = ("en", "de", "ru", "kk", "fr", "es", "it", "en-canonical")


def tarjima_bin():
    exe = os.environ.get("TARJIMA_BIN")
    if exe:
        return exe
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    return os.path.join(ROOT, "target", "release", "tarjima")


def tools(no_peers):
    exe = tarjima_bin()

    def tarjima(lang, text):
        r = subprocess.run([exe, "segment", "--lang", lang, "--format", "json", "-"],
                           input=text, capture_output=True, text=True, timeout=30)
        try:
            return json.loads(r.stdout)
        except ValueError:
            return []

    out = {"tarjima": tarjima}
    if no_peers:
        return out
    try:
        import pysbd
        import sentencex
    except ImportError:
        print("pySBD/sentencex not installed: tarjima only (pip install pysbd sentencex)")
        return out

    def pysbd_seg(lang, text):
        try:
            return pysbd.Segmenter(language=lang, clean=False).segment(text)
        except Exception:  # language not supported by pySBD: its English rules
            return pysbd.Segmenter(language="en", clean=False).segment(text)

    out["pysbd"] = pysbd_seg
    out["sentencex"] = lambda lang, text: list(sentencex.segment(lang, text))
    return out


def norm(xs):
    return [" ".join(x.split()) for x in xs if x.strip()]


def starts(text, sents):
    """Start offsets of every sentence after the first (the scorer's boundary definition)."""
    b, pos = set(), 0
    for i, s in enumerate(sents):
        s = s.strip()
        if not s:
            continue
        j = text.find(s[:24], pos)
        if j < 0:
            j = pos
        if i > 0:
            b.add(j)
        pos = j + len(s)
    return b


def golden(segs, failures):
    print("Golden Rules: % of cases passed (exact match, needs_cleaning excluded)")
    for lang in GOLDEN_LANGS:
        cases = json.load(open(os.path.join(EVAL, "golden", lang[:2] + ".json"), encoding="utf-8"))
        cases = [c for c in cases if not c.get("needs_cleaning")]
        if lang == "en-canonical":
            cases = [c for c in cases if c.get("golden_rule")]
        want = {}
        for c in cases:
            want.setdefault(c["text"], []).append(norm(c["expected"]))
        row = []
        for name, f in segs.items():
            ok = 0
            for text, exps in want.items():
                got = norm(f(lang[:2], text))
                if got in exps:
                    ok += 1
                elif name == "tarjima" and failures == lang:
                    print("FAIL", json.dumps(text[:300], ensure_ascii=False))
                    print("  want", json.dumps(exps[0], ensure_ascii=False)[:600])
                    print("  got ", json.dumps(got, ensure_ascii=False)[:600])
            row.append("%s %3d/%-3d %5.1f%%" % (name, ok, len(want), 100.0 * ok / len(want)))
        print("  %-12s %s" % (lang, "  ".join(row)))


def flores(segs, failures):
    print("FLORES paragraphs: boundary F1 (P / R)")
    for fn in sorted(os.listdir(os.path.join(EVAL, "flores"))):
        lang = fn[:-5]
        cases = json.load(open(os.path.join(EVAL, "flores", fn), encoding="utf-8"))
        row = []
        for name, f in segs.items():
            tp = g = p = 0
            for c in cases:
                gold = starts(c["text"], c["expected"])
                got_s = f(lang, c["text"])
                got = starts(c["text"], got_s)
                tp += len(gold & got)
                g += len(gold)
                p += len(got)
                if name == "tarjima" and failures == "flores-" + lang:
                    t = c["text"]
                    for k in sorted(got - gold):
                        print("  FALSE BREAK ...%s|%s..." % (t[max(0, k - 60):k], t[k:k + 30]))
                    for k in sorted(gold - got):
                        print("  MISSED     ...%s|%s..." % (t[max(0, k - 60):k], t[k:k + 30]))
            prec = tp / p if p else 0.0
            rec = tp / g if g else 0.0
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            row.append("%s %.3f (%.3f/%.3f)" % (name, f1, prec, rec))
        print("  %-4s %s" % (lang, "  ".join(row)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--failures", help="print tarjima's failures for a golden LANG or flores-LANG")
    ap.add_argument("--only", choices=("golden", "flores"))
    a = ap.parse_args()
    if not os.path.isdir(EVAL):
        print("skipped: %s not found (development sets are not part of the project)" % EVAL)
        return 0
    segs = tools(a.no_peers)
    if a.only != "flores":
        golden(segs, a.failures)
    if a.only != "golden":
        flores(segs, a.failures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
