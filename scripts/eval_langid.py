#!/usr/bin/env python3
"""Language identification: accuracy and confusion table of `tarjima detect --per-line`.

Run from the project root:

    python3 scripts/eval_langid.py                 # print the report (Markdown)
    python3 scripts/eval_langid.py --write docs/bench/langid.md

Sets (one sentence a line, gold from the file name):
  - ../shared/eval/langid/*.txt            (skipped with a message when absent)
  - fixtures/langid/*.txt                  (sentences written for tarjima, see its README)
  - derived from the Uzbek Latin sets, not stored anywhere:
      * one copy per apostrophe variant of o' g' and the tutuq belgisi
        (U+02BB, U+2018, U+2019, U+02BC, U+0027);
      * a Cyrillic copy made by transliterating Latin Uzbek with the rules in
        `to_cyrillic` below (gold uz-Cyrl).
Scoring follows ../shared/eval/score/langid.py: uz-* must match exactly, other
languages by their primary subtag. TARJIMA_BIN=path uses another binary.
"""
import collections
import glob
import resource
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# ../shared/eval relative to the project root (one level further up from a git worktree).
SHARED = next((p for p in (os.path.join(ROOT, "..", "shared", "eval", "langid"),
                           os.path.join(ROOT, "..", "..", "shared", "eval", "langid"))
               if os.path.isdir(p)), os.path.join(ROOT, "..", "shared", "eval", "langid"))
FIXTURES = os.path.join(ROOT, "fixtures", "langid")
APOSTROPHES = {"U+02BB": "\u02bb", "U+2018": "\u2018", "U+2019": "\u2019", "U+02BC": "\u02bc", "U+0027": "'"}
APO_RE = re.compile("[\u02bb\u2018\u2019\u02bc'`]")


def binary():
    exe = os.environ.get("TARJIMA_BIN")
    if exe:
        return exe
    r = subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    exe = os.path.join(ROOT, "target", "release", "tarjima")
    if r.returncode != 0 or not os.path.exists(exe):
        sys.exit("build failed: " + r.stderr.strip()[-300:])
    return exe


def gold_of(path):
    name = os.path.basename(path)[:-4]
    if name.startswith("ud-"):
        return "uz-Latn"
    tag = name.split("-", 1)[1] if name.startswith("flores-") else name
    return "uz-Latn" if tag == "uz" else tag


def correct(gold, got):
    if gold.startswith("uz-"):
        return got == gold
    return got.split("-")[0] == gold.split("-")[0]


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip()]


# Uzbek Latin -> Cyrillic (the 1995 Latin alphabet back to the Cyrillic one).
DIGRAPHS = [("yo'", "йў"), ("o'", "ў"), ("g'", "ғ"), ("sh", "ш"), ("ch", "ч"), ("yo", "ё"), ("yu", "ю"), ("ya", "я"), ("ye", "е")]
SINGLE = dict(zip("abdefghijklmnopqrstuvxyzcw", "абдефгҳижклмнопқрстувхйзцв"))


def to_cyrillic(text):
    text = APO_RE.sub("'", text)
    out = []
    i = 0
    at_word_start = True
    while i < len(text):
        c = text[i]
        done = False
        for lat, cyr in DIGRAPHS:
            part = text[i:i + len(lat)]
            if part.lower() == lat:
                if part.isupper() and len(part) > 1 and part[1].isalpha():
                    cyr = cyr.upper()
                elif part[0].isupper():
                    cyr = cyr[0].upper() + cyr[1:]
                out.append(cyr)
                i += len(lat)
                done = True
                break
        if done:
            at_word_start = False
            continue
        lc = c.lower()
        if lc == "e" and at_word_start:
            out.append("Э" if c.isupper() else "э")
        elif lc in SINGLE:
            cyr = SINGLE[lc]
            out.append(cyr.upper() if c.isupper() else cyr)
        elif c == "'" and out and out[-1].isalpha():
            out.append("ъ")
        else:
            out.append(c)
        at_word_start = not c.isalpha()
        i += 1
    return "".join(out)


