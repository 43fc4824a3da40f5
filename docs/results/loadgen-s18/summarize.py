#!/usr/bin/env python3
"""Median [min-max] per build and rate of a scripts/loadgen-ab.sh output folder: achieved, server p50/p99/p99.9,
store queue/resume p99, GC collections and pause, CPU and allocation per request.
   python3 docs/results/loadgen-s18/summarize.py DIR [BEFORE AFTER]"""
import glob, json, os, re, statistics, sys

d = sys.argv[1]
runs = {}
for p in sorted(glob.glob(os.path.join(d, '*.json'))):
    m = re.match(r'(.+)-(\d+)-(\d+)\.json$', os.path.basename(p))
    if not m: continue
    runs.setdefault((m[2], m[1]), []).append((int(m[3]), json.load(open(p))))

figs = [
    ('achieved req/s', lambda j: j['achievedRate'], '{:.0f}'),
    ('server p50 ms', lambda j: j['serverMs']['p50AtMost'], '{:g}'),
    ('server p99 ms', lambda j: j['serverMs']['p99AtMost'], '{:g}'),
    ('server p99.9 ms', lambda j: j['serverMs']['p999AtMost'], '{:g}'),
    ('client p99 ms', lambda j: j['clientMs']['p99'], '{:.1f}'),
    ('store queue p99 ms', lambda j: j['serverParts']['storeQueueWaitMs']['p99AtMost'], '{:g}'),
    ('store resume p99 ms', lambda j: j['serverParts']['storeResumeMs']['p99AtMost'], '{:g}'),
    ('gen0 collections', lambda j: j['gc']['collections']['gen0'], '{:g}'),
    ('gen1 collections', lambda j: j['gc']['collections']['gen1'], '{:g}'),
    ('gen2 collections', lambda j: j['gc']['collections']['gen2'], '{:g}'),
    ('GC pause per run ms', lambda j: j['gc']['pauseMs'], '{:.0f}'),
    ('mean pause ms', lambda j: j['gc']['meanPauseMs'], '{:.1f}'),
    ('requests > 2 ms', lambda j: j['requestPartsUs']['slow']['requests'], '{:g}'),
    ('server CPU us/req', lambda j: j['cpu']['serverCpuUsPerRequest'], '{:.0f}'),
    ('server alloc B/req', lambda j: j['cpu']['serverAllocatedBytesPerRequest'], '{:.0f}'),
]
builds = sys.argv[2:] or sorted({b for _, b in runs})
for rate in sorted({r for r, _ in runs}, key=int):
    print(f'\n### {rate} req/s offered')
    print('| figure | ' + ' | '.join(builds) + (' | ratio ' + builds[1] + '/' + builds[0] if len(builds) == 2 else '') + ' |')
    print('|---|' + '---|' * (len(builds) + (1 if len(builds) == 2 else 0)))
    for name, f, fmt in figs:
        cells, meds = [], []
        for b in builds:
            vals = [f(j) for _, j in sorted(runs.get((rate, b), []))]
            if not vals: cells.append('-'); meds.append(None); continue
            med = statistics.median(vals); meds.append(med)
            cells.append(fmt.format(med) + ' [' + ' / '.join(fmt.format(v) for v in vals) + ']')
        ratio = ''
        if len(builds) == 2 and meds[0] and meds[1] is not None:
            ratio = f' | {meds[1] / meds[0]:.2f}'
        print(f'| {name} | ' + ' | '.join(cells) + ratio + ' |')
