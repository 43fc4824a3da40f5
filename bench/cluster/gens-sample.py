#!/usr/bin/env python3
"""Samples each silo's GC generation sizes and collection counts from /metrics (issue 15, the soak's GC cycles).

Usage: gens-sample.py OUT.jsonl INTERVAL_S URL [URL ...]   (silo i = the i-th URL; stops after 5 minutes with no answer)
Each line: {"unix", "silo", "gen0".."genpoh" (MB after the last collection), "collections0".."collections2",
"heap", "committed", "afterGen2" (MB)}. A silo that does not answer is skipped for that round. Standard library only.
"""
import json, re, sys, time, urllib.request

out, interval, urls = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
MB = 1 << 20
patterns = {
    "gen": re.compile(r'^dotnet_gc_generation_size_bytes\{generation="(\w+)"\} (\S+)$', re.M),
    "collections": re.compile(r'^dotnet_gc_collections_total\{generation="(\d)"\} (\S+)$', re.M),
    "heap": re.compile(r"^dotnet_gc_heap_bytes (\S+)$", re.M),
    "committed": re.compile(r"^dotnet_gc_committed_bytes (\S+)$", re.M),
    "afterGen2": re.compile(r"^dotnet_gc_heap_after_gen2_bytes (\S+)$", re.M),
}


def scrape(url):
    text = urllib.request.urlopen(url.rstrip("/") + "/metrics", timeout=4).read().decode()
    row = {f"gen{g}": float(v) / MB for g, v in patterns["gen"].findall(text)}
    row.update({f"collections{g}": int(float(v)) for g, v in patterns["collections"].findall(text)})
    for key in ("heap", "committed", "afterGen2"):
        m = patterns[key].search(text)
        if m:
            row[key] = float(m.group(1)) / MB
    return row


last_answer = time.time()
with open(out, "a") as f:
    while time.time() - last_answer < 300:
        for i, url in enumerate(urls, 1):
            try:
                row = scrape(url)
            except Exception:
                continue
            last_answer = time.time()
            f.write(json.dumps({"unix": time.time(), "silo": i, **row}) + "\n")
            f.flush()
        time.sleep(interval)
