#!/usr/bin/env bash
# `kairos loadgen` against a single node on SQLite, a single node on PostgreSQL (throw-away cluster, fsync on) and a
# 3-silo cluster over that PostgreSQL (issue 15): a warm-up, then RUNS measured runs each; one JSON per run in OUT.
# Usage: KAIROS=path/to/kairos bench/cluster/load.sh OUT [RATE=200] [DURATION=5] [RUNS=3]
set -euo pipefail
out=$1; rate=${2:-200}; duration=${3:-5}; runs=${4:-3}
kairos=${KAIROS:-kairos}
redis_port=${REDIS_PORT:-6402}; pg_port=${PG_PORT:-5496}
mkdir -p "$out"; out=$(cd "$out" && pwd)
here=$(cd "$(dirname "$0")" && pwd)

bin=$(ls -d /usr/lib/postgresql/*/bin | tail -n 1)
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$out/pg"; [[ $(id -u) -eq 0 ]] && chown postgres "$out/pg"
as_pg "$bin/initdb" -D "$out/pg/data" -A trust -U postgres -E UTF8 --locale=C > /dev/null
as_pg "$bin/pg_ctl" -D "$out/pg/data" -l "$out/pg/log" -w -o "-p $pg_port -k $out/pg -c listen_addresses=127.0.0.1" start > /dev/null
pg="postgres:Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
bash "$here/../../.ci/start-redis" "$redis_port"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done
  sleep 1
  as_pg "$bin/pg_ctl" -D "$out/pg/data" -m fast stop > /dev/null || true
  redis-cli -p "$redis_port" shutdown nosave > /dev/null 2>&1 || true
}
trap cleanup EXIT

serve() {   # serve NAME PORT ARGS...: starts a server and waits until it answers for users (404 for an unknown one)
  local name=$1 port=$2; shift 2
  nohup "$kairos" serve --urls "http://127.0.0.1:$port" --seed 7 "$@" >> "$out/$name.log" 2>&1 &
  pids+=($!)
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1/users/warm-$name") == 404 ]]; do sleep 0.5; done
}
measure() {   # measure NAME URL
  "$kairos" loadgen --url "$2" --users 100000 --rate "$rate" --duration 2 --seed 99 > /dev/null
  for r in $(seq "$runs"); do
    "$kairos" loadgen --url "$2" --users 100000 --rate "$rate" --duration "$duration" --seed "$r" > "$out/$1-$r.json"
  done
}

serve sqlite 5791 --store "sqlite:$out/single.db"
measure single-sqlite http://127.0.0.1:5791
serve postgres 5792 --store "$pg"
measure single-postgres http://127.0.0.1:5792
kill "${pids[0]}" "${pids[1]}"
for i in 1 2 3; do
  serve "silo$i" "580$i" --store "$pg" --cluster "redis:127.0.0.1:$redis_port" --silo-port "1119$i" --gateway-port "3019$i"
done
measure cluster-3-silos http://127.0.0.1:5801
