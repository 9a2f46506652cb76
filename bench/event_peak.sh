#!/usr/bin/env bash
# The event peak: a demo community of N members (built once and cached on disk), 1,000
# distinct members signed in, `peerlearn serve` under the break-rush mix from 64 clients, and
# an axum hello-world measured in the same run (crates/web/examples/event_peak).
#
# Usage: bench/event_peak.sh [--members 10000] [--seconds 10] [--clients 64] [--signed-in 1000]
#                            [--postgres]
# --postgres runs on PostgreSQL: EVENT_PEAK_POSTGRES_URL names the server (default
# postgres://postgres@127.0.0.1:5432); the demo is built once into a template database and each
# run gets a fresh copy of it. On SQLite each run gets a fresh copy of the cached file.
# The demo's event starts the day after it is built, so the cache is kept for one day.
set -euo pipefail
cd "$(dirname "$0")/.."

members=10000 seconds=10 clients=64 signed_in=1000 postgres=
while [ $# -gt 0 ]; do
  case "$1" in
    --members) members=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --signed-in) signed_in=$2; shift 2 ;;
    --postgres) postgres=1; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

cargo build --release -q -p peerlearn -p peerlearn-web --example event_peak --example hello_http --bins
bin=target/release
cache=target/event-peak
mkdir -p "$cache"
day=$(date -u +%Y%m%d)

if [ -n "$postgres" ]; then
  server=${EVENT_PEAK_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}
  template="peak_demo_${members}_${day}"
  run_db="peak_run_${members}"
  if [ -z "$(psql "$server/postgres" -Atc "SELECT 1 FROM pg_database WHERE datname = '$template'")" ]; then
    echo "building the demo community of $members members on PostgreSQL (once a day)…" >&2
    psql "$server/postgres" -qc "CREATE DATABASE $template"
    "$bin/peerlearn" demo --no-serve --members "$members" --database-url "$server/$template" >/dev/null
  fi
  psql "$server/postgres" -qc "DROP DATABASE IF EXISTS $run_db" -c "CREATE DATABASE $run_db TEMPLATE $template"
  url="$server/$run_db"
else
  demo="$cache/demo-$members-$day.db"
  if [ ! -f "$demo" ]; then
    echo "building the demo community of $members members on SQLite (once a day)…" >&2
    "$bin/peerlearn" demo --no-serve --members "$members" --database-url "sqlite://$demo.tmp" >/dev/null
    # Fold the write-ahead log into the file (a large log slows every read); without sqlite3,
    # the log belongs with the file: they are moved and copied together.
    if command -v sqlite3 >/dev/null; then
      sqlite3 "$demo.tmp" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
    fi
    for suffix in -wal -shm ""; do
      if [ -f "$demo.tmp$suffix" ]; then mv "$demo.tmp$suffix" "$demo$suffix"; fi
    done
  fi
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  for suffix in "" -wal -shm; do
    if [ -f "$demo$suffix" ]; then cp "$demo$suffix" "$work/peak.db$suffix"; fi
  done
  url="sqlite://$work/peak.db"
fi

echo "event peak: $members members, $signed_in signed in, $clients clients, ${seconds}s; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin/examples/event_peak" --server "$bin/peerlearn" --hello "$bin/examples/hello_http" \
  --database-url "$url" --signed-in "$signed_in" --clients "$clients" --seconds "$seconds"
