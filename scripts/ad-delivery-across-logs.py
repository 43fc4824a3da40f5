#!/usr/bin/env python3
"""Across-log analysis of per-log utility files (utility-N-sSEED.json, written by `kairos experiment ad-delivery --out DIR`
as each log finishes): the same statistics as the experiment's pooled `acrossLogs` (AdDeliveryExperiment.AcrossLogs,
CrossedMean): per-log mean paired differences, their mean, the Student-t interval over the per-log means, and the crossed
(pigeonhole bootstrap) interval counting logs and users as random. Used when a long run is stopped before it finishes.

  ad-delivery-across-logs.py DIR [--check experiment.json]   (--check: compare with a finished run's acrossLogs)
"""
import glob, json, math, sys
from statistics import mean


def t_quantile(p, df):
    """Student-t quantile by bisection on the CDF, the density integrated by Simpson's rule (no scipy here)."""
    c = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)
    f = lambda x: c * (1 + x * x / df) ** (-(df + 1) / 2)
    def cdf(t, n=4000):
        h = t / n
        return 0.5 + h / 3 * (f(0) + f(t) + sum((4 if i % 2 else 2) * f(i * h) for i in range(1, n)))
    lo, hi = 0.0, 1000.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if cdf(mid) < p else (lo, mid)
    return (lo + hi) / 2

PAIRS = [("plan", "plan-plugin"), ("plan-thompson", "plan-plugin"), ("plan-weighted", "plan-plugin"), ("plan-weighted", "plan")]


def pigeonhole(x):
    R, C = len(x), len(x[0])
    rm = [mean(r) for r in x]
    cm = [mean(x[r][c] for r in range(R)) for c in range(C)]
    mu = mean(rm)
    va = sum((m - mu) ** 2 for m in rm) / R
    vb = sum((m - mu) ** 2 for m in cm) / C
    ve = sum((x[r][c] - rm[r] - cm[c] + mu) ** 2 for r in range(R) for c in range(C)) / (R * C)
    return mu, math.sqrt(va / R + vb / C + ve / (R * C))


def across(runs, a, b):
    d = [[u - v for u, v in zip(r["perUserUtility"][a], r["perUserUtility"][b])] for r in runs]
    per_log = [mean(x) for x in d]
    L = len(per_log)
    m = mean(per_log)
    s = math.sqrt(sum((p - m) ** 2 for p in per_log) / (L - 1))
    half = t_quantile(0.975, L - 1) * s / math.sqrt(L)
    mu, se = pigeonhole(d)
    return {"policy": a, "versus": b, "logSeeds": [r["logSeed"] for r in runs], "perLog": per_log, "mean": mu,
            "tOverLogs": {"lower": m - half, "upper": m + half},
            "crossed": {"se": se, "lower": mu - 1.96 * se, "upper": mu + 1.96 * se},
            "crossedBonferroni": {"lower": mu - 2.2414 * se, "upper": mu + 2.2414 * se}}


def main():
    folder = sys.argv[1]
    runs = sorted((json.load(open(f)) for f in glob.glob(f"{folder}/utility-*-s*.json")), key=lambda r: r["logSeed"])
    out = {"logs": [r["logSeed"] for r in runs], "acrossLogs": []}
    for a, b in PAIRS:
        if len(runs) >= 2 and all(a in r["perUserUtility"] and b in r["perUserUtility"] for r in runs):
            out["acrossLogs"].append(across(runs, a, b))
    print(json.dumps(out, indent=1))
    if len(sys.argv) > 3 and sys.argv[2] == "--check":
        exp = json.load(open(sys.argv[3]))
        for mine in out["acrossLogs"]:
            theirs = next(x for x in exp["pooled"][0]["acrossLogs"] if x["policy"] == mine["policy"] and x["versus"] == mine["versus"])
            for k in ("mean",):
                assert abs(mine[k] - theirs[k]) < 1e-12, (k, mine[k], theirs[k])
            for k in ("tOverLogs", "crossed"):
                for side in ("lower", "upper"):
                    assert abs(mine[k][side] - theirs[k][side]) < 1e-9, (k, side, mine[k][side], theirs[k][side])
        print("check: same as the experiment's acrossLogs", file=sys.stderr)


if __name__ == "__main__":
    main()
