#!/usr/bin/env python3
"""Where a soak's errors are (issue 15: errors only inside the failover window).

Usage: soak-errors.py OUT [GRACE_S=30]   (OUT: a bench/cluster/soak.sh output directory)
The failover window runs from "kill silo 3" to "silo 3 ready" + GRACE_S (OUT/events.jsonl). Prints, as JSON: attempts
answered 503 (and not answered) inside and outside it; for each interval outside it with a 503, the statuses per front
and per route; and the 503s the silos logged (OUT/siloN.log, UTC-timestamped lines "503 for POLICY/USER: TYPE: ...")
per silo and exception type, inside and outside the window. A warm-up (soak.sh WARMUP_PER_USER; soak.json "warmupSeries",
before the measured run's start) is counted apart, as "warmup", and its intervals with a 503 listed in "intervalsWarmup".
"""
import collections, datetime, glob, json, os, re, sys

out = sys.argv[1]
grace = float(sys.argv[2]) if len(sys.argv) > 2 else 30
soak = json.load(open(os.path.join(out, "soak.json")))
events = {e["event"]: e["unix"] for e in map(json.loads, open(os.path.join(out, "events.jsonl"))) if e}
start, step = soak["startUnix"], soak["interval"]
window = (events["kill silo 3"], events["silo 3 ready"] + grace) if "kill silo 3" in events else None

def inside(lo, hi):   # an interval [lo, hi) in Unix seconds overlapping the window
    return window is not None and lo < window[1] and hi > window[0]

report = {"window": None if window is None else {"fromMin": round((window[0] - start) / 60, 2), "toMin": round((window[1] - start) / 60, 2)},
          "attempts": 0, "inside": collections.Counter(), "outside": collections.Counter(), "intervalsOutside": []}
warm = soak.get("warmup")
if warm:
    report.update({"warmupAttempts": 0, "warmup": collections.Counter(), "intervalsWarmup": []})
    for r in soak.get("warmupSeries") or []:
        report["warmupAttempts"] += r["attempts"]
        for status, n in r["statuses"].items():
            report["warmup"][status] += n
        if r["statuses"].get("503"):
            report["intervalsWarmup"].append({"min": round((warm["startUnix"] + r["t"] - start) / 60, 2), "attempts": r["attempts"],
                                              "statuses": r["statuses"], "p99Ms": r["latencyMs"]["p99"]})
for r in soak["series"]:
    lo = start + r["t"]
    where = "inside" if inside(lo, lo + step) else "outside"
    report["attempts"] += r["attempts"]
    for status, n in r["statuses"].items():
        report[where][status] += n
    if where == "outside" and r["statuses"].get("503"):
        report["intervalsOutside"].append({"min": round(r["t"] / 60, 2), "attempts": r["attempts"], "statuses": r["statuses"],
                                           "byFront": r.get("statusesByFront"), "byRoute": r.get("statusesByRoute"),
                                           "p99Ms": r["latencyMs"]["p99"]})

line = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z) .*503 for [^:]+: (\w+):")
logged = collections.Counter()
for log in sorted(glob.glob(os.path.join(out, "silo*.log"))):
    silo = os.path.basename(log)[:-4]
    for text in open(log, errors="replace"):
        m = line.match(text)
        if m:
            unix = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc).timestamp()
            where = "inside" if inside(unix, unix) or (window and window[0] <= unix <= window[1]) else "warmup" if warm and unix < start else "outside"
            logged[f"{silo} {where} {m.group(2)}"] += 1
report["silo503s"] = dict(sorted(logged.items()))
json.dump(report, sys.stdout, indent=1)
print()
