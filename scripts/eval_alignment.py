#!/usr/bin/env python3
"""Evaluates `tarjima align` on the development sets in ../shared/eval (skips when absent).

1. Sentence alignment: strict/lax F1 per set (runs ../shared/eval/score/align.py).
2. Document level (`align --assess`): every FLORES document pair must be accepted as a
   translation; FLORES document i against document j != i of the other language, and the
   two seed articles (../shared/seeds), must be refused.

Usage (from the project root): python3 scripts/eval_alignment.py [--no-f1]
Exit status 0 when every document verdict is right, 1 otherwise.
"""
import glob, json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# ../shared from the project root; a git worktree under wt/ sits one level deeper.
SHARED = os.environ.get("TARJIMA_SHARED") or next(
    (p for p in (os.path.join(ROOT, "..", "shared"), os.path.join(ROOT, "..", "..", "shared")) if os.path.isdir(p)),
    os.path.join(ROOT, "..", "shared"))
EVAL = os.path.join(SHARED, "eval")


def main():
    if not os.path.isdir(os.path.join(EVAL, "alignment")):
        print("skipped: ../shared/eval is absent")
        return 0
    exe = os.environ.get("TARJIMA_BIN", os.path.join(ROOT, "target", "release", "tarjima"))
    if "TARJIMA_BIN" not in os.environ:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    if "--no-f1" not in sys.argv:
        subprocess.run([sys.executable, os.path.join(EVAL, "score", "align.py"), "public", "0.9"], cwd=ROOT)

    def verdict(src, tgt, sl, tl, preseg=True):
        cmd = [exe, "align", "--assess", "--src-lang", sl, "--tgt-lang", tl, src, tgt]
        if preseg:
            cmd.insert(2, "--presegmented")
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        return json.loads(r.stdout)

    wrong = 0
    for d in sorted(glob.glob(os.path.join(EVAL, "alignment", "flores-*"))):
        s, t = os.path.basename(d).split("-")[1:]
        docs = sorted(g[:-5] for g in glob.glob(d + "/*.gold"))
        acc = ref = n_acc = n_ref = 0
        scores_pos, scores_neg = [], []
        for i, a in enumerate(docs):
            for j, b in enumerate(docs):
                v = verdict(a + "." + s, b + "." + t, s, t)
                if i == j:
                    n_acc += 1
                    acc += v["is_translation"]
                    scores_pos.append(v["score"])
                elif (j - i) % len(docs) in (1, 2, 5):  # a sample of wrong pairings
                    n_ref += 1
                    ref += not v["is_translation"]
                    scores_neg.append(v["score"])
        wrong += (n_acc - acc) + (n_ref - ref)
        print("%-14s accepted %2d/%2d translations (min score %.2f), refused %2d/%2d non-translations (max score %.2f)"
              % (os.path.basename(d), acc, n_acc, min(scores_pos), ref, n_ref, max(scores_neg)))
    seeds = sorted(glob.glob(os.path.join(SHARED, "seeds", "*.txt")))
    if len(seeds) == 2:
        v = verdict(seeds[0], seeds[1], "de", "en", preseg=False)
        ok = not v["is_translation"]
        wrong += not ok
        print("seed pair      %s (score %.2f: %s)" % ("refused" if ok else "ACCEPTED (wrong)", v["score"], v["reason"]))
    print("document verdicts wrong: %d" % wrong)
    return 0 if wrong == 0 else 1


sys.exit(main())
