#!/usr/bin/env bash
# Scheduling engine benchmark: public instances against the CP-SAT reference, checked by both
# validators, then a generated 100,000-request instance measured with /usr/bin/time.
#
#   [THREADS=2] bench/schedule_bench.sh [BENCH_DIR]
#
# BENCH_DIR holds reference.jsonl, instances/, validate.py and gen_instance.py
# (default: bench/scheduling, else ../shared/bench/scheduling). Instances with other seeds are
# generated and compared with bench/schedule_generated_reference.jsonl (CP-SAT, 60 s) where it
# has a result, else with our own bound.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-}"
if [[ -z "$dir" ]]; then
  for d in bench/scheduling ../shared/bench/scheduling; do
    if [[ -f "$d/reference.jsonl" ]]; then dir="$d"; break; fi
  done
fi
threads="${THREADS:-2}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
cargo build --release -q -p peerlearn-engine --example schedule_bench --example schedule_solve
out="$(mktemp -d)"

echo "== public instances (time limit: 1 % of CP-SAT's time, at most 2 s; solutions in $out)"
"$CARGO_TARGET_DIR/release/examples/schedule_bench" --dir "$dir" --threads "$threads" --out "$out" --python

echo "== python validator on each solution"
for f in "$dir"/instances/*.json; do
  stem="$(basename "$f" .json)"
  printf '%s: ' "$stem"
  python3 "$dir/validate.py" "$f" "$out/$stem.solution.json"
done

echo "== other seeds (2 and 3) of the public sizes: limits as for the public instance of the same size"
gen="$out/generated"
mkdir -p "$gen/instances"
for m in 50 200 400 1000 5000; do
  for s in 2 3; do
    python3 "$dir/gen_instance.py" --meetings "$m" --seed "$s" -o "$gen/instances/m${m}_s${s}.json"
  done
done
"$CARGO_TARGET_DIR/release/examples/schedule_bench" --dir "$dir" --instances "$gen/instances" \
  --refs bench/schedule_generated_reference.jsonl --threads "$threads" --out "$gen" --python

echo "== generated 100,000-request instance (30 s, peak memory)"
big="$out/m100000_s7.json"
python3 "$dir/gen_instance.py" --meetings 100000 --seed 7 -o "$big"
/usr/bin/time -v "$CARGO_TARGET_DIR/release/examples/schedule_solve" "$big" -o "$out/m100000_s7.solution.json" \
  --time-limit 28 --threads "$threads" 2>&1 | grep -E "parse |Maximum resident|Elapsed"
python3 "$dir/validate.py" "$big" "$out/m100000_s7.solution.json"
