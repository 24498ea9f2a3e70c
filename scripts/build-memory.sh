#!/usr/bin/env bash
# Rebuilds the shipped memory.db from fixtures/ with tarjima itself.
# Run it after any change to fixtures/ or to the import pipeline, and commit the result;
# tests/shipped_memory.rs fails when memory.db no longer matches a fresh import.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
rm -f memory.db memory.db-wal memory.db-shm
./target/release/tarjima --db memory.db import fixtures >/dev/null || status=$?
# Exit 1 means some article pair was refused: the fixtures are all translations, so that is a bug.
if [ "${status:-0}" -ne 0 ]; then
  echo "import of fixtures/ did not succeed (exit ${status}); memory.db is not rebuilt" >&2
  rm -f memory.db
  exit 1
fi
# Fold the write-ahead log into the file so the committed memory is one self-contained file.
python3 - <<'PY'
import sqlite3
c = sqlite3.connect("memory.db")
c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
c.execute("PRAGMA journal_mode=DELETE")
c.execute("VACUUM")
c.close()
PY
./target/release/tarjima --db memory.db stats | head -3
