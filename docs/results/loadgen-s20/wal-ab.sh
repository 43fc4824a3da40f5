#!/bin/bash
# The quiet-mixed sequence (scripts/loadgen-quiet-mixed.sh: fresh SQLite store, warm-up, 3 runs at 10,000 then 3 at
# 4,000 requests/s, 100,000 users) for each build NAME=DIR in turn, ROUNDS (1) times, while sampling the WAL file's size
# every second (NAME-ROUND/wal-size.txt: unix time, bytes) and the server's /metrics every 10 s (metrics-last.txt).
#   flock /work/measure.lock -c 'OUT=/tmp/wal-ab docs/results/loadgen-s20/wal-ab.sh main=DIR s20=DIR'
set -u
out=${OUT:-wal-ab}; rounds=${ROUNDS:-1}; port=${PORT:-5411}
here=$(cd "$(dirname "$0")/../../.." && pwd)
for round in $(seq 1 "$rounds"); do
  for build in "$@"; do
    name=${build%%=*}; dir=${build#*=}; o="$out/$name-$round"
    mkdir -p "$o"
    OUT="$o" BUILD="$dir" PORT=$port bash "$here/scripts/loadgen-quiet-mixed.sh" & run=$!
    n=0
    while kill -0 $run 2>/dev/null; do
      echo "$(date +%s) $(stat -c %s "$o/k.db-wal" 2>/dev/null || echo 0)" >> "$o/wal-size.txt"
      if [ $((n % 10)) -eq 0 ]; then curl -sf "http://127.0.0.1:$port/metrics" > "$o/metrics.tmp" && mv "$o/metrics.tmp" "$o/metrics-last.txt"; fi
      n=$((n + 1)); sleep 1
    done
    rm -f "$o"/k.db*
  done
done
