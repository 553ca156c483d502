#!/usr/bin/env bash
# Score the coder on the shared gold files with the reference scorer (../shared/tools/score.py).
# Usage: scripts/score_dev.sh [seeds dev_ir dev_sentences]   (default: all three)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
out=${OUT:-/tmp/diplograph-score}
mkdir -p "$out"
for g in "${@:-seeds dev_ir dev_sentences}"; do
  for name in $g; do
    python3 "$shared/tools/predict.py" "$shared/gold/$name.jsonl" "$out/$name.pred" --diplograph .venv/bin/diplograph
    python3 "$shared/tools/score.py" "$shared/gold/$name.jsonl" "$out/$name.pred" --bootstrap 0 --errors "$out/$name.errors.jsonl" | sed "s/^/[$name] /"
  done
done
