#!/usr/bin/env python3
"""Snapshot of a process's CPU time per thread: thread-cpu.py PID OUT.json writes {tid: [name, ns on CPU]} from
/proc/PID/task/*/schedstat. Two snapshots around a load run give each thread's CPU per request (cpu-ab-summary.py)."""
import json, os, sys

pid, out = sys.argv[1], sys.argv[2]
threads = {}
for tid in os.listdir(f"/proc/{pid}/task"):
    try:
        name = open(f"/proc/{pid}/task/{tid}/comm").read().strip()
        ns = int(open(f"/proc/{pid}/task/{tid}/schedstat").read().split()[0])
    except OSError:
        continue
    threads[tid] = (name, ns)
json.dump(threads, open(out, "w"))
