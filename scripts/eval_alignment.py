#!/usr/bin/env python3
"""Evaluates `tarjima align` on the development sets in ../shared/eval (skips when absent).

1. Sentence alignment: strict/lax F1 per set (runs ../shared/eval/score/align.py).
2. Pairs of two non-English languages (de-fr, ru-uz, zh-de, ... all 20 ordered pairs): the FLORES
   documents share their English side, so gold for A-B is composed through English (see
   `compose`), and the B side is then perturbed like the FLORES sets (two sentences merged, one
   deleted, one unrelated sentence inserted; deterministic per document and pair), so every
   document has a 2-1, a 1-0 and a 0-1 bead. Strict/lax F1 per pair and overall.
3. Document level (`align --assess`): every FLORES document pair must be accepted as a
   translation; FLORES document i against document j != i of the other language, and the
   two seed articles (../shared/seeds), must be refused.

Usage (from the project root): python3 scripts/eval_alignment.py [--no-f1] [--no-pairs] [--no-docs]
Exit status 0 when every document verdict is right, 1 otherwise.
"""
import ast, glob, itertools, json, os, random, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# ../shared from the project root; a git worktree under wt/ sits one level deeper.
SHARED = os.environ.get("TARJIMA_SHARED") or next(
    (p for p in (os.path.join(ROOT, "..", "shared"), os.path.join(ROOT, "..", "..", "shared")) if os.path.isdir(p)),
    os.path.join(ROOT, "..", "shared"))
EVAL = os.path.join(SHARED, "eval")


def release_binary():
    """The binary to drive: $TARJIMA_BIN, or the release build (built first)."""
    exe = os.environ.get("TARJIMA_BIN", os.path.join(ROOT, "target", "release", "tarjima"))
    if "TARJIMA_BIN" not in os.environ:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    return exe


def main():
    if not os.path.isdir(os.path.join(EVAL, "alignment")):
        print("skipped: ../shared/eval is absent")
        return 0
    exe = release_binary()
    if "--no-f1" not in sys.argv:
        subprocess.run([sys.executable, os.path.join(EVAL, "score", "align.py"), "public", "0.9"], cwd=ROOT)

    if "--no-pairs" not in sys.argv:
        pair_f1(exe)
    if "--no-docs" in sys.argv:
        return 0

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


def read_gold(path):
    beads = []
    for line in open(path, encoding="utf-8"):
        if line.strip():
            a, b = line.strip().split(":")
            beads.append((list(ast.literal_eval(a)), list(ast.literal_eval(b))))
    return beads


