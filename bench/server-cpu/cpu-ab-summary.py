#!/usr/bin/env python3
"""cpu-ab-summary.py OUT BASE NEW [OUT2 BASE2 NEW2 ...]: per measured run of cpu-ab.sh, the server's CPU per request
(from loadgen's cpu object), the writer thread's and the acknowledgement thread's (the two threads named "kairos group
co…"; the writer is the later one), the thread pool's, and bytes allocated per request; then the ratio NEW / BASE of
each pair of runs with the same round and seed (median [min-max], and how many pairs are below 1)."""
import collections, glob, json, statistics, sys


def run(d, s):
    m = json.load(open(f"{d}/m{s}.json"))
    a, b = json.load(open(f"{d}/a{s}.json")), json.load(open(f"{d}/b{s}.json"))
    n = m["requests"]
    group = [int(t) for t, (name, _) in b.items() if name.startswith("kairos group")]
    per = collections.Counter()
    for t, (name, ns) in b.items():
        if name.startswith("kairos group"):
            name = "writer" if int(t) == max(group) else "ack"
        per[name] += (ns - a.get(t, (name, 0))[1]) / 1e3 / n
    cpu = m["cpu"]["serverCpuUsPerRequest"]
    return {"cpu": cpu, "outside writer": cpu - per["writer"], "writer": per["writer"], "ack": per["ack"],
            "pool": per[".NET TP Worker"], "alloc B": m["cpu"]["serverAllocatedBytesPerRequest"]}


ratios, values = collections.defaultdict(list), collections.defaultdict(lambda: ([], []))
args = sys.argv[1:]
for out, base, new in zip(args[0::3], args[1::3], args[2::3]):
    for bd in sorted(glob.glob(f"{out}/{base}-*")):
        rnd = bd.rsplit("-", 1)[1]
        for s in (1, 2):
            try:
                x, y = run(bd, s), run(f"{out}/{new}-{rnd}", s)
            except (OSError, KeyError, ValueError):
                continue
            for k in x:
                ratios[k].append(y[k] / x[k])
                values[k][0].append(x[k]); values[k][1].append(y[k])
print("figure          pairs  base median [range]         new median [range]          new/base median [range]  below 1")
for k, r in ratios.items():
    r, b, n = sorted(r), sorted(values[k][0]), sorted(values[k][1])
    print(f"{k:15s} {len(r):5d}  {statistics.median(b):8.1f} [{b[0]:.1f}-{b[-1]:.1f}]  {statistics.median(n):8.1f} [{n[0]:.1f}-{n[-1]:.1f}]"
          f"  {statistics.median(r):.3f} [{r[0]:.3f}-{r[-1]:.3f}]  {sum(v < 1 for v in r)}/{len(r)}")
