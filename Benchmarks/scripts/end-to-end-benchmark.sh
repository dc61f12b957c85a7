#!/usr/bin/env bash
# End-to-end benchmark (docs/performance.md): ingestion (issue 2) and ranking (issue 5) of a
# generated batch of N bids, each command run RUNS times; prints the median wall time, the
# median CPU time (user + system, all threads) and the largest peak memory, then the ratios
# the issues set targets for. Everything large is written under /tmp, never in the repository.
# Needs: xmllint (libxml2-utils), GNU time (/usr/bin/time), python3; the full area tables in
# ../shared/data (the generated bids name real codes from all three indices).
# FORMATS (default "text csv json") picks the rank formats; FORMATS="" measures ingestion only.
set -euo pipefail
cd "$(dirname "$0")/.."
BIDS="${BIDS:-100000}"
RUNS="${RUNS:-5}"
OUT="${OUT:-/tmp/cbscore-ingestion}"
AREAS="${AREAS:-../../shared/data}"
FORMATS="${FORMATS-text csv json}"
mkdir -p "$OUT"
FILE="$OUT/bids-$BIDS.xml"

swift build -c release --product cbscore-generate >/dev/null
swift build -c release --product cbscore-read >/dev/null
BIN="$(swift build -c release --show-bin-path)"
(cd .. && swift build -c release --product cbscore >/dev/null)
CBSCORE="$(cd .. && swift build -c release --show-bin-path)/cbscore"
[ -f "$FILE" ] || "$BIN/cbscore-generate" --bids "$BIDS" --seed 7 --output "$FILE"
SCHEMA="../schemas/bid.xsd"
TENDER="../fixtures/gcr-2026-014/tender.xml"
RESULTS="$OUT/end-to-end.tsv"
: > "$RESULTS"

measure() {  # name, command...
    local name="$1"; shift
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" "$@" >/dev/null
        printf '%s\t%s\n' "$name" "$(cat "$OUT/time.txt")" >> "$RESULTS"
    done
}

echo "file: $FILE ($(du -m "$FILE" | cut -f1) MB), $RUNS runs each, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
measure "xmllint --stream (not validated)" xmllint --stream --noout "$FILE"
measure "xmllint --stream --schema (validated)" xmllint --stream --noout --schema "$SCHEMA" "$FILE"
measure "cbscore-read (validated, into models)" "$BIN/cbscore-read" "$FILE"
measure "cbscore validate --quiet" "$CBSCORE" validate --quiet "$FILE"
for format in $FORMATS; do
    measure "cbscore rank --format $format" "$CBSCORE" rank "$TENDER" "$FILE" --areas "$AREAS" \
        --format "$format" --output "$OUT/rank.$format"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$RESULTS" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, figures = line.rstrip("\n").split("\t")
    wall, user, system, peak = figures.split()
    rows.setdefault(name, []).append((float(wall), float(user) + float(system), int(peak)))
summary = {n: (statistics.median(w for w, _, _ in r), statistics.median(c for _, c, _ in r),
               max(p for _, _, p in r)) for n, r in rows.items()}
print("| command | wall, median | CPU (user + sys), median | peak memory |")
print("|---|---:|---:|---:|")
for name, (wall, cpu, peak) in summary.items():
    print(f"| {name} | {wall:.2f} s | {cpu:.2f} s | {peak / 1024:.1f} MB |")
def ratio(a, b):
    (wa, ca, _), (wb, cb, _) = summary[a], summary[b]
    print(f"- {a} / {b}: {wa / wb:.2f}x wall, {ca / cb:.2f}x CPU")
validated = "xmllint --stream --schema (validated)"
ratio("cbscore-read (validated, into models)", validated)
ratio("cbscore validate --quiet", validated)
for format in ("text", "csv", "json"):
    if f"cbscore rank --format {format}" in summary:
        ratio(f"cbscore rank --format {format}", "cbscore validate --quiet")
PY
