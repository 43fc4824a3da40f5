#!/usr/bin/env bash
# Soak of a 3-silo cluster on one machine (issue 15): Redis, a throw-away PostgreSQL 15 with its default durability
# (fsync on), three `kairos serve --cluster` on loopback. `kairos soak` loads all three fronts at a steady rate while
# silo 3 is SIGKILLed at KILL_AT s and restarted at RESTART_AT s; the kill/restart times go to OUT/events.jsonl.
# Usage: KAIROS=path/to/kairos [KILL_AT=s|none RESTART_AT=s INTERVAL=5 USERS=20000 URLS=front,front SERVE_ARGS="--id-window 16 …"
#        PORT_SHIFT=0 REDIS_PORT=6401 PG_PORT=5497 WARMUP_PER_USER=0 WARMUP_RATE=RATE] bench/cluster/soak.sh OUT [DURATION=1800] [RATE=40]
# WARMUP_PER_USER=N: before the DURATION measured seconds, N requests per user (rounds over every user, same generator,
# at WARMUP_RATE req/s), so each user's id window (--id-window, default 16) is full when the measurement starts. The
# warm-up has its own series (warmupSeries in soak.json) and its requests are in the final acknowledged = stored check;
# KILL_AT and RESTART_AT count from the start of the measured run ("measured start" in OUT/events.jsonl).
# GCDUMP=1: a heap dump of every live silo (dotnet-gcdump, which forces a full blocking collection first: a pause) after
# the warm-up (the soak then waits WARMUP_PAUSE s, default 60 with GCDUMP=1, so the dumps pause no measured request) and
# after the last request, into OUT/gcdump/siloN-{start,end}.gcdump with a per-type report (.txt): what the live managed
# heap holds, to compare start and end (dotnet-gcdump: `dotnet tool install -g dotnet-gcdump`; a silo built before the
# diagnostics-socket fix of MallocArenas needs MALLOC_ARENA_MAX=2 in the environment for the tool to attach).
# KILL_AT=none: no kill (e.g. for an A/B of two clusters side by side, the second with PORT_SHIFT=10 and other
# REDIS_PORT/PG_PORT). Silo i serves HTTP on 5780+i, silo port 11180+i, gateway 30180+i, each + PORT_SHIFT.
# Silo logs (OUT/siloN.log) carry a UTC timestamp on every line, so their 503s can be placed on the series.
# Then: python3 bench/cluster/plot-soak.py OUT/soak.json OUT/events.jsonl docs/img/cluster-soak.svg OUT/smaps.jsonl
#       python3 bench/cluster/soak-errors.py OUT   (where the 503s are: per interval, front, route and silo)
#       python3 bench/cluster/soak-memory.py OUT   (least-squares memory slopes before and after the failover)
# both of which this script runs at the end, into OUT/errors.json and OUT/memory.json.
# Environment variables reach the silos. `kairos serve --cluster` caps glibc's malloc arenas itself (MALLOC_ARENA_MAX=2
# unless set; MALLOC_ARENA_MAX=16 is glibc's default on 2 cores).
set -euo pipefail
out=$1; duration=${2:-1800}; rate=${3:-40}
kill_at=${KILL_AT:-$((duration / 2))}; [[ $kill_at != none ]] && restart_at=${RESTART_AT:-$((kill_at + 60))}
shift_=${PORT_SHIFT:-0}; http() { echo $((5780 + shift_ + $1)); }
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
  Logging__Console__FormatterOptions__TimestampFormat='yyyy-MM-ddTHH:mm:ss.fffZ ' Logging__Console__FormatterOptions__UseUtcTimestamp=true \
  Logging__Console__FormatterOptions__SingleLine=true \
  nohup "$kairos" serve --urls "http://127.0.0.1:$(http "$1")" --store "$store" --cluster "redis:127.0.0.1:$redis_port" \
    --silo-port "$((11180 + shift_ + $1))" --gateway-port "$((30180 + shift_ + $1))" --seed 7 ${SERVE_ARGS:-} >> "$out/silo$1.log" 2>&1 &
  echo $! > "$out/silo$1.pid"
  # where each silo's resident memory lives (mapped files, JIT code, GC + malloc arenas), every 15 s, into OUT/smaps.jsonl
  python3 "$here/smaps-sample.py" "$out/smaps.jsonl" 15 "silo$1=$(cat "$out/silo$1.pid")" &
  for _ in $(seq 1200); do curl -sf "http://127.0.0.1:$(http "$1")/health/ready" > /dev/null && return 0; sleep 0.1; done
  echo "silo $1 did not start" >&2; return 1
}
stop_all() {
  [[ -n ${soak:-} ]] && kill "$soak" 2> /dev/null || true
  [[ -n ${loadavg:-} ]] && kill "$loadavg" 2> /dev/null || true
  local pids=() i
  for i in 1 2 3; do [[ -f $out/silo$i.pid ]] && pids+=("$(cat "$out/silo$i.pid")"); done
  kill "${pids[@]}" 2> /dev/null || true
  # a silo leaves the cluster through Redis: stop Redis only once the silos are gone (a minute at most, then SIGKILL)
  for _ in $(seq 60); do kill -0 "${pids[@]}" 2> /dev/null || break; sleep 1; done
  kill -9 "${pids[@]}" 2> /dev/null || true
  as_pg "$bin/pg_ctl" -D "$out/pg/data" -m fast stop > /dev/null || true
  redis-cli -p "$redis_port" shutdown nosave > /dev/null 2>&1 || true
}
trap stop_all EXIT
gcdumps() {   # LABEL: a heap dump of each live silo, in turn
  local tool i pid
  tool=$(command -v dotnet-gcdump || echo "$HOME/.dotnet/tools/dotnet-gcdump")
  mkdir -p "$out/gcdump"
  for i in 1 2 3; do
    pid=$(cat "$out/silo$i.pid"); kill -0 "$pid" 2> /dev/null || continue
    echo "{\"event\":\"gcdump silo $i $1\",\"unix\":$(now)}" >> "$out/events.jsonl"
    "$tool" collect -p "$pid" -o "$out/gcdump/silo$i-$1.gcdump" >> "$out/gcdump/collect.log" 2>&1 &&
      "$tool" report "$out/gcdump/silo$i-$1.gcdump" > "$out/gcdump/silo$i-$1.txt" 2>> "$out/gcdump/errors.log" || echo "gcdump of silo $i failed" >&2
  done
}
# the machine's load beside the run, every 15 s: OUT/loadavg.jsonl
(while :; do read -r l1 l5 _ < /proc/loadavg; echo "{\"unix\":$(now),\"load1\":$l1,\"load5\":$l5}"; sleep 15; done >> "$out/loadavg.jsonl") &
loadavg=$!

