#!/usr/bin/env bash
# Runs every fuzz target one after another for SECONDS each (default 600), logs in
# LOGDIR (default /tmp): cbscore-fuzz-TARGET.log. Builds once first.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-600}"
logs="${2:-/tmp}"
"$here/run.sh" build || exit 1
for target in ${CBSCORE_FUZZ_TARGETS:-rules generated-schemes areas-csv xml-bid xml-tender xml-return}; do
    CBSCORE_FUZZ_NO_BUILD=1 "$here/run.sh" "$target" "$seconds" > "$logs/cbscore-fuzz-$target.log" 2>&1
    echo "$target exit $?" >> "$logs/cbscore-fuzz-summary.log"
done
