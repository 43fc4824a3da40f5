#!/usr/bin/env python3
"""Memory of a soak over its measured run (issue 15: "no growth"): least-squares slopes, MB per 10 minutes.

Usage: soak-memory.py OUT [GRACE_S=30]   (OUT: a bench/cluster/soak.sh output directory)
Reads OUT/soak.json (the measured series: t = 0 at the end of any warm-up), OUT/events.jsonl and, if present,
OUT/smaps.jsonl. Windows, in minutes of the measured run: "beforeFailover" from 0 to the kill, "afterFailover" from
"silo 3 ready" + GRACE_S to the end, "afterRestartedSiloGen2" from the restarted silo's first gen2 collection after
it was ready to the end, "lastTenMinutes"; without a kill, "measured" (all of it). Each slope has a 95 % interval
robust to the samples' autocorrelation (fit()). For each window and
silo: the slope of a least-squares line through the samples (a silo's samples while it did not answer are left out)
of RSS, GC committed, managed heap (after the last collection), heap after the latest gen2 collection, RSS − GC
committed (native), and malloc memory (smaps: glibc arenas + brk heap); with the first and last sample, the minimum
and maximum; and when each silo's heap after its latest gen2 collection changed (gen2Seen, minutes). A silo restarted inside a window counts only from its restart. Standard library only. Prints JSON.
"""
import json, os, sys

out = sys.argv[1]
grace = float(sys.argv[2]) if len(sys.argv) > 2 else 30
soak = json.load(open(os.path.join(out, "soak.json")))
events = {e["event"]: e["unix"] for e in map(json.loads, open(os.path.join(out, "events.jsonl"))) if e}
smaps_path = os.path.join(out, "smaps.jsonl")
smaps = [json.loads(line) for line in open(smaps_path) if line.strip()] if os.path.exists(smaps_path) else []
start, rows, silos = soak["startUnix"], soak["series"], len(soak["metrics"])
end = soak["duration"] / 60


def minute(unix): return (unix - start) / 60


windows = {}
if "kill silo 3" in events:
    windows["beforeFailover"] = (0.0, minute(events["kill silo 3"]))
    if "silo 3 ready" in events:
        windows["afterFailover"] = (minute(events["silo 3 ready"]) + grace / 60, end)
else:
    windows["measured"] = (0.0, end)
windows["lastTenMinutes"] = (max(0.0, end - 10), end)
restart = minute(events["restart silo 3"]) if "restart silo 3" in events else None


def sample_time(r):   # memory is sampled at the middle of each interval
    return (r["t"] + soak["interval"] / 2) / 60


def series(metric, silo):
    """(minute, MB) pairs of one silo over the measured run."""
    if metric == "mallocMb":
        name = f"silo{silo + 1}"
        return [(minute(r["unix"]), r["arenaRssMb"] + r.get("brkHeapMb", 0)) for r in smaps if r["name"] == name]
    pts = []
    for r in rows:
        if metric == "nativeMb":
            a, b = r["rssMb"][silo], (r.get("gcCommittedMb") or [None] * silos)[silo]
            v = a - b if a is not None and b is not None else None
        else:
            v = (r.get(metric) or [None] * silos)[silo]
        if v is not None:
            pts.append((sample_time(r), v))
    return pts


# Two-sided 95 % critical value of the slope's t statistic below (a least-squares trend, Bartlett kernel with the
# whole window as bandwidth: Kiefer, Vogelsang and Bunzel 2000). Simulated, 20,000 draws of independent normal noise
# per size: 5.81 / 5.81 / 5.87 for 90 / 180 / 360 samples. With AR(1) noise of coefficient 0.8 at 180 samples the
# quantile is 6.68, so there the interval is somewhat too narrow; with a sawtooth it holds only over whole cycles.
CRITICAL = 5.84


