#!/usr/bin/env bash
# Several processes writing one PostgreSQL store (docs/store.md, "Figures"):
#   1. four `cbscore-server returns import` processes at once, each importing the same 200
#      returns (4 contracts × 50 quarters) in its own order;
#   2. importers killed with SIGKILL at random moments (ROUNDS rounds), the store checked after
#      each kill, then one import to finish;
# and, for the copy, every `cbscore monitor` report of a SQLite store against the same store
# copied to PostgreSQL and back. Prints the figures. Needs a PostgreSQL server:
#   PGURL=$(.ci/start-postgres 55432 /tmp/cbscore-pg) Benchmarks/scripts/store-concurrency.sh
# Uses the debug build (.build/debug/cbscore, cbscore-server) unless BIN is set.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${PGURL:?set PGURL to a PostgreSQL server URL, e.g. \$(.ci/start-postgres)}"
BIN=${BIN:-.build/debug}
ROUNDS=${ROUNDS:-10}
AREAS=${AREAS:-../shared/data/simd2020v2}
work=$(mktemp -d /tmp/cbscore-concurrency.XXXXXX)
server=${PGURL%/*}
newdb() { local name="cbscore_bench_$1_$$"; psql -q "$PGURL" -c "CREATE DATABASE $name" >/dev/null; echo "$server/$name"; }
q() { psql -qtA "$1" -c "$2"; }

# 200 return files: a hire, a spend and a leaver each.
mkdir -p "$work/returns"
for c in A B C D; do
  for n in $(seq 0 49); do
    y=$((2000 + n / 4)); qn=$((n % 4 + 1)); start=$(printf '%d-%02d-01' $y $((3 * qn - 2)))
    case $qn in 1) end=$y-03-31;; 2) end=$y-06-30;; 3) end=$y-09-30;; 4) end=$y-12-31;; esac
    cat > "$work/returns/C-$c-$y-Q$qn.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<DeliveryReturn xmlns="urn:cbscore:return:1" contract="C-$c" period="$y-Q$qn">
  <Submitted>$end</Submitted>
  <Hire ref="J1" person="P-$c-$n" start="$start" fte="1.0" hourlyRate="13.60"/>
  <SupplyChainSpend ref="S1" kind="sme" amount="$((1000 + n)).25"/>
  <Leaver person="P-$c-$(( n > 3 ? n - 3 : 0 ))" date="$end"/>
</DeliveryReturn>
XML
  done
done
files=("$work"/returns/*.xml)

# Four contracts awarded with the CLI into SQLite, then copied to PostgreSQL.
base="$work/base.sqlite"
for c in A B C D; do
  "$BIN/cbscore" contracts award fixtures/monitoring/bid-B-031-02-awarded.xml --tender fixtures/monitoring/tender-GCR-2026-031.xml \
      --contract "C-$c" --start 2000-01-01 --end 2012-06-30 --areas "$AREAS" --db "$base" >/dev/null
done

check() {  # URL ALLOW_MISSING: each return stored once with its 3 items, summaries present
  local url=$1
  local dup partial current total
  dup=$(q "$url" "SELECT count(*) FROM (SELECT contract_id, period FROM returns GROUP BY 1, 2 HAVING count(*) > 1) d")
  partial=$(q "$url" "SELECT count(*) FROM returns r WHERE (SELECT count(*) FROM return_items i WHERE i.return_id = r.id) <> 3")
  current=$(q "$url" "SELECT count(*) FROM returns WHERE superseded_by IS NOT NULL")
  total=$(q "$url" "SELECT count(*) FROM returns")
  if [ "$dup$partial$current" != "000" ]; then echo "FAIL: duplicates $dup, partial $partial, superseded $current" >&2; exit 1; fi
  if [ "$2" = no ] && [ "$total" != 200 ]; then echo "FAIL: $total returns, not 200" >&2; exit 1; fi
  echo "$total"
}

echo "== four processes, each importing the same 200 returns in its own order"
url=$(newdb four)
"$BIN/cbscore-server" store copy --from "$base" --to "$url" >/dev/null
t0=$(date +%s.%N)
pids=()
for i in 1 2 3 4; do
  printf '%s\n' "${files[@]}" | shuf --random-source=<(yes $i) | xargs "$BIN/cbscore-server" returns import --database-url "$url" \
      > "$work/importer-$i.log" 2>&1 &
  pids+=($!)
done
status=0; for p in "${pids[@]}"; do wait "$p" || status=1; done
t1=$(date +%s.%N)
echo "exit status of the four: $status; wall time $(echo "$t1 - $t0" | bc) s"
echo "returns stored: $(check "$url" no); import log: $(q "$url" "SELECT result || ' ' || count(*) FROM import_log GROUP BY result ORDER BY result" | tr '\n' ',')"
echo "lock, serialization or deadlock errors printed: $(cat "$work"/importer-*.log | grep -ci 'lock\|serializ\|deadlock' || true)"

echo "== importers killed with SIGKILL at random moments ($ROUNDS rounds, two importers a round)"
url=$(newdb kill)
"$BIN/cbscore-server" store copy --from "$base" --to "$url" >/dev/null
killed=0
for r in $(seq 1 "$ROUNDS"); do
  # Each importer reads its 200 files (about a second) before the first import; kill after 1 to 9 s.
  (printf '%s\n' "${files[@]}" | shuf | xargs "$BIN/cbscore-server" returns import --database-url "$url" >/dev/null 2>&1 || true) 2>/dev/null & a=$!
  (printf '%s\n' "${files[@]}" | shuf | xargs "$BIN/cbscore-server" returns import --database-url "$url" >/dev/null 2>&1 || true) 2>/dev/null & b=$!
  sleep "$(shuf -i 1-8 -n 1).$(shuf -i 0-9 -n 1)"
  for importer in $(pgrep -f "^$BIN/cbscore-server returns import .*$url" || true); do
    kill -KILL "$importer" 2>/dev/null && killed=$((killed + 1))
  done
  wait $a $b 2>/dev/null || true
  echo "round $r: $(check "$url" yes) returns stored, each whole"
done
"$BIN/cbscore-server" returns import "${files[@]}" --database-url "$url" >/dev/null
echo "importers killed: $killed; after a last import: $(check "$url" no) returns, each exactly once"

echo "== monitor reports: SQLite against a copy to PostgreSQL and back"
story="$work/story.sqlite"
"$BIN/cbscore" contracts award fixtures/monitoring/bid-B-031-02-awarded.xml --tender fixtures/monitoring/tender-GCR-2026-031.xml \
    --contract C-2026-0311 --start 2026-07-01 --end 2027-06-30 --areas "$AREAS" --db "$story" >/dev/null
for f in return-2026-Q4-resubmitted return-2026-Q3 return-2026-Q4 return-2027-Q2 return-2027-Q1; do
  "$BIN/cbscore" returns import "fixtures/monitoring/$f.xml" --areas "$AREAS" --db "$story" >/dev/null
done
url=$(newdb copy)
"$BIN/cbscore-server" store copy --from "$story" --to "$url" >/dev/null
"$BIN/cbscore-server" store copy --from "$url" --to "$work/back.sqlite" >/dev/null
same=0; differ=0
for asof in 2026-06-30 2026-10-01 2026-12-31 2027-03-31 2027-06-30; do
  for fmt in text json csv html; do
    for what in C-2026-0311 ""; do
      "$BIN/cbscore" monitor $what --as-of $asof --format $fmt --areas "$AREAS" --db "$story" > "$work/a" 2>&1
      "$BIN/cbscore" monitor $what --as-of $asof --format $fmt --areas "$AREAS" --db "$work/back.sqlite" > "$work/b" 2>&1
      if cmp -s "$work/a" "$work/b"; then same=$((same + 1)); else differ=$((differ + 1)); fi
    done
  done
done
echo "reports byte-identical: $same of $((same + differ))"
rm -rf "$work"
