#!/usr/bin/env bash
# HTTP throughput of the topic market (API and page) on the demo community, next to an axum
# hello-world measured in the same run, then sustained booking throughput. The market answers
# from its cache (store::market_cache) except for the last, caller-specific search.
# Needs wrk (Debian: apt-get install wrk). Usage: bench/http.sh [DURATION_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
connections=64

cargo build --release -q -p peerlearn -p peerlearn-web --examples --bins
bin=target/release
work=$(mktemp -d)
cleanup() { kill "${server:-}" "${hello:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

"$bin/peerlearn" demo --no-serve --database-url "sqlite://$work/bench.db" >/dev/null 2>&1
PEERLEARN_LOG=warn "$bin/peerlearn" serve --database-url "sqlite://$work/bench.db" --bind 127.0.0.1:18180 &
server=$!
"$bin/examples/hello_http" 18181 &
hello=$!
for _ in $(seq 1 50); do curl -fs http://127.0.0.1:18180/healthz >/dev/null 2>&1 && break; sleep 0.1; done

token=$(curl -fs -X POST http://127.0.0.1:18180/api/v1/tokens -H 'content-type: application/json' \
  -d '{"email":"member@demo.peerlearn.dev","password":"peerlearn-demo"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
jar="$work/cookies"
csrf=$(curl -fs -c "$jar" http://127.0.0.1:18180/signin | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
curl -fs -b "$jar" -c "$jar" -o /dev/null -X POST http://127.0.0.1:18180/signin \
  --data-urlencode "csrf=$csrf" --data-urlencode "email=member@demo.peerlearn.dev" --data-urlencode "password=peerlearn-demo"
session=$(awk '$6 == "pl_session" {print $7}' "$jar")

run() {
  local name=$1; shift
  echo "== $name"
  wrk -t2 -c"$connections" -d"${duration}s" --latency "$@" | grep -E "Requests/sec|  99%|  50%|Non-2xx"
}
echo "machine: $(nproc) cores; $connections connections; ${duration}s each; wrk on the same machine"
run "axum hello-world" http://127.0.0.1:18181/
run "API: GET /api/v1/communities/1/topics?q=python" -H "Authorization: Bearer $token" \
  "http://127.0.0.1:18180/api/v1/communities/1/topics?q=python"
run "API: GET /api/v1/communities/1/topics (newest)" -H "Authorization: Bearer $token" \
  "http://127.0.0.1:18180/api/v1/communities/1/topics"
run "page: /c/1/topics?q=python" -H "Cookie: pl_session=$session" "http://127.0.0.1:18180/c/1/topics?q=python"
# "Only times I am free" depends on the caller, so it is never served from the market cache:
# this is the database's own speed.
run "API, uncached: GET /api/v1/communities/1/topics?q=python&free=true" -H "Authorization: Bearer $token" \
  "http://127.0.0.1:18180/api/v1/communities/1/topics?q=python&free=true"

echo "== bookings"
"$bin/examples/booking_load" --hosts 400 --concurrency 64
