#!/usr/bin/env bash
# Benchmark (issue 5): fuzzy lookup on a memory imported from TMX through the CLI.
#
# Usage: scripts/bench_lookup.sh [N] [WORKDIR] [QUERIES] [EXHAUSTIVE]
#   N           pairs in the memory (default 1000000)
#   WORKDIR     where the TMX, the memory and the logs go (default: a new temp dir)
#   QUERIES     indexed lookups measured (default 300)
#   EXHAUSTIVE  how many of them are also run with --exhaustive and compared (default 10;
#               at 1M one exhaustive lookup scores every pair, 10-30 s each)
#
# Steps: `tm_bench gen-tmx N` writes the realistic generator's first N distinct pairs
# (benches/support/tm_gen.rs, deterministic) as TMX 1.4b; `tarjima --db X import FILE.tmx`
# imports it (the bulk path: the memory is empty) under /usr/bin/time -v; `tm_bench lookup`
# runs the generator's queries (top 5, --min 50, en -> de) indexed, then compares the first
# EXHAUSTIVE of them with --exhaustive (same pairs, scores and order). Figures are in
# docs/bench/lookup.md. The binaries are copied into WORKDIR first, so a rebuild during a
# run does not change them. TM_GEN=small selects the small-vocabulary generator.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000000}"
WORK="${2:-$(mktemp -d)}"
Q="${3:-300}"
K="${4:-10}"
mkdir -p "$WORK"
if [ ! -x /usr/bin/time ]; then echo "skipped: /usr/bin/time is not installed"; exit 0; fi
cargo build --release --quiet --bin tarjima --example tm_bench
cp target/release/tarjima "$WORK/tarjima"
cp target/release/examples/tm_bench "$WORK/tm_bench"
TMX="$WORK/lookup-$N.tmx"
DB="$WORK/lookup-$N.db"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$WORK/tm_bench" gen-tmx "$N" "$TMX"
rm -f "$DB" "$DB-wal" "$DB-shm"
/usr/bin/time -v "$WORK/tarjima" --db "$DB" import "$TMX" > "$WORK/import.out" 2> "$WORK/import.time" \
  || { cat "$WORK/import.out" "$WORK/import.time"; exit 1; }
wall=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$WORK/import.time")
user=$(sed -n 's/.*User time (seconds): //p' "$WORK/import.time")
sys=$(sed -n 's/.*System time (seconds): //p' "$WORK/import.time")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/import.time")
tmx_bytes=$(stat -c %s "$TMX")
db_bytes=$(stat -c %s "$DB")
echo "import: wall $wall, CPU ${user} s user + ${sys} s sys, peak RSS $((rss / 1024)) MiB"
echo "TMX: $((tmx_bytes / 1048576)) MiB, $((tmx_bytes / N)) bytes/pair; memory: $((db_bytes / 1048576)) MiB, $((db_bytes / N)) bytes/pair"
tail -n 5 "$WORK/import.out"
echo "load before lookups: $(cut -d' ' -f1-3 /proc/loadavg)"
"$WORK/tm_bench" lookup "$DB" "$Q" "$K"
