#!/bin/bash
# Quiet-machine mixed-load measurement (issue 11): Release build, SQLite (WAL, synchronous=NORMAL, group commit),
# 100,000 users, ingest 0.7 / decide 0.3, 3 seeds each at 10,000 and 4,000 requests/s offered, after a warm-up.
# Run from the repository root after `dotnet build -c Release src/Kairos.Cli`; JSON per run goes to $OUT. BUILD=DIR serves
# and generates with another Release output folder (scripts/loadgen-quiet-ab.sh compares builds this way); PORT (5411);
# SERVE_ARGS are appended to `kairos serve` (e.g. "--wal-limit 64MB").
set -u
K="dotnet ${BUILD:-src/Kairos.Cli/bin/Release/net10.0}/kairos.dll"
port=${PORT:-5411}
out=${OUT:-loadgen-out}; mkdir -p "$out"
rm -f "$out"/k.db*
$K serve --urls http://127.0.0.1:$port --store "sqlite:$out/k.db" ${SERVE_ARGS:-} > "$out/serve.log" 2>&1 &
pid=$!
for i in $(seq 1 50); do curl -sf http://127.0.0.1:$port/health >/dev/null && break; sleep 0.2; done
uptime > "$out/uptime-before.txt"
$K loadgen --url http://127.0.0.1:$port --users 100000 --rate 2000 --duration 3 --seed 100 > "$out/warm.json" 2>/dev/null
for R in 1 2 3; do
  $K loadgen --url http://127.0.0.1:$port --users 100000 --rate 10000 --duration 10 --seed $R > "$out/mixed-$R.json" 2>"$out/mixed-$R.err"
done
for R in 1 2 3; do
  $K loadgen --url http://127.0.0.1:$port --users 100000 --rate 4000 --duration 10 --seed 2$R > "$out/mixed4k-$R.json" 2>"$out/mixed4k-$R.err"
done
kill $pid; wait $pid 2>/dev/null
uptime > "$out/uptime-after.txt"
