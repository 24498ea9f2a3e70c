#!/usr/bin/env bash
# Benchmark: import and export a synthetic TMX of N units (default 1,000,000)
# with the release binary; prints wall time and peak memory (max RSS) of each.
# Usage: scripts/bench_tmx.sh [N] [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000000}"
WORK="${2:-$(mktemp -d)}"
mkdir -p "$WORK"
if [ ! -x /usr/bin/time ]; then echo "skipped: /usr/bin/time is not installed"; exit 0; fi
cargo build --release --quiet
BIN=target/release/tarjima
TMX="$WORK/bench-$N.tmx"
[ -f "$TMX" ] || python3 scripts/gen_tmx.py "$N" "$TMX"
DB="$WORK/bench.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
measure() { # label, command...
  local label="$1"; shift
  /usr/bin/time -v "$@" > "$WORK/$label.out" 2> "$WORK/$label.time" || { cat "$WORK/$label.time"; exit 1; }
  local wall rss user sys
  wall=$(grep "Elapsed (wall clock)" "$WORK/$label.time" | awk '{print $NF}')
  user=$(grep "User time" "$WORK/$label.time" | awk '{print $NF}')
  sys=$(grep "System time" "$WORK/$label.time" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$WORK/$label.time" | awk '{print $NF}')
  printf "%-8s wall %s  CPU %ss user + %ss sys  peak RSS %d MiB\n" "$label" "$wall" "$user" "$sys" $((rss / 1024))
}
echo "units: $N; file: $(du -h "$TMX" | cut -f1); machine: $(nproc) cores"
measure import "$BIN" --db "$DB" import "$TMX"
bytes=$(stat -c %s "$DB")
echo "memory.db: $(du -h "$DB" | cut -f1), $((bytes / N)) bytes a pair"
measure export "$BIN" --db "$DB" export -o "$WORK/out.tmx"
echo "exported: $(grep -c '<tu ' "$WORK/out.tmx") units, $(du -h "$WORK/out.tmx" | cut -f1)"
