#!/usr/bin/env bash
# Ingestion benchmark (docs/performance.md): generates a batch of N bids under /tmp (never in
# the repository), then times cbscore's validated ingestion into models against libxml2's own
# validated and unvalidated streaming reads of the same file, and records peak memory.
# Needs: hyperfine, xmllint (libxml2-utils), GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
BIDS="${BIDS:-100000}"
RUNS="${RUNS:-5}"
OUT="${OUT:-/tmp/cbscore-ingestion}"
mkdir -p "$OUT"
FILE="$OUT/bids-$BIDS.xml"

swift build -c release --product cbscore-generate >/dev/null
swift build -c release --product cbscore-read >/dev/null
BIN="$(swift build -c release --show-bin-path)"
[ -f "$FILE" ] || "$BIN/cbscore-generate" --bids "$BIDS" --seed 7 --output "$FILE"
ls -l "$FILE"
SCHEMA="../schemas/bid.xsd"

hyperfine --warmup 1 --runs "$RUNS" --export-markdown "$OUT/hyperfine.md" \
    -n "cbscore-read (validated, into models)" "$BIN/cbscore-read $FILE" \
    -n "xmllint --stream --schema (validated)" "xmllint --stream --noout --schema $SCHEMA $FILE" \
    -n "xmllint --stream (not validated)" "xmllint --stream --noout $FILE"

for command in "$BIN/cbscore-read $FILE" "xmllint --stream --noout --schema $SCHEMA $FILE" \
               "xmllint --stream --noout $FILE"; do
    /usr/bin/time -f "%M KB peak, %U s user, %e s wall: $command" $command >/dev/null 2>"$OUT/time.txt" || true
    tail -1 "$OUT/time.txt"
done
