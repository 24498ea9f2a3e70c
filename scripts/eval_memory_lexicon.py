#!/usr/bin/env python3
"""Does alignment improve as the memory grows? (`tarjima align --memory-lexicon`)

For each development set in ../shared/eval/alignment (skips when absent), two folds: the gold
beads of one half of the documents (Text+Berg, a single document, is cut in two at a bead
boundary) are written as TMX and imported into an empty memory; the other half is then
aligned with and without the lexicon `import` would learn from that memory. Prints strict /
lax F1 of the held-out halves, both folds summed, without and with the memory's lexicon.

Usage (from the project root): python3 scripts/eval_memory_lexicon.py
"""
import glob, os, subprocess, sys, tempfile
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_alignment import EVAL, counts, f1, read_gold, release_binary  # noqa: E402


def lines_of(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    numbered = all(l.split("\t", 1)[0].isdigit() for l in lines if l.strip()) and any("\t" in l for l in lines)
    return [l.split("\t", 1)[1] if numbered and "\t" in l else l for l in lines]


def documents(name):
    """[(src lines, tgt lines, gold beads, sl, tl)] of one set."""
    d = os.path.join(EVAL, "alignment", name)
    if name.startswith("textberg"):
        src, tgt = lines_of(f"{d}/dev.de"), lines_of(f"{d}/dev.fr")
        gold = read_gold(f"{d}/dev.defr")
        # Cut at the middle bead: two documents with their own numbering.
        cut = len(gold) // 2
        while not (gold[cut][0] and gold[cut][1]):
            cut += 1
        s_cut, t_cut = min(gold[cut][0]), min(gold[cut][1])
        first = [b for b in gold[:cut]]
        second = [([i - s_cut for i in a], [j - t_cut for j in b]) for a, b in gold[cut:]]
        return [(src[:s_cut], tgt[:t_cut], first, "de", "fr"), (src[s_cut:], tgt[t_cut:], second, "de", "fr")]
    if name.startswith("parice"):
        sl, tl = "en", "is"
    else:
        sl, tl = "en", name.split("-")[-1]
    out = []
    for g in sorted(glob.glob(f"{d}/*.gold")):
        base = g[:-5]
        src, tgt = lines_of(f"{base}.{sl}"), lines_of(f"{base}.{tl}")
        gold = [(a, b) for a, b in read_gold(g) if all(i < len(src) for i in a) and all(j < len(tgt) for j in b)]
        out.append((src, tgt, gold, sl, tl))
    return out


def write_tmx(path, docs):
    with open(path, "w", encoding="utf-8") as f:
        sl = docs[0][3]
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="eval" '
                f'creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="{sl}" '
                'datatype="plaintext"/><body>\n')
        for src, tgt, gold, sl, tl in docs:
            joiner = "" if tl == "zh" else " "
            for a, b in gold:
                if not a or not b:
                    continue
                s = " ".join(src[i] for i in a).strip()
                t = joiner.join(tgt[j] for j in b).strip()
                if s and t:
                    f.write(f'<tu><tuv xml:lang="{sl}"><seg>{escape(s)}</seg></tuv>'
                            f'<tuv xml:lang="{tl}"><seg>{escape(t)}</seg></tuv></tu>\n')
        f.write("</body></tmx>\n")


def align(exe, db, src, tgt, sl, tl, tmp, memory):
    a, b = os.path.join(tmp, "a.txt"), os.path.join(tmp, "b.txt")
    open(a, "w", encoding="utf-8").write("\n".join(src) + "\n")
    open(b, "w", encoding="utf-8").write("\n".join(tgt) + "\n")
    cmd = [exe, "--db", db, "align", "--presegmented", "--src-lang", sl, "--tgt-lang", tl, "--format", "vecalign", a, b]
    if memory:
        cmd.insert(4, "--memory-lexicon")
    r = subprocess.run(cmd, capture_output=True, text=True, check=True)
    beads = []
    for line in r.stdout.splitlines():
        x, y = line.split(":")
        beads.append((tuple(eval(x)), tuple(eval(y))))
    return beads


def main():
    if not os.path.isdir(os.path.join(EVAL, "alignment")):
        print("skipped: ../shared/eval is absent")
        return 0
    exe = release_binary()
    sets = ["textberg-de-fr-dev", "parice-en-is"] + [os.path.basename(p) for p in sorted(glob.glob(os.path.join(EVAL, "alignment", "flores-en-*")))]
    print("set                  pairs in memory   strict F1 without / with   lax F1 without / with")
    for name in sets:
        docs = documents(name)
        half = (len(docs) + 1) // 2
        folds = [(docs[:half], docs[half:]), (docs[half:], docs[:half])]
        tot = {False: [0] * 6, True: [0] * 6}
        stored = []
        for train, test in folds:
            with tempfile.TemporaryDirectory() as tmp:
                db, tmx = os.path.join(tmp, "m.db"), os.path.join(tmp, "train.tmx")
                write_tmx(tmx, train)
                subprocess.run([exe, "--db", db, "import", tmx], capture_output=True, check=True)
                stats = subprocess.run([exe, "--db", db, "stats"], capture_output=True, text=True).stdout
                stored.append(next((l.split()[1] for l in stats.splitlines() if l.startswith("pairs:")), "?"))
                for memory in (False, True):
                    for src, tgt, gold, sl, tl in test:
                        test_beads = align(exe, db, src, tgt, sl, tl, tmp, memory)
                        gold_t = [(tuple(a), tuple(b)) for a, b in gold]
                        c = counts(gold_t, test_beads)
                        tot[memory] = [x + y for x, y in zip(tot[memory], c)]
        res = {}
        for m in (False, True):
            sp, lp, n_p, sr, lr, n_r = tot[m]
            res[m] = (f1(sp, n_p, sr, n_r), f1(lp, n_p, lr, n_r))
        print("%-20s %-17s %.3f / %.3f              %.3f / %.3f" % (
            name, "+".join(stored), res[False][0], res[True][0], res[False][1], res[True][1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