def fit(pts):
    """Least-squares slope, with a 95 % interval that does not assume independent samples (the samples, 5 s apart,
    follow the GC's sawtooth): the standard error from the partial sums of the scores, (2/n) sum S_t^2, which is the
    Bartlett long-run variance with bandwidth n, and the fixed-b critical value CRITICAL."""
    n = len(pts)
    if n < 3:
        return None
    mx, my = sum(x for x, _ in pts) / n, sum(y for _, y in pts) / n
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    if sxx == 0:
        return None
    slope = sum((x - mx) * (y - my) for x, y in pts) / sxx   # MB per minute
    partial, squares = 0.0, 0.0
    for x, y in pts:
        partial += (x - mx) * (y - my - slope * (x - mx))
        squares += partial * partial
    half = CRITICAL * (2 * squares / n) ** 0.5 / sxx
    ys = [y for _, y in pts]
    return {"slopeMbPer10Min": round(10 * slope, 2), "slopeMbPerHour": round(60 * slope, 2),
            "ci95MbPerHour": [round(60 * (slope - half), 2), round(60 * (slope + half), 2)],
            "samples": n, "fromMin": round(pts[0][0], 2), "toMin": round(pts[-1][0], 2),
            "first": round(ys[0], 1), "last": round(ys[-1], 1), "min": round(min(ys), 1), "max": round(max(ys), 1)}


if "silo 3 ready" in events:
    # the steady part after the rejoin: from the restarted silo's first gen2 collection after it was ready (its heap
    # after gen2 changes) to the end, so its start-up garbage is gone and every silo is measured over the same minutes
    ready = minute(events["silo 3 ready"])
    after = [(x, y) for x, y in series("gcHeapAfterGen2Mb", 2) if x >= ready]
    first_gen2 = next((x for (x, y), (_, y0) in zip(after[1:], after) if y != y0), None)
    if first_gen2 is not None:
        windows["afterRestartedSiloGen2"] = (first_gen2, end)

metrics = ["rssMb", "gcCommittedMb", "gcHeapMb", "gcHeapAfterGen2Mb", "nativeMb"] + (["mallocMb"] if smaps else [])
report = {"graceS": grace, "windows": {k: {"fromMin": round(a, 2), "toMin": round(b, 2)} for k, (a, b) in windows.items()},
          "note": "slopeMbPer10Min: least-squares slope through the samples in the window; ci95MbPerHour: its 95 % interval "
                  f"(Bartlett long-run variance with the whole window as bandwidth, critical value {CRITICAL}); nativeMb = RSS - GC committed; "
                  "mallocMb = glibc arenas + brk heap (smaps); gcHeapAfterGen2Mb: heap after the latest gen2 collection",
          "slopes": {}}
for name, (a, b) in windows.items():
    per = {}
    for metric in metrics:
        per[metric] = []
        for silo in range(silos):
            lo = a
            if silo == 2 and restart is not None and a < restart <= b:
                lo = restart   # the restarted silo counts from its restart
            per[metric].append(fit([(x, y) for x, y in series(metric, silo) if lo <= x <= b]))
    report["slopes"][name] = per
# gen2 collections seen in each window: the times the heap after the latest gen2 changed (two gen2s within one interval
# count once); the heap after the last collection rises between them with what died in gen2 (the GC's sawtooth)
report["gen2Seen"] = {}
for name, (a, b) in windows.items():
    seen = []
    for silo in range(silos):
        pts = [(x, y) for x, y in series("gcHeapAfterGen2Mb", silo) if (a if not (silo == 2 and restart is not None and a < restart <= b) else restart) <= x <= b]
        seen.append([round(x, 2) for (x, y), (_, y0) in zip(pts[1:], pts) if y != y0])
    report["gen2Seen"][name] = seen
# the short form: slopes only, silos in order
report["summaryMbPer10Min"] = {name: {metric: [None if f is None else f["slopeMbPer10Min"] for f in per[metric]] for metric in metrics}
                              for name, per in report["slopes"].items()}
report["summaryMbPerHour"] = {name: {metric: [None if f is None else [f["slopeMbPerHour"], f["ci95MbPerHour"]] for f in per[metric]] for metric in metrics}
                             for name, per in report["slopes"].items()}
json.dump(report, sys.stdout, indent=1)
print()
