#!/usr/bin/env bash
# Load on the service over loopback: requests per second and p99 latency with 50 concurrent
# clients (wrk, 2 threads) for three routes, on SQLite and on PostgreSQL:
#   progress  GET /api/v1/contracts/C-2026-0311/progress?asOf=2027-06-30 (read, delivered points scored)
#   ranking   GET /api/v1/rankings/ID (the stored cbscore.result/1 of the 8-bid fixture tender)
#   returns   POST /api/v1/contracts/C-2026-0311/returns (a new submission each time: the write path)
# Usage: Benchmarks/scripts/server-benchmark.sh [SECONDS] [POSTGRES_URL]
# Needs wrk and curl (apt-get install wrk curl) and a release build of cbscore-server; with a
# PostgreSQL URL (e.g. from .ci/start-postgres) it creates a database per run there.
# CBSCORE_SERVER=PATH names another build of cbscore-server.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
pg=${2:-}
bin=${CBSCORE_SERVER:-.build/release/cbscore-server}
[ -x "$bin" ] || swift build -c release --product cbscore-server
port=18080

run_backend() {
    local name=$1; shift
    if curl -fs http://127.0.0.1:$port/healthz >/dev/null 2>&1; then echo "port $port is in use" >&2; exit 1; fi
    "$bin" demo --port $port "$@" >/tmp/cbscore-bench-$name.log 2>&1 &
    local pid=$!
    trap "kill -TERM $pid 2>/dev/null || true" EXIT
    for _ in $(seq 1 600); do curl -fs http://127.0.0.1:$port/healthz >/dev/null 2>&1 && break; sleep 0.1; done
    local headers
    headers=$(mktemp)
    local body
    body=$(curl -s -D "$headers" -H 'Content-Type: application/json' \
        -d '{"email":"manager@demo.cbscore.test","password":"demo-manager-2026"}' http://127.0.0.1:$port/api/v1/session)
    export COOKIE CSRF
    COOKIE=$(grep -i '^set-cookie:' "$headers" | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//')
    CSRF=$(printf '%s' "$body" | tr -d '\n' | sed 's/.*"csrf": *"\([0-9a-f]*\)".*/\1/')
    local ranking
    ranking=$(curl -s -H "Cookie: $COOKIE" http://127.0.0.1:$port/api/v1/tenders/GCR-2026-014 \
        | tr -d '\n' | sed 's/.*"rankings": *\[ *{ *"id": *"\([^"]*\)".*/\1/')
    echo "== $name"
    for route in progress ranking returns; do
        local url script
        case $route in
            progress) url="/api/v1/contracts/C-2026-0311/progress?asOf=2027-06-30"; script=server-get.lua ;;
            ranking) url="/api/v1/rankings/$ranking"; script=server-get.lua ;;
            returns) url="/api/v1/contracts/C-2026-0311/returns?name=bench.xml"; script=server-returns.lua ;;
        esac
        echo "-- $route: $url"
        wrk -t2 -c50 -d${seconds}s --latency -s Benchmarks/scripts/$script "http://127.0.0.1:$port$url" \
            | grep -E 'Requests/sec|Latency  |99%|Non-2xx|requests in|Socket errors'
    done
    kill -TERM $pid
    wait $pid || true
    rm -f "$headers"
}

run_backend sqlite
if [ -n "$pg" ]; then
    db="cbscore_bench_$$"
    psql_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    server=${pg%/*}
    "$psql_bin/createdb" -h "$(echo "$server" | sed 's|.*@||; s|:.*||')" -p "$(echo "$server" | sed 's|.*:||')" \
        -U "$(echo "$server" | sed 's|postgres://||; s|@.*||')" "$db"
    run_backend postgres --database-url "$server/$db"
fi
