#!/usr/bin/env python3
"""The planning policies' own Monte-Carlo noise (docs/ad-delivery.md, "Utility against log size on several logs
(session 20)"): two utility files of the same log and size (utility-N-sSEED.json of `kairos experiment ad-delivery
--per-user --out DIR`) that differ only in `--rollout-seed`. Per planner: the root mean square over the held-out users of
the per-user difference between the two rollout streams, and the paired mean difference with its 95% interval over the
users (normal, 1.96 s.e.); beside them the RMS of plan − plan-plugin and plan-thompson − plan-plugin within each stream
and across the streams (e.g. plan on stream 1 against plan-plugin on stream 0). `noiseShare`: the mean square per user
that plan − plan-plugin would have if the two were one planner, (MS_plan + MS_plugin)/2 of their stream-to-stream
differences, over the observed mean square of plan − plan-plugin (the four pairings of the streams averaged), with a
95% percentile bootstrap over the held-out users (4,000 resamples, seed 1).

  ad-delivery-rollout-noise.py STREAM0.json STREAM1.json [--json]
"""
import json, math, random, sys


def rms(x, y):
    return math.sqrt(sum((a - b) ** 2 for a, b in zip(x, y)) / len(x))


def mad(x, y):
    return sum(abs(a - b) for a, b in zip(x, y)) / len(x)


def paired(x, y):
    d = [a - b for a, b in zip(x, y)]
    n = len(d)
    m = sum(d) / n
    se = math.sqrt(sum((v - m) ** 2 for v in d) / (n - 1) / n)
    return {"mean": m, "se": se, "lower": m - 1.96 * se, "upper": m + 1.96 * se}


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    a, b = (json.load(open(p)) for p in argv[1:3])
    for k in ("users", "logSeed", "evalUsers", "seed"):
        if a[k] != b[k]:
            sys.exit(f"the files differ in {k}: {a[k]} against {b[k]}")
    ua, ub = a["perUserUtility"], b["perUserUtility"]
    planners = [p for p in ("plan", "plan-plugin", "plan-thompson") if p in ua and p in ub]
    out = {"users": a["users"], "logSeed": a["logSeed"], "evalUsers": a["evalUsers"],
           "sameFit": a["heldOutLogLikelihoodPerEvent"] == b["heldOutLogLikelihoodPerEvent"] and a["laplacePrior"] == b["laplacePrior"],
           "betweenStreams": {}, "withinStream0": {}, "withinStream1": {}, "acrossStreams": {}}
    for p in planners:
        out["betweenStreams"][p] = {"rms": rms(ua[p], ub[p]), "meanAbs": mad(ua[p], ub[p]), "stream0": sum(ua[p]) / len(ua[p]), "stream1": sum(ub[p]) / len(ub[p]),
                                    "difference": paired(ub[p], ua[p]), "identicalUsers": sum(x == y for x, y in zip(ua[p], ub[p]))}
    for p in ("plan", "plan-thompson"):
        if p in planners and "plan-plugin" in planners:
            out["withinStream0"][p] = {"rms": rms(ua[p], ua["plan-plugin"]), "meanAbs": mad(ua[p], ua["plan-plugin"]), "difference": paired(ua[p], ua["plan-plugin"])}
            out["withinStream1"][p] = {"rms": rms(ub[p], ub["plan-plugin"]), "meanAbs": mad(ub[p], ub["plan-plugin"]), "difference": paired(ub[p], ub["plan-plugin"])}
            out["acrossStreams"][p] = {"rms": rms(ub[p], ua["plan-plugin"]), "rmsOther": rms(ua[p], ub["plan-plugin"])}
    if "plan" in planners and "plan-plugin" in planners:
        def share(idx):
            ms = lambda x, y: sum((x[i] - y[i]) ** 2 for i in idx) / len(idx)
            noise = (ms(ua["plan"], ub["plan"]) + ms(ua["plan-plugin"], ub["plan-plugin"])) / 2
            seen = (ms(ua["plan"], ua["plan-plugin"]) + ms(ub["plan"], ub["plan-plugin"]) + ms(ub["plan"], ua["plan-plugin"]) + ms(ua["plan"], ub["plan-plugin"])) / 4
            return noise, seen
        n = len(ua["plan"])
        noise, seen = share(range(n))
        rng = random.Random(1)
        boot = sorted((lambda t: t[0] / t[1])(share([rng.randrange(n) for _ in range(n)])) for _ in range(4000))
        out["noiseShare"] = {"noiseRms": math.sqrt(noise), "observedRms": math.sqrt(seen), "ratio": noise / seen, "lower": boot[99], "upper": boot[3899]}
    if "--json" in argv:
        print(json.dumps(out, indent=1))
        return
    print(f"log seed {out['logSeed']}, {out['users']} log users, {out['evalUsers']} held-out users; same fit: {out['sameFit']}")
    for p, r in out["betweenStreams"].items():
        d = r["difference"]
        print(f"{p:14s} stream 0 {r['stream0']:.3f}  stream 1 {r['stream1']:.3f}  1 - 0 {d['mean']:+.3f} [{d['lower']:+.3f}, {d['upper']:+.3f}]  "
              f"RMS per user {r['rms']:.3f}  mean |difference| {r['meanAbs']:.3f}  users identical {r['identicalUsers']}")
    for p in out["withinStream0"]:
        print(f"{p} - plan-plugin RMS per user: stream 0 {out['withinStream0'][p]['rms']:.3f}, stream 1 {out['withinStream1'][p]['rms']:.3f}, "
              f"across streams {out['acrossStreams'][p]['rms']:.3f} / {out['acrossStreams'][p]['rmsOther']:.3f}; mean |difference| stream 0 "
              f"{out['withinStream0'][p]['meanAbs']:.3f}, stream 1 {out['withinStream1'][p]['meanAbs']:.3f}")
    if "noiseShare" in out:
        r = out["noiseShare"]
        print(f"plan - plan-plugin if one planner: RMS {r['noiseRms']:.3f} against observed {r['observedRms']:.3f}: ratio of mean squares "
              f"{r['ratio']:.2f} [{r['lower']:.2f}, {r['upper']:.2f}]")


if __name__ == "__main__":
    main(sys.argv)
