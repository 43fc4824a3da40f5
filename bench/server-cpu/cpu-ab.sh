#!/bin/bash
# Server CPU and allocation per request, builds alternating (issue 11): each NAME=DIR[@VAR=V,VAR=V] serves a fresh SQLite
# store (WAL, synchronous=NORMAL, group commit) at nice 19 with the environment given, ROUNDS times in turn; the
# generator is GEN's (a Release output folder). Per server: two warm-up runs of 8 s, then two measured runs of
# `kairos loadgen --users 100000 --rate RATE (3000) --duration DUR (10)` with a per-thread CPU snapshot around each
# (thread-cpu.py). Summarize with cpu-ab-summary.py OUT BASE NEW.
#   GEN=/tmp/base OUT=/tmp/ab ROUNDS=3 bench/server-cpu/cpu-ab.sh base=/tmp/base new=src/Kairos.Cli/bin/Release/net10.0
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=${OUT:?}; rounds=${ROUNDS:-3}; rate=${RATE:-3000}; dur=${DUR:-10}; port=${PORT:-5463}; gen=${GEN:?}
mkdir -p "$out"
for round in $(seq 1 "$rounds"); do
  for v in "$@"; do
    name=${v%%=*}; rest=${v#*=}; dir=${rest%%@*}; envs=""; [[ "$rest" == *@* ]] && envs=${rest#*@}
    d=$out/$name-$round; mkdir -p "$d"; rm -f "$d"/k.db*
    env ${envs//,/ } nice -n 19 dotnet "$dir/kairos.dll" serve --urls "http://127.0.0.1:$port" --store "sqlite:$d/k.db" > "$d/serve.log" 2>&1 &
    pid=$!
    for i in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && break; sleep 0.3; done
    for s in 100 101; do
      nice -n 19 dotnet "$gen/kairos.dll" loadgen --url "http://127.0.0.1:$port" --users 100000 --rate "$rate" --duration 8 --seed $s > /dev/null 2>&1
    done
    for s in 1 2; do
      python3 "$here/thread-cpu.py" "$pid" "$d/a$s.json"; uptime > "$d/uptime$s.txt"
      nice -n 19 dotnet "$gen/kairos.dll" loadgen --url "http://127.0.0.1:$port" --users 100000 --rate "$rate" --duration "$dur" \
        --seed "$round$s" > "$d/m$s.json" 2> "$d/m$s.err"
      python3 "$here/thread-cpu.py" "$pid" "$d/b$s.json"
    done
    kill "$pid"; wait "$pid" 2> /dev/null; rm -f "$d"/k.db*
  done
done
