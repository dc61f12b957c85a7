#!/usr/bin/env bash
# Portfolio report through the CLI (docs/performance-monitoring.md): times
# `cbscore monitor --as-of DATE --format json` on the generated stores of 2,500, 5,000 and
# 10,000 contracts x 12 returns, RUNS times each, with peak memory, user CPU and wall time,
# and the load average at each run (the machine is shared: give medians).
# The stores are those the MonitoringBenchmarks write in the temporary folder
# (cbscore-bench-report-N.sqlite); run `swift package benchmark --target MonitoringBenchmarks`
# once first. A store written before the v2 migration is migrated (summaries built, once) by
# the warm-up run. Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${RUNS:-5}"
AS_OF="${AS_OF:-2029-06-30}"
STORES="${STORES:-${TMPDIR:-/tmp}}"
OUT="${OUT:-/tmp/cbscore-monitoring}"
mkdir -p "$OUT"

swift build -c release --product cbscore >/dev/null
BIN="$(swift build -c release --show-bin-path)/cbscore"
for n in 2500 5000 10000; do
    DB="$STORES/cbscore-bench-report-$n.sqlite"
    [ -f "$DB" ] || { echo "no store $DB: run the MonitoringBenchmarks first" >&2; continue; }
    "$BIN" monitor --db "$DB" --as-of "$AS_OF" --format json -o "$OUT/portfolio-$n.json"  # warm-up
    for run in $(seq 1 "$RUNS"); do
        /usr/bin/time -f "%M KB peak, %U s user, %e s wall" -o "$OUT/time.txt" \
            "$BIN" monitor --db "$DB" --as-of "$AS_OF" --format json -o "$OUT/portfolio-$n.json"
        echo "$n contracts, run $run: $(cat "$OUT/time.txt"), load $(cut -d' ' -f1 /proc/loadavg)"
    done
done
