#!/usr/bin/env bash
# Prints the "Usage" examples of README.md as Markdown: each command and its real output,
# run on a copy of the shipped memory.db (and a scratch memory for imports).
# Usage: scripts/readme-examples.sh > /tmp/examples.md
set -uo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
BIN="$PWD/target/release/tarjima"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp memory.db "$work/memory.db"
cp -r fixtures "$work/fixtures"
cd "$work"
tarjima() { "$BIN" "$@"; }

show() { # title, command...
  printf '### %s\n\n```console\n$ %s\n' "$1" "$2"
  # Long lines are shortened (by characters, not bytes) to keep the README readable.
  bash -c "$2" 2>&1 | python3 -c 'import sys
for l in sys.stdin: l = l.rstrip("\n"); print(l if len(l) <= 160 else l[:157] + "...")' | head -n "${3:-40}"
  printf '```\n\n'
}
export -f tarjima
export BIN

show "detect: the language of a text, or of each line" \
  "printf 'Ўзбекистон ва Хитой ўртасидаги ҳамкорлик кенгаймоқда.\nOʻzbekiston va Xitoy oʻrtasidagi hamkorlik kengaymoqda.\nСотрудничество между Узбекистаном и Китаем расширяется.\n乌兹别克斯坦与中国的合作不断扩大。\n\n' | tarjima detect --per-line"
show "segment: sentences" \
  "echo 'Dr. Karimov arrived at 3 p.m. on Monday, i.e. on 1 Feb. 2026. He met Gao Xiang (CASS). Was it useful? Yes!' | tarjima segment --lang en"
show "align: sentence beads of a text and its translation" \
  "tarjima align --format tsv fixtures/ai-partnership.en.txt fixtures/ai-partnership.uz-Cyrl.txt | head -6" 12
show "import: an article and its translation" \
  "tarjima --db new.db import fixtures/digital-services-law.en.txt fixtures/digital-services-law.ru.txt"
show "import: two articles that are not translations of each other (the seed pair) are refused" \
  "tarjima --db new.db import fixtures/ai-partnership.de.txt fixtures/uzbek-delegation-china.en.txt; echo \"exit status \$?\""
show "import: a folder (NAME.LANG.txt files pair by name)" \
  "tarjima --db folder.db import fixtures | tail -4"
show "import: a TMX file" \
  "tarjima --db tm.db import fixtures/tmx/okapi.tmx"
show "lookup: fuzzy matches, best first" \
  "tarjima lookup --tgt-lang de 'The delegation of Uzbekistan visited China.'"
show "lookup: numbers differ only: the target gets the query's numbers" \
  "tarjima lookup --tgt-lang ru 'The document was adopted by the Legislative Chamber of the Oliy Majlis on 15 November 2025 and approved by the Senate on 24 January 2026.'" 12
show "lookup: JSON (the contract's fields shown; diff, differences, reversed and more are there too)" \
  "tarjima lookup --format json --limit 1 --tgt-lang ru 'The delegation of Uzbekistan visited China.' | python3 -c 'import json,sys; print(json.dumps([{k: m[k] for k in (\"score\",\"source\",\"target\",\"src_lang\",\"tgt_lang\",\"id\",\"origin\")} for m in json.load(sys.stdin)], ensure_ascii=False, indent=1))'"
show "concordance: pairs containing a phrase, hit marked" \
  "tarjima concordance --limit 3 'Oliy Majlis'"
show "qa: terminology against a glossary (exit 1 when a finding reaches --fail-on)" \
  "tarjima qa --glossary fixtures/qa/example-wide.tsv --fail-on warning | head -20; echo \"exit status \${PIPESTATUS[0]}\"" 24
show "export: TSV (or TMX 1.4b)" \
  "tarjima export --format tsv | head -3"
show "stats" \
  "tarjima stats | head -12"
show "bad input: one sentence, exit 2, memory untouched" \
  "head -c 3000 /dev/urandom > junk.db; tarjima --db junk.db lookup 'hello'; echo \"exit status \$?\"; printf '\x00\x01binary' > bin.en.txt; tarjima import bin.en.txt fixtures/digital-services-law.ru.txt; echo \"exit status \$?\""
