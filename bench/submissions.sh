#!/usr/bin/env bash
# bench/submissions.sh — anonymous request submissions (POST /api/v1/requests) per second and the
# server's resident memory, on SQLite and on PostgreSQL (issue 15.2).
#
# What it measures
#   For each backend: a fresh data directory with one agency, `gongkai serve` on 127.0.0.1:$PORT,
#   then the load generator (crates/gongkai/examples/submit_load.rs): $CLIENTS tasks, each bound
#   to its own loopback address (127.0.1.x), posting back to back for $SECONDS s. Two runs:
#     capacity  anonymous_posts_per_minute lifted (what the server can acknowledge)
#     defaults  the shipped per-address limit (20/min): the rest is answered 429 at once
#   Prints acknowledged/s, 429/503/other/transport errors, latency, peak and final RSS, and the
#   load average before each run.
#     wrk       the capacity run again with wrk (bench/submit.lua, -t1 -c$CLIENTS), a load generator
#               that takes far less of the two cores than the Rust one; afterwards the requests
#               stored are counted and must equal wrk's 2xx answers. Peak RSS sampled every 100 ms.
#
# How to run
#   CARGO_TARGET_DIR=/work/target-bench cargo build --release -p gongkai --bin gongkai --example submit_load
#   bench/submissions.sh                 # both backends; PG at $PG (default the CI database server)
#
# Environment: BIN, LOAD (the example binary), WORK (default /tmp/gongkai-bench-submit), PORT (18095),
# CLIENTS (64), SECONDS (20), PG (postgres://postgres:postgres@127.0.0.1:5432), BACKENDS ("sqlite postgres").
set -euo pipefail

TARGET=${CARGO_TARGET_DIR:-/work/target-bench}
BIN=${BIN:-$TARGET/release/gongkai}
LOAD=${LOAD:-$TARGET/release/examples/submit_load}
WORK=${WORK:-/tmp/gongkai-bench-submit}
PORT=${PORT:-18095}
CLIENTS=${CLIENTS:-64}
SECONDS_=${SECONDS:-20}
PG=${PG:-postgres://postgres:postgres@127.0.0.1:5432}
BACKENDS=${BACKENDS:-sqlite postgres}
CODE=11500233000000001L

server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null || true' EXIT

run() { # backend, limit-line [wrk]
  local backend=$1 limit=$2 tool=${3:-rust} url=""
  rm -rf "$WORK/data" && mkdir -p "$WORK/data"
  printf '%s\n' "$limit" > "$WORK/data/gongkai.toml"
  if [ "$backend" = postgres ]; then
    psql "$PG/postgres" -qc "drop database if exists gongkai_bench" -qc "create database gongkai_bench" >/dev/null
    export GONGKAI_DATABASE_URL="$PG/gongkai_bench"
  else
    unset GONGKAI_DATABASE_URL
  fi
  "$BIN" --data "$WORK/data" agency add --name 浩县人民政府 --code $CODE >/dev/null
  GONGKAI_LOG=warn "$BIN" --data "$WORK/data" serve --addr 127.0.0.1:$PORT > "$WORK/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
  echo "== $backend, ${limit:-default limits}, $tool; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "$tool" = wrk ]; then
    local peak=0 rss out stored sent failed
    ( while kill -0 "$server" 2>/dev/null; do awk '/VmRSS/ {print $2}' "/proc/$server/status"; sleep 0.1; done ) > "$WORK/rss" &
    local sampler=$!
    out=$(CODE=$CODE wrk -t1 -c"$CLIENTS" -d"${SECONDS_}s" --latency -s "$(dirname "$0")/submit.lua" "http://127.0.0.1:$PORT" 2>&1)
    echo "$out" | grep -E '^   (wrk|latency)'
    kill "$sampler" 2>/dev/null || true
    peak=$(sort -n "$WORK/rss" | tail -1)
    echo "   server RSS peak: $((peak / 1024)) MB"
    if [ "$backend" = postgres ]; then
      stored=$(psql "$PG/gongkai_bench" -Atc "select count(*) from requests")
    else
      stored=$(sqlite3 "$WORK/data/gongkai.db" "select count(*) from requests")
    fi
    sent=$(echo "$out" | sed -nE 's/^ *([0-9]+) requests in .*/\1/p')
    failed=$(echo "$out" | sed -nE 's/.*non-2xx or errors: ([0-9]+).*/\1/p')
    echo "   stored: $stored; wrk's answered 2xx: $((sent - failed)) (a request still in flight at the end may be stored unanswered)"
  else
    "$LOAD" "http://127.0.0.1:$PORT" $CODE "$server" "$CLIENTS" "$SECONDS_"
  fi
  echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
}

for backend in $BACKENDS; do
  run "$backend" "anonymous_posts_per_minute = 100000000" wrk
  run "$backend" "anonymous_posts_per_minute = 100000000"
  run "$backend" ""
done
