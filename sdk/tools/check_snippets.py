#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks that every code block marked `<!-- snippet: NAME -->` in a Markdown file is
exactly the region `[snippet:NAME]` ... `[end-snippet]` of a file under one of the
source folders (the example plugin, the fixture plugins), so the SDK docs cannot drift
from compiled code.
Usage: check_snippets.py README.md SOURCE_DIR [SOURCE_DIR...]   (exit 1 and a diff on mismatch)"""
import difflib, pathlib, re, sys

readme, sources = pathlib.Path(sys.argv[1]), [pathlib.Path(a) for a in sys.argv[2:]]
example = ", ".join(map(str, sources))
regions = {}
for path in sorted(p for folder in sources for p in folder.rglob("*")):
    if path.is_file() and path.suffix in {".cpp", ".hpp", ".txt", ".json", ".in"}:
        for m in re.finditer(r"^[^\n]*\[snippet:([a-z_]+)\][^\n]*\n(.*?)^[^\n]*\[end-snippet\]", path.read_text(), re.S | re.M):
            regions[m.group(1)] = m.group(2)
blocks = re.findall(r"<!-- snippet: ([a-z_]+) -->\n```[a-z]*\n(.*?)```", readme.read_text(), re.S)
failed = False
if not blocks:
    print(f"{readme}: no snippet blocks found"); failed = True
for name, text in blocks:
    if name not in regions:
        print(f"{readme}: snippet '{name}' has no [snippet:{name}] region in {example}"); failed = True
    elif regions[name] != text:
        failed = True
        print(f"{readme}: snippet '{name}' differs from the example source:")
        sys.stdout.writelines(difflib.unified_diff(regions[name].splitlines(True), text.splitlines(True), "example", "README"))
print("snippets: %d checked, %s" % (len(blocks), "FAILED" if failed else "ok"))
sys.exit(1 if failed else 0)