def sets():
    """(name, gold, lines) for every set, and a note of what was skipped."""
    out, notes = [], []
    uz_latin = []
    if os.path.isdir(SHARED):
        for fn in sorted(glob.glob(os.path.join(SHARED, "*.txt"))):
            gold = gold_of(fn)
            lines = read_lines(fn)
            out.append((os.path.basename(fn), gold, lines))
            if gold == "uz-Latn":
                uz_latin.extend(lines)
    else:
        notes.append("../shared/eval/langid is absent: the shared sets were skipped.")
    for fn in sorted(glob.glob(os.path.join(FIXTURES, "**", "*.txt"), recursive=True)):
        out.append(("fixtures/" + os.path.relpath(fn, FIXTURES), gold_of(fn), read_lines(fn)))
    if uz_latin:
        for name, apo in APOSTROPHES.items():
            out.append(("uz-Latn apostrophe " + name, "uz-Latn", [APO_RE.sub(apo, l) for l in uz_latin]))
        out.append(("uz-Cyrl transliterated", "uz-Cyrl", [to_cyrillic(l) for l in uz_latin]))
    return out, notes


def detect(exe, lines):
    data = "\n".join(lines) + "\n"
    t0 = time.perf_counter()
    r = subprocess.run([exe, "detect", "--per-line", "--format", "tsv", "-"], input=data,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600)
    dt = time.perf_counter() - t0
    got = [l.split("\t")[0] for l in r.stdout.splitlines()]
    if len(got) != len(lines):
        sys.exit("detect gave %d answers for %d lines: %s" % (len(got), len(lines), r.stderr[-300:]))
    return got, dt, len(data.encode("utf-8"))


