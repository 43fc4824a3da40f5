#!/usr/bin/env python3
"""Plots a `kairos soak --json` time series (memory, latency, error rate) as SVG, with the events of
bench/cluster/soak.sh (silo killed / restarted) as vertical lines. Standard library only.
Usage: plot-soak.py soak.json events.jsonl out.svg [smaps.jsonl]   (PNG: chromium --headless --screenshot=out.png out.svg)
With smaps.jsonl (bench/cluster/smaps-sample.py) a last panel shows each silo's malloc memory: glibc arenas + brk heap.
A warm-up (soak.json "warmupSeries") is drawn before minute 0, shaded: minute 0 is the start of the measured run."""
import json
import math
import sys

soak = json.load(open(sys.argv[1]))
events = [json.loads(line) for line in open(sys.argv[2]) if line.strip()]
out = sys.argv[3]
smaps = [json.loads(line) for line in open(sys.argv[4]) if line.strip()] if len(sys.argv) > 4 else []
start = soak["startUnix"]
warm = soak.get("warmup")
warm_rows = soak.get("warmupSeries") or []
rows = warm_rows + soak["series"]
t = [(warm["startUnix"] + r["t"] - start) / 60 for r in warm_rows] + [r["t"] / 60 for r in soak["series"]]
tmax = max(t) if t else 1
tmin = min(0, min(t)) if t else 0
panels = 5 if smaps else 4
W, L, R, PH, GAP, TOP = 1000, 80, 170, 200, 70, 50
H = TOP + panels * (PH + GAP)
colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"]
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="white"/>',
       f'<text x="{L}" y="24" font-size="15">kairos soak: {soak["rate"]:g} req/s for {soak["duration"] / 60:g} min '
       f'against 3 silos; memory, latency and errors per {soak["interval"]:g} s'
       + (f'; shaded: warm-up ({warm["perUser"]}/user, {warm["rate"]:g} req/s)' if warm else "") + '</text>']


def panel(index, title, series, ylabel, log=False, ymax=None):
    y0 = TOP + index * (PH + GAP)
    values = [v for _, ys, *_ in series for v in ys if v is not None and (not log or v > 0)]
    lo = min(values) if log and values else 0
    hi = ymax if ymax is not None else (max(values) if values else 1)
    if log:
        lo, hi = 10 ** math.floor(math.log10(lo)), 10 ** math.ceil(math.log10(hi))
    hi = hi if hi > lo else lo + 1

    def X(x): return L + (W - L - R) * (x - tmin) / (tmax - tmin)
    def Y(y):
        f = (math.log10(y) - math.log10(lo)) / (math.log10(hi) - math.log10(lo)) if log else (y - lo) / (hi - lo)
        return y0 + PH - PH * f
    svg.append(f'<text x="{L}" y="{y0 - 8}" font-weight="bold">{title}</text>')
    if tmin < 0:
        svg.append(f'<rect x="{L}" y="{y0}" width="{X(0) - L:.1f}" height="{PH}" fill="#f2f2f2"/>')
        svg.append(f'<text x="{(L + X(0)) / 2:.1f}" y="{y0 + PH - 6}" text-anchor="middle" fill="#888">warm-up</text>')
    svg.append(f'<rect x="{L}" y="{y0}" width="{W - L - R}" height="{PH}" fill="none" stroke="#888"/>')
    ticks = [lo * 10 ** k for k in range(int(round(math.log10(hi / lo))) + 1)] if log else [lo + (hi - lo) * k / 4 for k in range(5)]
    for v in ticks:
        svg.append(f'<line x1="{L - 4}" x2="{W - R}" y1="{Y(v):.1f}" y2="{Y(v):.1f}" stroke="#eee"/>')
        svg.append(f'<text x="{L - 8}" y="{Y(v) + 4:.1f}" text-anchor="end">{v:.3g}</text>')
    svg.append(f'<text x="18" y="{y0 + PH / 2}" transform="rotate(-90 18 {y0 + PH / 2})" text-anchor="middle">{ylabel}</text>')
    for m in range(5 * math.ceil(tmin / 5), int(tmax) + 1, 5):
        svg.append(f'<text x="{X(m):.1f}" y="{y0 + PH + 15}" text-anchor="middle">{m}</text>')
    for e in events:
        x = (e["unix"] - start) / 60
        if tmin <= x <= tmax and e["event"] not in ("started", "measured start", "warm-up done") and not e["event"].startswith("gcdump"):
            svg.append(f'<line x1="{X(x):.1f}" x2="{X(x):.1f}" y1="{y0}" y2="{y0 + PH}" stroke="#999" stroke-dasharray="4 3"/>')
    for k, (name, ys, color, *style) in enumerate(series):
        xs = style[1] if len(style) > 1 else t   # a series sampled at its own times (minutes)
        dash = f' stroke-dasharray="{style[0]}"' if style and style[0] else ""
        pts, path = [], []
        for x, y in zip(xs, ys):
            if y is None or (log and y <= 0):
                if pts: path.append(pts); pts = []
                continue
            pts.append(f"{X(x):.1f},{Y(min(max(y, lo), hi)):.1f}")
        if pts: path.append(pts)
        for p in path:
            svg.append(f'<polyline points="{" ".join(p)}" fill="none" stroke="{color}" stroke-width="1.5"{dash}/>')
        svg.append(f'<line x1="{W - R + 12}" x2="{W - R + 30}" y1="{y0 + 14 + 18 * k}" y2="{y0 + 14 + 18 * k}" stroke="{color}" stroke-width="2"{dash}/>')
        svg.append(f'<text x="{W - R + 36}" y="{y0 + 18 + 18 * k}">{name}</text>')


