"""Checks the deploy artifacts: each <dir>/<function>/bootstrap is a stripped x86-64 ELF
executable for Linux whose newest glibc symbol version is at most MAX (provided.al2023 has
glibc 2.34). Prints a Markdown table; exits 1 on any miss.

Usage: python scripts/check_artifacts.py target/lambda 2.34
"""

import os
import re
import subprocess
import sys

root, limit = sys.argv[1], tuple(int(p) for p in sys.argv[2].split("."))
rows, failed = [], False
for name in sorted(os.listdir(root)):
    path = os.path.join(root, name, "bootstrap")
    if not os.path.isfile(path):
        continue
    with open(path, "rb") as f:
        head = f.read(20)
    elf = head[:4] == b"\x7fELF" and head[4] == 2  # 64-bit
    machine = int.from_bytes(head[18:20], "little")  # 0x3e: x86-64
    symbols = subprocess.run(["objdump", "-T", path], capture_output=True, text=True).stdout
    versions = {tuple(int(p) for p in v.split(".")) for v in re.findall(r"GLIBC_([0-9]+(?:\.[0-9]+)+)", symbols)}
    newest = max(versions) if versions else (0,)
    sections = subprocess.run(["readelf", "-S", path], capture_output=True, text=True).stdout
    stripped = ".symtab" not in sections
    ok = elf and machine == 0x3E and newest <= limit and stripped
    failed |= not ok
    rows.append((name, "x86-64 ELF" if elf and machine == 0x3E else "NOT x86-64 ELF",
                 "GLIBC_" + ".".join(map(str, newest)), "yes" if stripped else "no",
                 os.path.getsize(path), "ok" if ok else "MISS"))
print(f"| function | format | newest glibc symbol (<= {sys.argv[2]}) | stripped | bytes | |")
print("|---|---|---|---|---:|---|")
for r in rows:
    print("| " + " | ".join(str(c) for c in r) + " |")
if not rows:
    sys.exit(f"no bootstraps in {root}")
sys.exit(1 if failed else 0)