for i in 1 2 3; do start_silo "$i"; done
# Alive is not yet ready: wait until every silo is an active member with a warm request path (GET /health/ready,
# what a load balancer checks).
for i in 1 2 3; do
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(http "$i")/health/ready") == 200 ]]; do sleep 0.2; done
done
echo "{\"event\":\"started\",\"unix\":$(now)}" > "$out/events.jsonl"
fronts="http://127.0.0.1:$(http 1),http://127.0.0.1:$(http 2),http://127.0.0.1:$(http 3)"
warmup=()
if [[ ${WARMUP_PER_USER:-0} != 0 ]]; then
  warmup=(--warmup-per-user "$WARMUP_PER_USER" --warmup-rate "${WARMUP_RATE:-$rate}")
  if [[ ${GCDUMP:-0} == 1 || -n ${WARMUP_PAUSE:-} ]]; then warmup+=(--warmup-pause "${WARMUP_PAUSE:-60}"); fi
fi
"$kairos" soak --url "${URLS:-$fronts}" --metrics "$fronts" \
  --rate "$rate" --duration "$duration" --interval "${INTERVAL:-5}" --users "${USERS:-20000}" --seed 15 "${warmup[@]}" > "$out/soak.json" 2> "$out/soak.err" &
soak=$!
reports() {
  python3 "$here/soak-errors.py" "$out" > "$out/errors.json" || echo "soak-errors.py failed" >&2
  python3 "$here/soak-memory.py" "$out" > "$out/memory.json" || echo "soak-memory.py failed" >&2
}
if (( ${#warmup[@]} )); then
  # the measured run starts when the soak says the warm-up is done (every warm-up request answered)
  until grep -q "soak warm-up done" "$out/soak.err" 2> /dev/null; do kill -0 "$soak" 2> /dev/null || break; sleep 0.2; done
  echo "{\"event\":\"warm-up done\",\"unix\":$(now)}" >> "$out/events.jsonl"
  if [[ ${GCDUMP:-0} == 1 ]]; then gcdumps start; fi   # inside the pause, without load
  until grep -q "soak measured run starts" "$out/soak.err" 2> /dev/null; do kill -0 "$soak" 2> /dev/null || break; sleep 0.2; done
  echo "{\"event\":\"measured start\",\"unix\":$(now)}" >> "$out/events.jsonl"
elif [[ ${GCDUMP:-0} == 1 ]]; then
  gcdumps start & dumping=$!   # no warm-up: at the start, beside the load, so the kill stays at KILL_AT
fi
end_of_run() {
  wait "$soak"; soak=
  echo "{\"event\":\"soak done\",\"unix\":$(now)}" >> "$out/events.jsonl"
  if [[ ${GCDUMP:-0} == 1 ]]; then [[ -n ${dumping:-} ]] && { wait "$dumping" || true; }; gcdumps end; fi
  reports
}
if [[ $kill_at == none ]]; then end_of_run; exit 0; fi
sleep "$kill_at"
kill -9 "$(cat "$out/silo3.pid")"
echo "{\"event\":\"kill silo 3\",\"unix\":$(now)}" >> "$out/events.jsonl"
sleep $((restart_at - kill_at))
echo "{\"event\":\"restart silo 3\",\"unix\":$(now)}" >> "$out/events.jsonl"
start_silo 3
echo "{\"event\":\"silo 3 ready\",\"unix\":$(now)}" >> "$out/events.jsonl"
end_of_run
