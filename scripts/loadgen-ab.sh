#!/bin/bash
# Before/after on one machine in one window (issue 11): each build named on the command line (NAME=DIR with DIR a
# Release output folder holding kairos.dll) serves a fresh SQLite store (WAL, synchronous=NORMAL, group commit) in turn,
# ROUNDS times, alternating; every run uses the generator of the first build, so only the server differs. Per server:
# warm-up `--rate $WARMRATE (2000) --duration $WARM (3)`, then `kairos loadgen --users $USERS (100000) --rate R --duration D --seed S`
# for each R in $RATES (with --connections $CONNECTIONS if set). JSON per run and `uptime` before each go to $OUT; the generator runs under `nice -n 10`. A file DIR/serve.env
# (lines NAME=VALUE, e.g. DOTNET_GCgen0size=0x200000) sets environment variables for that build's server only.
#   scripts/loadgen-ab.sh before=/tmp/before after=src/Kairos.Cli/bin/Release/net10.0
set -u
out=${OUT:-loadgen-ab}; rounds=${ROUNDS:-2}; rates=${RATES:-"4000 10000"}; duration=${DURATION:-20}; port=${PORT:-5431}
users=${USERS:-100000}; warm=${WARM:-3}; warmrate=${WARMRATE:-2000}
mkdir -p "$out"
first=${1#*=}
for round in $(seq 1 "$rounds"); do
  for build in "$@"; do
    name=${build%%=*}; dir=${build#*=}
    rm -f "$out"/k.db*
    env $(cat "$dir/serve.env" 2> /dev/null) dotnet "$dir/kairos.dll" serve --urls "http://127.0.0.1:$port" --store "sqlite:$out/k.db" > "$out/serve-$name-$round.log" 2>&1 &
    pid=$!
    for i in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && break; sleep 0.2; done
    nice -n 10 dotnet "$first/kairos.dll" loadgen --url "http://127.0.0.1:$port" --users "$users" --rate "$warmrate" --duration "$warm" --seed 100 ${CONNECTIONS:+--connections $CONNECTIONS} > /dev/null 2>&1
    for rate in $rates; do
      uptime > "$out/$name-$rate-$round.uptime"
      nice -n 10 dotnet "$first/kairos.dll" loadgen --url "http://127.0.0.1:$port" --users "$users" --rate "$rate" --duration "$duration" \
        --seed "$round$rate" ${CONNECTIONS:+--connections $CONNECTIONS} > "$out/$name-$rate-$round.json" 2> "$out/$name-$rate-$round.err"
    done
    kill "$pid"; wait "$pid" 2> /dev/null
  done
done
