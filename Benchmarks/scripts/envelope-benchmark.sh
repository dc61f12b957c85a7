#!/usr/bin/env bash
# Envelope benchmark (docs/performance.md): ranks (`cbscore rank --format text`, release build)
# a folder of N single-bid files
# and the folder of the same N bids in UBL envelopes, for each N in SIZES, each RUNS times;
# prints the median wall and CPU time, per bid and per MB, and the largest peak memory. Time
# proportional to size shows as a flat time per bid and per MB across the sizes.
# Everything large is written under /tmp, never in the repository. Needs GNU time
# (/usr/bin/time), python3 and the full area tables in ../shared/data.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-1000 10000}"
RUNS="${RUNS:-3}"
OUT="${OUT:-/tmp/cbscore-envelopes}"
AREAS="${AREAS:-../../shared/data}"
TENDER="../fixtures/gcr-2026-014/tender.xml"
mkdir -p "$OUT"

swift build -c release --product cbscore-generate >/dev/null
swift build -c release --product cbscore-envelopes >/dev/null
BIN="$(swift build -c release --show-bin-path)"
# The CLI itself, built in release from the root package.
(cd .. && swift build -c release --product cbscore >/dev/null)
CLI="$(cd .. && swift build -c release --show-bin-path)/cbscore"
RESULTS="$OUT/envelopes.tsv"
: > "$RESULTS"

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $SIZES; do
    dir="$OUT/$n"
    if [ ! -d "$dir/envelopes" ]; then
        "$BIN/cbscore-generate" --bids "$n" --seed 7 --output "$OUT/batch-$n.xml"
        "$BIN/cbscore-envelopes" "$OUT/batch-$n.xml" "$TENDER" "$dir"
    fi
    for kind in bids envelopes; do
        mb=$(du -sm --apparent-size "$dir/$kind" | cut -f1)
        for _ in $(seq "$RUNS"); do
            /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" \
                "$CLI" rank "$TENDER" "$dir/$kind" --areas "$AREAS" --format text --exclude-invalid >/dev/null
            printf '%s\t%s\t%s\t%s\n' "$n" "$kind" "$mb" "$(cat "$OUT/time.txt")" >> "$RESULTS"
        done
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$RESULTS" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    n, kind, mb, figures = line.rstrip("\n").split("\t")
    wall, user, system, peak = figures.split()
    rows.setdefault((int(n), kind, int(mb)), []).append((float(wall), float(user) + float(system), int(peak)))
print("| files | kind | size | wall, median | CPU, median | wall per 1,000 files | wall per MB | peak memory |")
print("|---:|---|---:|---:|---:|---:|---:|---:|")
for (n, kind, mb), r in sorted(rows.items()):
    wall = statistics.median(w for w, _, _ in r)
    cpu = statistics.median(c for _, c, _ in r)
    peak = max(p for _, _, p in r)
    print(f"| {n:,} | {kind} | {mb} MB | {wall:.2f} s | {cpu:.2f} s | {wall / n * 1000:.2f} s | {wall / max(mb, 1):.2f} s | {peak / 1024:.0f} MB |")
PY
