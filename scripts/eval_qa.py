#!/usr/bin/env python3
"""Precision and recall of `tarjima qa` glossary checks on real parallel text.

Test sets: "dev", the FLORES-200 sentence pairs of ../shared/eval/alignment/flores-en-{de,ru,uz}
(1-1 gold beads; the glossary, its gold regexes and the matcher were tuned on these), and
"held-out", the other FLORES sentences of those articles (../shared/eval/langid/flores-*.txt,
line-parallel; see load_heldout), never scored while tuning; both with the hand-made terminology of fixtures/qa/flores-terms.tsv:
- clean cases: pairs whose English side has glossary terms and whose target has a correct
  rendering of each (by the hand-written gold regex, any inflected or compound form); they
  must pass (any term-missing/term-forbidden finding on them is a false positive);
- injected cases: a copy of a clean pair with one term's rendering replaced by an inflected
  form of the glossary's forbidden rendering (must give term-forbidden for that term), and a
  copy with every rendering of the term replaced by an unrelated word (must give
  term-missing for that term).
Each language's cases go into one fresh memory (written with sqlite3 after `tarjima stats`
has created the schema) and `tarjima qa --format json` is run on it.

Usage: python3 scripts/eval_qa.py [--min 95]   (from the project root)
Env: TARJIMA_BIN (default target/release/tarjima, built if missing), TARJIMA_EVAL (default ../shared/eval).
"""

import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL = os.environ.get("TARJIMA_EVAL", os.path.join(ROOT, "..", "shared", "eval"))
APOS = re.compile("[\u2018\u2019\u02bb\u02bc\u02bd`\u00b4\u2032]")
NEUTRAL = {"de": "Sache", "ru": "вещь", "uz": "narsa"}
LANGS = ["de", "ru", "uz"]


def load_pairs(lang):
    base = os.path.join(EVAL, "alignment", f"flores-en-{lang}")
    pairs = []
    for name in sorted(os.listdir(base)):
        if not name.endswith(".gold"):
            continue
        doc = os.path.join(base, name[:-5])
        en = open(doc + ".en", encoding="utf-8").read().split("\n")
        tg = open(doc + "." + lang, encoding="utf-8").read().split("\n")
        for line in open(os.path.join(base, name), encoding="utf-8"):
            m = re.match(r"\[(\d+)\]:\[(\d+)\]$", line.strip())
            if m:
                pairs.append((name[:-5], en[int(m[1])], tg[int(m[2])]))
    return pairs


def load_heldout(lang):
    """FLORES sentence pairs never scored while building the glossary and the matcher: the
    line-parallel sentences of ../shared/eval/langid/flores-{en,XX}.txt whose English sentence is
    not in a 1-1 gold bead of alignment/flores-en-XX (there its target was merged with another,
    deleted, or replaced), so their target-language text is new to the gold regexes and to
    tarjima's matcher."""
    dev = {en for _, en, _ in load_pairs(lang)}
    base = os.path.join(EVAL, "langid")
    en = open(os.path.join(base, "flores-en.txt"), encoding="utf-8").read().split("\n")
    tg = open(os.path.join(base, f"flores-{lang}.txt"), encoding="utf-8").read().split("\n")
    return [("heldout", s, t) for s, t in zip(en, tg) if s and t and s not in dev]


