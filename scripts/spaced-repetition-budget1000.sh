#!/usr/bin/env bash
# Retrains the paper-input spaced-repetition TPPRL policy to 1,000 reviews per student and evaluates it against the
# baselines bisected to its budget (docs/spaced-repetition.md, "wait-then-burst start").
# Usage: scripts/spaced-repetition-budget1000.sh [policy.json]   (KAIROS overrides how the CLI is started)
set -euo pipefail
cd "$(dirname "$0")/.."
KAIROS=${KAIROS:-"dotnet run -c Release --project src/Kairos.Cli --"}
OUT=${1:-kairos-models/spaced-repetition-budget1000.tpprl.json}
mkdir -p "$(dirname "$OUT")"
$KAIROS train spaced-repetition --budget 1000 --hidden 16 --init-burst 0.4 --init-burst-sharpness 20 --iterations 2000 --lr 0.005 --eval-every 100 --checkpoint-every 500 --seed 1 --out "$OUT" --json
$KAIROS evaluate spaced-repetition --policies "tpprl:$OUT,uniform,memorize,threshold,cram,oracle" --episodes 100 --seed 42 --json
