#!/usr/bin/env bash
# Pairing of articles by content (`tarjima import DIR` for files whose names do not say
# which is which): the FLORES documents of ../shared/eval/alignment (doc i of en, de, ru, zh,
# named <lang>-<i>.txt so the name gives no language away, which `import` does not read)
# imported as one folder. Every two language versions of a document should make one pair:
# 4 languages x 24 documents -> 144 pairs. A second run imports en documents 0-11 with de and
# zh documents 12-23: only the 12 de-zh pairs exist. Prints right / wrong / unpaired counts.
# Usage (from the project root): bash scripts/eval_pairing.sh
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=../shared/eval/alignment
if [ ! -d "$EVAL/flores-en-zh" ]; then
  echo "skipped: $EVAL not found"
  exit 0
fi
cargo build --release --quiet
bin=$PWD/target/release/tarjima
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
report() {
  python3 - "$1" <<'PY'
import json, os, sys
d = json.load(open(sys.argv[1]))
right = wrong = refused = 0
for p in d["pairs"]:
    a, b = os.path.basename(p["src_path"]), os.path.basename(p["tgt_path"])
    if p["refused"] is not None:
        refused += 1
    elif a.split("-")[1] == b.split("-")[1]:
        right += 1
    else:
        wrong += 1
print(f"pairs stored right {right}, wrong {wrong}; refused {refused}; unpaired files {len(d['unpaired_files'])}")
PY
}
mkdir "$tmp/all" "$tmp/half"
for l in de ru zh; do
  for f in "$EVAL"/flores-en-$l/doc*.$l; do n=$(basename "$f" ".$l"); cp "$f" "$tmp/all/$l-${n#doc}.txt"; done
done
for f in "$EVAL"/flores-en-zh/doc*.en; do n=$(basename "$f" .en); cp "$f" "$tmp/all/en-${n#doc}.txt"; done
"$bin" --db "$tmp/all.db" import --format json "$tmp/all" > "$tmp/all.json" || true
printf 'all 4 languages x 24 documents (144 true pairs): '; report "$tmp/all.json"
for i in $(seq -w 0 11); do cp "$EVAL/flores-en-zh/doc$i.en" "$tmp/half/en-$i.txt"; done
for i in $(seq -w 12 23); do
  cp "$EVAL/flores-en-zh/doc$i.zh" "$tmp/half/zh-$i.txt"; cp "$EVAL/flores-en-de/doc$i.de" "$tmp/half/de-$i.txt"
done
"$bin" --db "$tmp/half.db" import --format json "$tmp/half" > "$tmp/half.json" || true
printf 'en 0-11 with de, zh 12-23 (12 true pairs, 12 files without a partner): '; report "$tmp/half.json"
