#!/usr/bin/env python3
"""Per gcevents.cs output file: collections per generation, median and total KB marked (all roots; and "older", found
through the card table) per collection.  python3 docs/results/loadgen-s18/marked.py gcevents-*.txt"""
import re, statistics, sys

line = re.compile(r'gen(\d)\s+pause\s+([\d.]+) ms.*marked KB: stack (\d+) finalization (\d+) handles (\d+) older (\d+)')
print('| file | gen | collections | KB marked per collection, median | of it "older" (card table), median | KB marked in all |')
print('|---|---|---|---|---|---|')
for path in sys.argv[1:]:
    per = {}
    for l in open(path):
        m = line.search(l)
        if m:
            g = int(m[1]); s, f, h, o = (int(m[i]) for i in range(3, 7))
            per.setdefault(g, []).append((s + f + h + o, o))
    for g in sorted(per):
        rows = per[g]
        print(f'| {path.split("/")[-1]} | gen{g} | {len(rows)} | {statistics.median(r[0] for r in rows):.0f} | '
              f'{statistics.median(r[1] for r in rows):.0f} | {sum(r[0] for r in rows):,} |')