def load_terms():
    rows = []
    for line in open(os.path.join(ROOT, "fixtures", "qa", "flores-terms.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        en, en_re, lang, allowed, gold, forb, forb_form = line.rstrip("\n").split("\t")
        rows.append(dict(en=en, en_re=re.compile(en_re, re.I), lang=lang,
                         allowed=allowed.split(";"), gold=re.compile(gold, re.I),
                         forbidden=forb, forbidden_form=forb_form))
    return rows


def binary():
    b = os.environ.get("TARJIMA_BIN", os.path.join(ROOT, "target", "release", "tarjima"))
    if not os.path.exists(b):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    return b


def write_glossary(path, terms):
    with open(path, "w", encoding="utf-8") as f:
        f.write("concept,lang,term,status\n")
        for t in terms:
            f.write(f"{t['en']},en,{t['en']},preferred\n")
            for i, a in enumerate(t["allowed"]):
                f.write(f"{t['en']},{t['lang']},{a},{'preferred' if i == 0 else 'admitted'}\n")
            f.write(f"{t['en']},{t['lang']},{t['forbidden']},forbidden\n")


def replace_spans(text, spans, word):
    out = text
    for s, e in sorted(spans, reverse=True):
        out = out[:s] + word + out[e:]
    return out


def evaluate(lang, pairs, terms, tarjima, tmp):
    terms = [t for t in terms if t["lang"] == lang]
    cases = []  # (kind, term or None, doc, source, target)
    for doc, src, tgt in pairs:
        present = [t for t in terms if t["en_re"].search(src)]
        if not present:
            continue
        folded = APOS.sub("'", tgt)
        if not all(t["gold"].search(folded) for t in present):
            continue  # the translator paraphrased a term: not a clean case
        cases.append(("clean", None, doc, src, tgt))
        for t in present:
            spans = [m.span() for m in t["gold"].finditer(folded)]
            cases.append(("forbidden", t["en"], doc, src, replace_spans(tgt, spans[:1], t["forbidden_form"])))
            cases.append(("missing", t["en"], doc, src, replace_spans(tgt, spans, NEUTRAL[lang])))
    db = os.path.join(tmp, f"{lang}-{len(pairs)}.db")
    open(db, "wb").close()
    subprocess.run([tarjima, "--db", db, "stats"], check=True, capture_output=True)
    con = sqlite3.connect(db)
    ids = []
    for kind, term, doc, src, tgt in cases:
        con.execute(
            "INSERT OR IGNORE INTO pairs (src_lang, tgt_lang, source, target, source_key, confidence, created_at) "
            "VALUES ('en', ?, ?, ?, ?, 1.0, '2026-01-01T00:00:00Z')", (lang, src, tgt, src.lower()))
        ids.append(con.execute("SELECT id FROM pairs WHERE tgt_lang = ? AND source = ? AND target = ?",
                               (lang, src, tgt)).fetchone()[0])
    con.commit()
    con.close()
    gloss = os.path.join(tmp, f"{lang}-{len(pairs)}.csv")
    write_glossary(gloss, terms)
    out = subprocess.run([tarjima, "--db", db, "qa", "--glossary", gloss, "--format", "json",
                          "--no-fail", "--no-discover"], check=True, capture_output=True, text=True)
    findings = [f for f in json.loads(out.stdout) if f["rule"] in ("term-missing", "term-forbidden")]
    by_pair = {}
    for f in findings:
        by_pair.setdefault(f["pair_id"], []).append(f)
    tp = fp = fn = 0
    clean_ok = clean_n = 0
    misses, false_alarms = [], []
    seen = set()
    for (kind, term, doc, src, tgt), pid in zip(cases, ids):
        if pid in seen:
            continue
        seen.add(pid)
        fs = by_pair.get(pid, [])
        if kind == "clean":
            clean_n += 1
            clean_ok += not fs
            fp += len(fs)
            false_alarms += [(f["term"], f["rule"], tgt) for f in fs]
            continue
        rule = "term-forbidden" if kind == "forbidden" else "term-missing"
        hit = [f for f in fs if f["term"] == term and f["rule"] == rule]
        other = [f for f in fs if not (f["term"] == term and f["rule"] == rule)]
        # Another term's finding on the injected pair is a false alarm unless that term was
        # hit by the same replacement (rare: a rendering shared by two terms).
        fp += len(other)
        false_alarms += [(f["term"], f["rule"], tgt) for f in other]
        if hit:
            tp += 1
        else:
            fn += 1
            misses.append((kind, term, tgt))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return dict(lang=lang, clean=clean_n, clean_pass=clean_ok, injected=tp + fn, tp=tp, fp=fp,
                fn=fn, precision=p, recall=r, misses=misses, false_alarms=false_alarms)


def main():
    target = 95.0
    if "--min" in sys.argv:
        target = float(sys.argv[sys.argv.index("--min") + 1])
    verbose = "-v" in sys.argv
    if not os.path.isdir(os.path.join(EVAL, "alignment")):
        print(f"skipped: {EVAL} is not here (evaluation data lives outside the project)")
        return 0
    tarjima = binary()
    terms = load_terms()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for part, load in (("dev", load_pairs), ("held-out", load_heldout)):
            for lang in LANGS:
                r = evaluate(lang, load(lang), terms, tarjima, tmp)
                print(f"{part:8} en-{lang}: clean pairs {r['clean']} (pass {r['clean_pass']}), "
                      f"injected {r['injected']}: TP {r['tp']} FP {r['fp']} FN {r['fn']}  "
                      f"precision {100 * r['precision']:.1f}%  recall {100 * r['recall']:.1f}%")
                if verbose:
                    for m in r["misses"]:
                        print("   missed", m)
                    for m in r["false_alarms"]:
                        print("   false alarm", m)
                ok &= 100 * r["precision"] >= target and 100 * r["recall"] >= target
    print(f"target {target}% precision and recall: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
