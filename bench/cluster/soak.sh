#!/usr/bin/env bash
# Soak of a 3-silo cluster on one machine (issue 15): Redis, a throw-away PostgreSQL 15 with its default durability
# (fsync on), three `kairos serve --cluster` on loopback. `kairos soak` loads all three fronts at a steady rate while
# silo 3 is SIGKILLed at KILL_AT s and restarted at RESTART_AT s; the kill/restart times go to OUT/events.jsonl.
# Usage: KAIROS=path/to/kairos [KILL_AT=s RESTART_AT=s INTERVAL=5 USERS=20000 URLS=front,front SERVE_ARGS="--id-window 16 …"] bench/cluster/soak.sh OUT [DURATION=1800] [RATE=40]
# Then: python3 bench/cluster/plot-soak.py OUT/soak.json OUT/events.jsonl docs/img/cluster-soak.svg
# Environment variables reach the silos (e.g. MALLOC_ARENA_MAX=2 to cap glibc's malloc arenas).
set -euo pipefail
out=$1; duration=${2:-1800}; rate=${3:-40}
kill_at=${KILL_AT:-$((duration / 2))}; restart_at=${RESTART_AT:-$((kill_at + 60))}
kairos=${KAIROS:-kairos}
redis_port=${REDIS_PORT:-6401}; pg_port=${PG_PORT:-5497}
mkdir -p "$out"; out=$(cd "$out" && pwd)
here=$(cd "$(dirname "$0")" && pwd)

bash "$here/../../.ci/start-redis" "$redis_port"
bin=$(ls -d /usr/lib/postgresql/*/bin | tail -n 1)
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$out/pg"; [[ $(id -u) -eq 0 ]] && chown postgres "$out/pg"
as_pg "$bin/initdb" -D "$out/pg/data" -A trust -U postgres -E UTF8 --locale=C > /dev/null
as_pg "$bin/pg_ctl" -D "$out/pg/data" -l "$out/pg/log" -w -o "-p $pg_port -k $out/pg -c listen_addresses=127.0.0.1" start > /dev/null
store="postgres:Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"

now() { date +%s.%N; }
start_silo() {
  nohup "$kairos" serve --urls "http://127.0.0.1:578$1" --store "$store" --cluster "redis:127.0.0.1:$redis_port" \
    --silo-port "1118$1" --gateway-port "3018$1" --seed 7 ${SERVE_ARGS:-} >> "$out/silo$1.log" 2>&1 &
  echo $! > "$out/silo$1.pid"
  # where each silo's resident memory lives (mapped files, JIT code, GC + malloc arenas), every 15 s, into OUT/smaps.jsonl
  python3 "$here/smaps-sample.py" "$out/smaps.jsonl" 15 "silo$1=$(cat "$out/silo$1.pid")" &
  for _ in $(seq 1200); do curl -sf "http://127.0.0.1:578$1/health/ready" > /dev/null && return 0; sleep 0.1; done
  echo "silo $1 did not start" >&2; return 1
}
stop_all() {
  for i in 1 2 3; do [[ -f $out/silo$i.pid ]] && kill "$(cat "$out/silo$i.pid")" 2> /dev/null || true; done
  sleep 2
  as_pg "$bin/pg_ctl" -D "$out/pg/data" -m fast stop > /dev/null || true
  redis-cli -p "$redis_port" shutdown nosave > /dev/null 2>&1 || true
}
trap stop_all EXIT

for i in 1 2 3; do start_silo "$i"; done
# Alive is not yet ready: wait until every silo is an active member with a warm request path (GET /health/ready,
# what a load balancer checks).
for i in 1 2 3; do
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:578$i/health/ready") == 200 ]]; do sleep 0.2; done
done
echo "{\"event\":\"started\",\"unix\":$(now)}" > "$out/events.jsonl"
"$kairos" soak --url "${URLS:-http://127.0.0.1:5781,http://127.0.0.1:5782,http://127.0.0.1:5783}" \
  --metrics http://127.0.0.1:5781,http://127.0.0.1:5782,http://127.0.0.1:5783 \
  --rate "$rate" --duration "$duration" --interval "${INTERVAL:-5}" --users "${USERS:-20000}" --seed 15 > "$out/soak.json" 2> "$out/soak.err" &
soak=$!
sleep "$kill_at"
kill -9 "$(cat "$out/silo3.pid")"
echo "{\"event\":\"kill silo 3\",\"unix\":$(now)}" >> "$out/events.jsonl"
sleep $((restart_at - kill_at))
echo "{\"event\":\"restart silo 3\",\"unix\":$(now)}" >> "$out/events.jsonl"
start_silo 3
echo "{\"event\":\"silo 3 ready\",\"unix\":$(now)}" >> "$out/events.jsonl"
wait "$soak"
echo "{\"event\":\"soak done\",\"unix\":$(now)}" >> "$out/events.jsonl"
