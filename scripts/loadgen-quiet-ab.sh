#!/bin/bash
# The quiet-machine mixed load (scripts/loadgen-quiet-mixed.sh: fresh SQLite store, warm-up, 3 runs at 10,000 then 3 at
# 4,000 requests/s, 100,000 users) for each build named on the command line (NAME=DIR, DIR a Release output folder
# holding kairos.dll), ROUNDS (1) times, alternating; each build uses its own generator. JSON in $OUT/NAME-ROUND/.
# Hold the measurement lock:  flock /work/measure.lock -c 'OUT=/tmp/qab scripts/loadgen-quiet-ab.sh main=/tmp/main s19=/tmp/s19'
set -u
out=${OUT:-loadgen-quiet-ab}; rounds=${ROUNDS:-1}
here=$(dirname "$0")
for round in $(seq 1 "$rounds"); do
  for build in "$@"; do
    name=${build%%=*}; dir=${build#*=}
    OUT="$out/$name-$round" BUILD="$dir" bash "$here/loadgen-quiet-mixed.sh"
  done
done
