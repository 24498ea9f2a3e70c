#!/usr/bin/env python3
"""Refreshes the generated parts of README.md in place:
- between <!-- examples:begin --> and <!-- examples:end -->: the output of scripts/readme-examples.sh
- between <!-- scoring:begin --> and <!-- scoring:end -->: docs/scoring.md without its title
Run from the project root after changing the CLI, the fixtures or memory.db."""
import re, subprocess, sys

def section(text, name, body):
    pat = re.compile(r"(<!-- %s:begin -->\n).*?(<!-- %s:end -->)" % (name, name), re.S)
    if not pat.search(text):
        sys.exit("README.md has no %s markers" % name)
    return pat.sub(lambda m: m.group(1) + body.rstrip("\n") + "\n" + m.group(2), text)

readme = open("README.md", encoding="utf-8").read()
examples = subprocess.run(["bash", "scripts/readme-examples.sh"], check=True,
                          capture_output=True, text=True).stdout
scoring = open("docs/scoring.md", encoding="utf-8").read().split("\n", 1)[1].lstrip("\n")
readme = section(readme, "examples", examples)
readme = section(readme, "scoring", scoring)
open("README.md", "w", encoding="utf-8").write(readme)
print("README.md updated")