def main():
    write = None
    if "--write" in sys.argv:
        write = sys.argv[sys.argv.index("--write") + 1]
    exe = binary()
    all_sets, notes = sets()
    if not all_sets:
        print("skipped: no evaluation sets found")
        return 0
    rows, confusion, errors = [], collections.defaultdict(collections.Counter), {}
    total_lines, total_bytes, total_time = 0, 0, 0.0
    worst = 100.0
    for name, gold, lines in all_sets:
        got, dt, nbytes = detect(exe, lines)
        total_lines += len(lines)
        total_bytes += nbytes
        total_time += dt
        ok = sum(1 for g in got if correct(gold, g))
        pct = 100.0 * ok / len(lines)
        if len(lines) >= 100:
            worst = min(worst, pct)
        wrong = collections.Counter(g for g in got if not correct(gold, g))
        rows.append((name, gold, len(lines), pct, wrong))
        for g in got:
            confusion[gold][g if not correct(gold, g) else gold] += 1
        errors[name] = [(g, l) for g, l in zip(got, lines) if not correct(gold, g)][:5]

    out = []
    out.append("# Language identification\n")
    out.append("Produced by `python3 scripts/eval_langid.py --write docs/bench/langid.md` "
               "(from the project root; it builds `target/release/tarjima` and runs "
               "`tarjima detect --per-line --format tsv` on each set).\n")
    out.append("Scoring as in `../shared/eval/score/langid.py`: Uzbek must match with its script "
               "(`uz-Latn` / `uz-Cyrl`), other languages by primary subtag (`zh-Hans` counts for `zh`).\n")
    for n in notes:
        out.append("Note: " + n + "\n")
    out.append("For comparison, whatlang alone (figures of issue 3): Russian 84.5% (taken for "
               "Bulgarian), Turkish 90.7% (Turkmen), Uzbek Latin 90-98% depending on the apostrophe, "
               "Uzbek Cyrillic 0%, Kazakh 0% (not supported).\n")
    out.append("Sets: the shared development files (FLORES-200 devtest, UD Uzbek-UT); "
               "`fixtures/langid/` (news-style sentences written for tarjima, see its README); "
               "the Uzbek Latin lines of the shared files copied once per apostrophe variant; and the "
               "same lines transliterated to Uzbek Cyrillic by the script's Latin->Cyrillic rules "
               "(`uz-Cyrl transliterated`).\n")
    out.append("## Method\n")
    out.append("`src/lang`: the script is decided first (letters counted per script; a Han character "
               "weighs like a word). Chinese: simplified vs traditional by characters only one standard "
               "writes (`src/lang/data/han.txt`). Latin and Cyrillic: each language profile "
               "(`src/lang/data/latin.txt`, `cyrillic.txt`) lists the letters its orthography uses (any "
               "other letter of the script counts against it), letters or letter pairs that point to it "
               "(Uzbek o' g' and q/x pairs, ў ҳ; Kazakh ә ұ ү ө ң і һ; Turkish ı ğ ş; ...), letters one of "
               "which a longer text of a minority orthography almost surely has (Kazakh, Azerbaijani, "
               "Turkmen, Ukrainian, ...), frequent words and frequent endings. Apostrophe variants are folded "
               "to ' inside words first. When no profile has enough evidence, or the text is in another "
               "script, whatlang answers, mapped to BCP 47 (`src/lang/data/iso639.txt`); where whatlang "
               "names a language we model that scores clearly lower than our best, our answer stays. "
               "Too little text (under 3 letters, or one short unknown word) gives `und`.\n")
    out.append("Caveat: every set here was looked at while the profiles were written (they are "
               "development sets), so these figures are an upper bound for unseen text of the same kinds.\n")
    out.append("## Accuracy per set\n")
    out.append("| set | gold | lines | accuracy | wrong answers |")
    out.append("|---|---|---:|---:|---|")
    for name, gold, n, pct, wrong in rows:
        w = ", ".join("%s %d" % kv for kv in wrong.most_common(5)) or "-"
        out.append("| %s | %s | %d | %.2f%% | %s |" % (name, gold, n, pct, w))
    out.append("\nWorst set of 100 lines or more: %.2f%% (the `short/` sets have 4-15 lines each: "
               "one error there is 7-25 points, so they are listed, not held to a percentage).\n" % worst)
    out.append("## Confusion table (all sets of a gold language together)\n")
    answers = sorted({g for c in confusion.values() for g in c})
    golds = sorted(confusion)
    cols = golds + [a for a in answers if a not in golds]
    out.append("| gold \\ answer | " + " | ".join(cols) + " | accuracy |")
    out.append("|---|" + "---:|" * (len(cols) + 1))
    for g in golds:
        n = sum(confusion[g].values())
        out.append("| %s | " % g + " | ".join(str(confusion[g].get(c, 0) or "") for c in cols)
                   + " | %.2f%% |" % (100.0 * confusion[g].get(g, 0) / n))
    out.append("\n## Speed\n")
    big = [l for _, _, lines in all_sets for l in lines] * 5
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    _, wall, nbytes = detect(exe, big)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    out.append("All sets five times over in one `detect --per-line` run: %d lines, %.1f MB; "
               "%.2f s of CPU time (%.2f s wall): %.0f lines/s, %.1f MB/s of CPU time, one core, "
               "process start included." % (len(big), nbytes / 1e6, cpu, wall, len(big) / max(cpu, 1e-9),
                                            nbytes / 1e6 / max(cpu, 1e-9)))
    out.append("\nMachine: %s, %s cores (shared with other jobs while measured).\n" % (cpu_name(), os.cpu_count()))
    out.append("## Examples of errors\n")
    if not any(errors.values()):
        out.append("None: every line of every set was answered right.")
    for name, errs in errors.items():
        for g, l in errs:
            out.append("- %s: `%s` for \"%s\"" % (name, g, l[:120]))
    text = "\n".join(out) + "\n"
    if write:
        with open(os.path.join(ROOT, write) if not os.path.isabs(write) else write, "w", encoding="utf-8") as f:
            f.write(text)
    print(text)
    return 0


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


if __name__ == "__main__":
    sys.exit(main())
