#!/usr/bin/env python3
"""Reads a TMX file with Translate Toolkit and prints every unit it sees as JSON.

Usage: scripts/tmx_peer_check.py FILE.tmx
Prints {"units": N, "pairs": [[source, target], ...]}; exits 0 with a
"skipped" message on stderr (and exit status 3) when translate-toolkit is not
installed (pip install translate-toolkit).
"""
import json
import sys

try:
    from translate.storage import tmx
except ImportError:
    print("skipped: translate-toolkit is not installed (pip install translate-toolkit)", file=sys.stderr)
    sys.exit(3)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    store = tmx.tmxfile.parsefile(sys.argv[1])
    units = [u for u in store.units]
    out = {"units": len(units), "pairs": [[str(u.source), str(u.target)] for u in units]}
    json.dump(out, sys.stdout, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
