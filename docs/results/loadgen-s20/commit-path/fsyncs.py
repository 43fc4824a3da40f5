# fsync/fdatasync durations from `strace -f -T -tt -e trace=fsync,fdatasync`: the group-commit thread's against all others
import re, sys
path, tid = sys.argv[1], int(sys.argv[2])
rows = []
for l in open(path):
    m = re.match(r'(\d+)\s+(\S+) (fsync|fdatasync)\((\d+)\).*<([\d.]+)>', l)
    if m: rows.append((int(m[1]), float(m[5]) * 1e3))
def q(xs):
    xs = sorted(xs); n = len(xs)
    return f"n={n} median {xs[n//2]:.1f} p90 {xs[int(.9*n)]:.1f} p99 {xs[min(n-1,int(.99*n))]:.1f} max {xs[-1]:.1f} total {sum(xs):.0f} ms" if n else "n=0"
print("group-commit thread:", q([d for t, d in rows if t == tid]))
print("other threads:      ", q([d for t, d in rows if t != tid]))