silos = len(soak["metrics"])
committed = [(f"silo {i + 1} GC committed", [r.get("gcCommittedMb", [None] * silos)[i] for r in rows], colors[i], "5 3")
             for i in range(silos) if any("gcCommittedMb" in r for r in rows)]   # series of runs before it was exported lack it
after_gen2 = [(f"silo {i + 1} after gen2", [(r.get("gcHeapAfterGen2Mb") or [None] * silos)[i] for r in rows], colors[i], "2 2")
              for i in range(silos) if any(r.get("gcHeapAfterGen2Mb") for r in rows)]
panel(0, "Memory (RSS; GC committed, dashed; MB)",
      [(f"silo {i + 1} RSS", [r["rssMb"][i] for r in rows], colors[i]) for i in range(silos)] + committed, "MB")
panel(1, "Managed heap (after the last collection; after the latest gen2 collection, dotted; MB)",
      [(f"silo {i + 1} heap", [r["gcHeapMb"][i] for r in rows], colors[i]) for i in range(silos)] + after_gen2, "MB")
panel(2, "Client-side latency of attempts (ms, log scale)",
      [("p50", [r["latencyMs"]["p50"] for r in rows], colors[0]), ("p99", [r["latencyMs"]["p99"] for r in rows], colors[1]),
       ("max", [r["latencyMs"]["max"] for r in rows], "#aaa")], "ms", log=True)
def share(r, status): return r["statuses"].get(status, 0) / r["attempts"] if r["attempts"] else None
panel(3, "Attempts answered 503, and not answered at all (share of attempts)",
      [("503", [share(r, "503") for r in rows], colors[1]),
       ("no answer", [share(r, "0") for r in rows], colors[4])], "share", ymax=1)
if smaps:
    names = sorted({r["name"] for r in smaps})
    def native(name):
        rows_ = [r for r in smaps if r["name"] == name and tmin <= (r["unix"] - start) / 60 <= tmax]
        xs, ys = [], []
        for r in rows_:   # a gap (the silo was down) breaks the line
            if xs and (r["unix"] - start) / 60 - xs[-1] > 1: xs.append(xs[-1]); ys.append(None)
            xs.append((r["unix"] - start) / 60); ys.append(r["arenaRssMb"] + r.get("brkHeapMb", 0))
        return xs, ys
    panel(4, "malloc memory (smaps: glibc arenas + brk heap, MB)",
          [(name.replace("silo", "silo "), native(name)[1], colors[i % len(colors)], None, native(name)[0]) for i, name in enumerate(names)], "MB")
y = TOP + panels * (PH + GAP) - 40
svg.append(f'<text x="{L + (W - L - R) / 2}" y="{y}" text-anchor="middle">minutes since start{" of the measured run" if warm else ""}; dashed: '
           + "; ".join(f'{e["event"]} at {(e["unix"] - start) / 60:.1f}' for e in events if e["event"] not in ("started", "soak done", "measured start", "warm-up done") and not e["event"].startswith("gcdump")) + '</text>')
svg.append("</svg>")
open(out, "w").write("\n".join(svg))