def compose(gold_a, gold_b):
    """Gold beads A-B from gold beads English-A and English-B of the same English document.

    A sentence of A and one of B belong to one bead when they translate a common English
    sentence (union over shared English ids, closed transitively, so merges on either side
    give 2-1 / 1-2 / 2-2 beads). English sentences deleted on one side only leave the other
    side's sentence unaligned (1-0 / 0-1) unless it also covers another English sentence.
    Sentences inserted on both sides into the same gap (between the same English
    sentences), one each, are taken as translations of each other (the FLORES sets insert
    the same unrelated sentence in every language). Beads whose ranges would cross are
    merged, so the result is a valid monotone alignment. Returns [(A ids, B ids)] in order.
    """
    def side(gold):
        en_of, gap_of = {}, {}
        last = -1
        for e, x in gold:
            if e:
                last = max(e)
            for i in x:
                en_of[i] = set(e)
                if not e:
                    gap_of.setdefault(last, []).append(i)
        return en_of, gap_of
    ea, ga = side(gold_a)
    eb, gb = side(gold_b)
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x, y):
        parent[find(x)] = find(y)
    by_en = {}
    for i, es in ea.items():
        find(("a", i))
        for e in es:
            by_en.setdefault(e, []).append(("a", i))
    for j, es in eb.items():
        find(("b", j))
        for e in es:
            by_en.setdefault(e, []).append(("b", j))
    for nodes in by_en.values():
        for n in nodes[1:]:
            union(nodes[0], n)
    for gap, ins in ga.items():
        if len(ins) == 1 and len(gb.get(gap, [])) == 1:
            union(("a", ins[0]), ("b", gb[gap][0]))
    comps = {}
    for node in list(parent):
        comps.setdefault(find(node), []).append(node)
    beads = [[sorted(i for s, i in c if s == "a"), sorted(j for s, j in c if s == "b")] for c in comps.values()]
    # Merge beads until every pairing bead spans a range that no other pairing bead enters.
    changed = True
    while changed:
        changed = False
        pairing = [b for b in beads if b[0] and b[1]]
        for x, y in itertools.combinations(pairing, 2):
            cross = (max(x[0]) >= min(y[0]) and min(x[0]) <= max(y[0])) or \
                    (max(x[1]) >= min(y[1]) and min(x[1]) <= max(y[1])) or \
                    ((min(x[0]) < min(y[0])) != (min(x[1]) < min(y[1])))
            if cross:
                beads = [b for b in beads if b is not x and b is not y] + [[sorted(x[0] + y[0]), sorted(x[1] + y[1])]]
                changed = True
                break
        if not changed:
            # A bead must be contiguous: absorb sentences that fall inside its range.
            for b in beads:
                for k in (0, 1):
                    if b[k] and len(b[k]) != max(b[k]) - min(b[k]) + 1:
                        inside = set(range(min(b[k]), max(b[k]) + 1)) - set(b[k])
                        for o in beads:
                            if o is not b and set(o[k]) & inside:
                                beads = [c for c in beads if c is not b and c is not o] + \
                                    [[sorted(b[0] + o[0]), sorted(b[1] + o[1])]]
                                changed = True
                                break
                    if changed:
                        break
                if changed:
                    break

    def key(b):
        # Order: by A position, unaligned B sentences by the A position of their B neighbours.
        return (min(b[0]) if b[0] else -1, min(b[1]) if b[1] else -1)
    out, pa, pb = [], sorted([b for b in beads if b[0]], key=key), sorted([b for b in beads if not b[0]], key=key)
    while pa or pb:
        if pb and (not pa or not pa[0][1] or pb[0][1][0] < min(pa[0][1])):
            out.append(pb.pop(0))
        else:
            out.append(pa.pop(0))
    return out


def perturb(beads, a_lines, b_lines, filler, joiner, rng):
    """Applies one merge, one deletion and one insertion to the B side of composed beads.

    Returns (B lines, gold beads with the new B ids)."""
    rows = [(list(a), [b_lines[j] for j in b]) for a, b in beads]
    ones = [k for k in range(len(rows) - 1) if len(rows[k][0]) == 1 and len(rows[k][1]) == 1
            and len(rows[k + 1][0]) == 1 and len(rows[k + 1][1]) == 1]
    if ones and len(rows) >= 4:
        k = rng.choice(ones)
        rows[k:k + 2] = [(rows[k][0] + rows[k + 1][0], [joiner.join(rows[k][1] + rows[k + 1][1])])]
    ones = [k for k in range(len(rows)) if len(rows[k][0]) == 1 and len(rows[k][1]) == 1]
    if ones and len(rows) >= 4:
        k = rng.choice(ones)
        rows[k] = (rows[k][0], [])
    k = rng.randrange(0, len(rows) + 1)
    rows.insert(k, ([], [filler]))
    lines, gold = [], []
    for a, texts in rows:
        ids = list(range(len(lines), len(lines) + len(texts)))
        lines += texts
        if a or ids:
            gold.append((a, ids))
    return lines, gold


def counts(gold, test):
    """Strict and lax hits as ../shared/eval/README.md defines them (Sennrich & Volk 2011):
    (strict hits, lax hits, predicted beads, strict recalled, lax recalled, gold beads)."""
    gold = [b for b in gold if b[0] or b[1]]
    test = [b for b in test if b[0] or b[1]]
    gset = set(gold)
    glinks = {(s, t) for a, b in gold for s in a for t in b}
    sp = sum(1 for b in test if b in gset)
    lp = sum(1 for b in test if b in gset or any((s, t) in glinks for s in b[0] for t in b[1]))
    g2 = [b for b in gold if b[0] and b[1]]
    t2 = [b for b in test if b[0] and b[1]]
    tset = set(t2)
    tlinks = {(s, t) for a, b in t2 for s in a for t in b}
    sr = sum(1 for b in g2 if b in tset)
    lr = sum(1 for b in g2 if b in tset or any((s, t) in tlinks for s in b[0] for t in b[1]))
    return sp, lp, len(test), sr, lr, len(g2)


