#!/usr/bin/env bash
# Trains TPPRL with per-item memory inputs on the FSRS-6 student to each budget and draws the budget curves (recall at
# the test against reviews per student) with every baseline and TPPRL (docs/spaced-repetition.md, "TPPRL with per-item
# memory inputs"). The policies shipped in data/models were made by these train commands (data/models/NOTICE.md).
# Usage: scripts/spaced-repetition-fsrs-curves.sh [model-dir]   (KAIROS overrides how the CLI is started)
set -euo pipefail
cd "$(dirname "$0")/.."
KAIROS=${KAIROS:-"dotnet run -c Release --project src/Kairos.Cli --"}
DIR=${1:-kairos-models}
mkdir -p "$DIR"
for ENV in spaced-repetition-fsrs-memory spaced-repetition-fsrs-retention-memory; do
  for B in 50 75 100 150 200 300 400 500; do
    ITERATIONS=500; [ "$B" = 100 ] || [ "$B" = 200 ] && ITERATIONS=700; [ "$B" -ge 300 ] && ITERATIONS=400
    RATE=$(awk "BEGIN { printf \"%.4f\", $B / 14 }")
    nice -n 10 $KAIROS train "$ENV" --budget "$B" --initial-rate "$RATE" --lr 0.01 --budget-step 0.002 --action-cost 1e-4 \
      --iterations "$ITERATIONS" --seed 1 --out "$DIR/$ENV-budget$B.tpprl.json" --json
  done
done
$KAIROS budget-curve spaced-repetition-fsrs --budgets 50,75,100,150,200,300,400,500 --episodes 100 --seed 42 --json \
  --policies "uniform,memorize,threshold,cram,fsrs,tpprl:$DIR/spaced-repetition-fsrs-memory-budget{budget}.tpprl.json,tpprl:data/models/spaced-repetition-fsrs-timed-budget{budget}.tpprl.json" \
  --plot docs/img/spaced-repetition-fsrs.png
$KAIROS budget-curve spaced-repetition-fsrs-retention --budgets 50,75,100,150,200,300,400,500 --episodes 100 --seed 42 --json \
  --policies "uniform,memorize,threshold,cram,fsrs,tpprl:$DIR/spaced-repetition-fsrs-retention-memory-budget{budget}.tpprl.json" \
  --plot docs/img/spaced-repetition-fsrs-retention.png
