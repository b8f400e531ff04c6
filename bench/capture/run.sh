#!/usr/bin/env bash
# Capture throughput: `storyfront capture serve` on 127.0.0.1 driven by wrk
# with valid urlencoded leads (unique idempotency keys), once with the
# SQLite file on tmpfs (/dev/shm) and once on disk, alternating, RUNS times
# each after one discarded warm-up. After each run it checks that the
# database holds every lead answered 201 (it may hold a few more: requests
# in flight when wrk stops are stored but not counted).
#
# Usage: bench/capture/run.sh            (from the repository root)
# Env:   RUNS=5 DURATION=10s THREADS=2 CONNS=32 DISK_DIR=/var/tmp
#        STORYFRONT=path/to/prebuilt/binary (default: go build ./cmd/storyfront)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-5} DURATION=${DURATION:-10s} THREADS=${THREADS:-2} CONNS=${CONNS:-32}
DISK_DIR=${DISK_DIR:-/var/tmp}
work=$(mktemp -d /dev/shm/sf-capture-bench.XXXXXX)
disk=$(mktemp -d "$DISK_DIR/sf-capture-bench.XXXXXX")
server_pid=""
cleanup() { [ -n "$server_pid" ] && pkill -TERM -P "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work" "$disk"; }
trap cleanup EXIT

bin=${STORYFRONT:-}
if [ -z "$bin" ]; then
  bin=$work/storyfront
  go build -o "$bin" ./cmd/storyfront
fi
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
port=$((20000 + RANDOM % 20000))

# one_run LABEL DIR: fresh db in DIR, serve, load, verify; prints one line.
one_run() {
  local label=$1 dir=$2 db=$2/leads-$RANDOM.db
  rm -f "$db" "$db-wal" "$db-shm"
  STORYFRONT_IP_SALT=bench /usr/bin/time -f '%e %M' -o "$work/time" \
    "$bin" capture serve -s bench/capture/site --addr "127.0.0.1:$port" --db "$db" >"$work/out" 2>"$work/log" &
  server_pid=$!
  for _ in $(seq 100); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.05; done
  grep -q listening "$work/out" || { cat "$work/log" >&2; exit 1; }
  local result
  result=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s bench/capture/lead.lua "http://127.0.0.1:$port" | grep '^RESULT')
  pkill -TERM -P "$server_pid"; wait "$server_pid" || true; server_pid=""
  local rss_kb stored created
  rss_kb=$(awk '{print $2}' "$work/time")
  stored=$("$bin" leads --db "$db" report | awk 'NR==1{print $1}')
  created=$(sed -E 's/.*created=([0-9]+).*/\1/' <<<"$result")
  local check=ok
  if [ "$stored" -lt "$created" ] || [ "$stored" -gt $((created + CONNS)) ]; then check="MISMATCH"; fi
  echo "$label ${result#RESULT } stored=$stored check=$check rss_mb=$((rss_kb / 1024))"
  rm -f "$db" "$db-wal" "$db-shm"
}

echo "# storyfront capture serve, wrk -t$THREADS -c$CONNS -d$DURATION, $(nproc) cores"
one_run warmup "$work" >/dev/null
for i in $(seq "$RUNS"); do
  one_run tmpfs "$work"
  one_run disk "$disk"
done | tee "$work/results"
median() { sort -n | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
for label in tmpfs disk; do
  for key in rps p99_ms rss_mb; do
    echo "$label median $key=$(grep "^$label " "$work/results" | tr ' ' '\n' | grep "^$key=" | cut -d= -f2 | median)"
  done
done
if grep -q MISMATCH "$work/results"; then echo "stored count does not match the 201 count" >&2; exit 1; fi