def f1(tp_p, n_p, tp_r, n_r):
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def pair_f1(exe):
    """Strict/lax F1 on composed and perturbed non-English pairs of the FLORES documents."""
    sets = sorted(glob.glob(os.path.join(EVAL, "alignment", "flores-en-*")))
    langs = [os.path.basename(d).split("-")[2] for d in sets]
    if len(langs) < 2:
        print("skipped: fewer than two FLORES languages")
        return
    docs = sorted(os.path.basename(g)[:-5] for g in glob.glob(sets[0] + "/*.gold"))
    total = [0] * 6
    worst = 1.0
    with tempfile.TemporaryDirectory() as tmp:
        only = os.environ.get("TARJIMA_PAIRS")  # e.g. "zh-de,de-zh": evaluate only these pairs
        show = os.environ.get("TARJIMA_SHOW_ERRORS")  # print wrong beads with their text
        for la, lb in itertools.permutations(langs, 2):
            if only and "%s-%s" % (la, lb) not in only.split(","):
                continue
            c = [0] * 6
            for n, doc in enumerate(docs):
                da = os.path.join(EVAL, "alignment", "flores-en-" + la, doc)
                db = os.path.join(EVAL, "alignment", "flores-en-" + lb, doc)
                if not (os.path.exists(db + ".gold") and os.path.exists(da + ".gold")):
                    continue
                a_lines = open(da + "." + la, encoding="utf-8").read().splitlines()
                b_lines = open(db + "." + lb, encoding="utf-8").read().splitlines()
                other = os.path.join(EVAL, "alignment", "flores-en-" + lb, docs[(n + 7) % len(docs)] + "." + lb)
                rng = random.Random("%s-%s-%s" % (la, lb, doc))
                others = open(other, encoding="utf-8").read().splitlines()
                filler = rng.choice(others)
                beads = compose(read_gold(da + ".gold"), read_gold(db + ".gold"))
                b_new, gold = perturb(beads, a_lines, b_lines, filler, "" if lb in ("zh", "ja") else " ", rng)
                fa = os.path.join(tmp, "a.txt")
                fb = os.path.join(tmp, "b.txt")
                open(fa, "w", encoding="utf-8").write("\n".join(a_lines) + "\n")
                open(fb, "w", encoding="utf-8").write("\n".join(b_new) + "\n")
                r = subprocess.run([exe, "align", "--presegmented", "--src-lang", la, "--tgt-lang", lb,
                                    "--format", "vecalign", fa, fb], capture_output=True, text=True, timeout=120)
                test = []
                for line in r.stdout.splitlines():
                    if line.strip():
                        x, y = line.strip().split(":")
                        test.append((tuple(ast.literal_eval(x)), tuple(ast.literal_eval(y))))
                got = counts([(tuple(a), tuple(b)) for a, b in gold], test)
                if show:
                    gs = {(tuple(a), tuple(b)) for a, b in gold}
                    ts = set(test)
                    bad = [b for b in test if b not in gs] + [("GOLD",) + b for b in gs if b not in ts]
                    for b in bad:
                        gold_mark = b[0] == "GOLD"
                        x, y = b[1:] if gold_mark else b
                        print("  %s %s %s:%s  %s || %s" % (la + "-" + lb, doc, list(x), list(y),
                              " ".join(a_lines[i] for i in x)[:150], " ".join(b_new[j] for j in y)[:150])
                              if not gold_mark else "  gold %s:%s" % (list(x), list(y)))
                c = [x + y for x, y in zip(c, got)]
            s, l = f1(c[0], c[2], c[3], c[5]), f1(c[1], c[2], c[4], c[5])
            worst = min(worst, s)
            total = [x + y for x, y in zip(total, c)]
            print("pair %s-%s  docs %2d  strict F1 %.3f  lax F1 %.3f" % (la, lb, len(docs), s, l))
    print("non-English pairs: strict F1 %.3f  lax F1 %.3f  (worst pair %.3f)"
          % (f1(total[0], total[2], total[3], total[5]), f1(total[1], total[2], total[4], total[5]), worst))


if __name__ == "__main__":
    sys.exit(main())
