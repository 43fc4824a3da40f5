#!/usr/bin/env python3
"""Median [runs] per build and rate of a scripts/loadgen-quiet-ab.sh (or loadgen-quiet-mixed.sh) output folder:
achieved, server p50/p99/p99.9, requests above 2 ms and how many a GC paused, GC collections and pause, CPU and
allocation per request; with two builds, the ratio of medians (second / first).
   python3 docs/results/loadgen-s19/summarize_quiet.py DIR BUILD [BUILD]   (folders DIR/BUILD-ROUND/; BUILD '.' = DIR itself)"""
import glob, json, os, statistics, sys

d, builds = sys.argv[1], sys.argv[2:]
def load(p):
    try: return json.load(open(p))
    except ValueError: return None   # a run still in progress (or killed)

def runs(build, prefix):
    dirs = [d] if build == '.' else sorted(glob.glob(os.path.join(d, build + '-*')))
    found = [load(p) for x in dirs for p in sorted(glob.glob(os.path.join(x, prefix + '-[0-9].json')))]
    return [j for j in found if j is not None]

figs = [
    ('achieved req/s', lambda j: j['achievedRate'], '{:.0f}'),
    ('server p50 ms', lambda j: j['serverMs']['p50AtMost'], '{:g}'),
    ('**server p99 ms**', lambda j: j['serverMs']['p99AtMost'], '{:g}'),
    ('server p99.9 ms', lambda j: j['serverMs']['p999AtMost'], '{:g}'),
    ('client p99 ms', lambda j: j['clientMs']['p99'], '{:.1f}'),
    ('store commit wait p99 ms', lambda j: j['storeCommitWaitMs']['p99AtMost'], '{:g}'),
    ('requests > 2 ms', lambda j: j['requestPartsUs']['slow']['requests'], '{:g}'),
    ('requests a GC paused', lambda j: j['requestPartsUs']['all']['gcPaused'], '{:g}'),
    ('gen0 collections', lambda j: j['gc']['collections']['gen0'], '{:g}'),
    ('gen1 collections', lambda j: j['gc']['collections']['gen1'], '{:g}'),
    ('GC pause per run ms', lambda j: j['gc']['pauseMs'], '{:.0f}'),
    ('mean pause ms', lambda j: j['gc']['meanPauseMs'], '{:.2f}'),
    ('server CPU us/req', lambda j: j['cpu']['serverCpuUsPerRequest'], '{:.0f}'),
    ('server alloc B/req', lambda j: j['cpu']['serverAllocatedBytesPerRequest'], '{:.0f}'),
]
for prefix, rate in [('mixed4k', '4,000'), ('mixed', '10,000')]:
    print(f'\n### {rate} req/s offered')
    print('| figure | ' + ' | '.join(builds) + (f' | {builds[1]} / {builds[0]}' if len(builds) == 2 else '') + ' |')
    print('|---|' + '---|' * (len(builds) + (len(builds) == 2)))
    for name, f, fmt in figs:
        cells, meds = [], []
        for b in builds:
            vals = [f(j) for j in runs(b, prefix)]
            med = statistics.median(vals) if vals else None
            meds.append(med)
            cells.append('-' if med is None else fmt.format(med) + ' [' + ' / '.join(fmt.format(v) for v in vals) + ']')
        ratio = f' | {meds[1] / meds[0]:.2f}' if len(builds) == 2 and meds[0] else (' | -' if len(builds) == 2 else '')
        print(f'| {name} | ' + ' | '.join(cells) + ratio + ' |')
