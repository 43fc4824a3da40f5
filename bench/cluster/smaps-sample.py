#!/usr/bin/env python3
"""Samples where a process's resident memory lives, from /proc/PID/smaps (issue 15, native RSS growth).

Usage: smaps-sample.py OUT.jsonl INTERVAL_S NAME=PID [NAME=PID ...]   (until every process is gone)
Each line: {"unix", "name", "rssMb", "fileMb" (mapped files: the runtime, assemblies, ICU, ...),
"doubleMappedMb" (the runtime's W^X double-mapped memory, /memfd:doublemapper: JIT-compiled code, stubs and
executable loader heaps), "anonMb" (other anonymous memory: GC heap,
malloc arenas, loader heaps, thread stacks), "arenas64Mb" (anonymous mappings in 64 MB-aligned reservations of at most
64 MB: glibc malloc arenas other than the main one), "arenaRssMb" (their resident part), "brkHeapMb" (resident part of
[heap], the brk heap that holds glibc's main arena: with MALLOC_ARENA_MAX=2 most of malloc lives here), "threads"}.
"""
import json, os, sys, time

def sample(pid):
    rss = {"file": 0, "doubleMapped": 0, "anon": 0}
    arenas, arena_rss, brk_rss = 0, 0, 0
    cur = None
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            parts = line.split()
            if "-" in parts[0] and len(parts) >= 5 and not parts[0].endswith(":"):
                lo, hi = (int(x, 16) for x in parts[0].split("-"))
                perms, path = parts[1], (parts[5] if len(parts) > 5 else "")
                kind = "doubleMapped" if "doublemapper" in path else "file" if path.startswith("/") else "anon"
                # glibc arenas: heap_info blocks aligned to HEAP_MAX_SIZE = 64 MB (2 * DEFAULT_MMAP_THRESHOLD_MAX on 64-bit)
                arena = kind == "anon" and lo % (64 << 20) == 0 and hi - lo <= (64 << 20) and path == ""
                cur = (kind, arena, path == "[heap]")
                if arena: arenas += 1
            elif parts[0] == "Rss:" and cur:
                kb = int(parts[1])
                rss[cur[0]] += kb
                if cur[1]: arena_rss += kb
                if cur[2]: brk_rss += kb
    threads = len(os.listdir(f"/proc/{pid}/task"))
    mb = lambda kb: round(kb / 1024, 2)
    return {"rssMb": mb(sum(rss.values())), "fileMb": mb(rss["file"]), "doubleMappedMb": mb(rss["doubleMapped"]), "anonMb": mb(rss["anon"]),
            "arenas64Mb": arenas, "arenaRssMb": mb(arena_rss), "brkHeapMb": mb(brk_rss), "threads": threads}

def main():
    out, interval = sys.argv[1], float(sys.argv[2])
    procs = dict(a.split("=", 1) for a in sys.argv[3:])
    with open(out, "a") as o:
        while procs:
            for name, pid in list(procs.items()):
                try: s = sample(pid)
                except (FileNotFoundError, ProcessLookupError): del procs[name]; continue
                o.write(json.dumps({"unix": round(time.time(), 1), "name": name, **s}) + "\n")
            o.flush()
            time.sleep(interval)

if __name__ == "__main__":
    main()
