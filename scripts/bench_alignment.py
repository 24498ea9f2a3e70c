#!/usr/bin/env python3
"""Time and peak memory of `tarjima align --presegmented` for N sentences per side.

Generates a synthetic parallel text (deterministic): source sentences of random
pseudo-words, numbers and names; the target spells every word differently
(no cognates except names and numbers), is 15% longer, merges every 17th pair of
sentences, drops every 41st sentence and inserts an unrelated one every 53rd.
Runs the release binary under /usr/bin/time -v and prints one row per size.

Usage (from the project root): python3 scripts/bench_alignment.py [N ...]   (default 1000 10000 50000)
"""
import os, random, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def make(n, seed=7):
    rnd = random.Random(seed)
    syll = ["ka", "lo", "mi", "ten", "ra", "su", "vo", "na", "pe", "dri", "sto", "gu"]
    names = ["Tashkent", "Samarkand", "Berlin", "Oslo", "Lyon", "Kazan", "Bukhara", "Geneva"]
    src, tgt = [], []
    for i in range(n):
        words = []
        for _ in range(rnd.randint(4, 30)):
            r = rnd.random()
            if r < 0.05:
                words.append(str(rnd.randint(1, 3000)))
            elif r < 0.1:
                words.append(rnd.choice(names))
            else:
                words.append("".join(rnd.choice(syll) for _ in range(rnd.randint(1, 4))))
        s = " ".join(words) + "."
        t = " ".join(w if (w[0].isupper() or w[0].isdigit()) else "x" + w[::-1] for w in words) + "."
        src.append(s)
        if i % 41 == 40:
            continue
        if i % 17 == 16 and tgt:
            tgt[-1] = tgt[-1] + " " + t
        else:
            tgt.append(t)
        if i % 53 == 52:
            tgt.append("zzq " * rnd.randint(3, 20) + ".")
    return src, tgt


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000, 50000]
    exe = os.environ.get("TARJIMA_BIN", os.path.join(ROOT, "target", "release", "tarjima"))
    if "TARJIMA_BIN" not in os.environ:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    print("| sentences per side | wall time (s) | CPU time (s) | peak memory (MB) | beads |")
    print("|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as d:
        for n in sizes:
            src, tgt = make(n)
            a, b = os.path.join(d, "a.txt"), os.path.join(d, "b.txt")
            open(a, "w").write("\n".join(src) + "\n")
            open(b, "w").write("\n".join(tgt) + "\n")
            r = subprocess.run(["/usr/bin/time", "-v", exe, "align", "--presegmented", "--src-lang", "en",
                                "--tgt-lang", "de", a, b], capture_output=True, text=True)
            wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", r.stderr)
            secs = (int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))) if wall else float("nan")
            rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
            mb = int(rss.group(1)) / 1024 if rss else float("nan")
            cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", r.stderr))
            print("| %d | %.2f | %.2f | %.0f | %d |" % (n, secs, cpu, mb, len(r.stdout.splitlines())))


main()
