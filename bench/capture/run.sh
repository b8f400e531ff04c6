#!/usr/bin/env bash
# Capture throughput: `storyfront capture serve` on 127.0.0.1 driven by wrk
# with valid urlencoded leads (unique idempotency keys), with the SQLite
# file on tmpfs (/dev/shm) and on disk, alternating, RUNS times each after
# one discarded warm-up. Two loads per medium:
#   max   - wrk -c$CONNS flat out: the throughput ceiling (latency is then
#           mostly queueing: 32 connections always waiting);
#   paced - wrk -c$PACED_CONNS, each connection pausing so that the offered
#           load is at most $RATE/s (wrk pauses in whole ms, so a bit
#           less): the latency at a given rate, e.g. the 5,000/s target.
# After each run it checks that the database holds every lead answered 201
# (it may hold a few more: requests in flight when wrk stops are stored but
# not counted).
#
# Usage: bench/capture/run.sh            (from the repository root)
# Env:   RUNS=5 DURATION=10s THREADS=2 CONNS=32 RATE=8000 PACED_CONNS=64 DISK_DIR=/var/tmp
#        STORYFRONT=path/to/prebuilt/binary (default: go build ./cmd/storyfront)
set -euo pipefail
trap 'echo "run.sh: line $LINENO failed; server log:" >&2; tail -5 "$work/log" >&2 2>/dev/null || true' ERR
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-5} DURATION=${DURATION:-10s} THREADS=${THREADS:-2} CONNS=${CONNS:-32}
RATE=${RATE:-8000} PACED_CONNS=${PACED_CONNS:-64}
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

# one_run LABEL DIR CONNS PAUSE_MS: fresh db in DIR, serve, load, verify;
# prints one line.
one_run() {
  local label=$1 dir=$2 conns=$3 pause=$4 db=$2/leads-$RANDOM.db port=$((20000 + RANDOM % 20000))
  rm -f "$db" "$db-wal" "$db-shm" "$work/out"
  STORYFRONT_IP_SALT=bench /usr/bin/time -f '%e %M' -o "$work/time" \
    "$bin" capture serve -s bench/capture/site --addr "127.0.0.1:$port" --db "$db" >"$work/out" 2>"$work/log" &
  server_pid=$!
  for _ in $(seq 100); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.05; done
  grep -q listening "$work/out" || { cat "$work/log" >&2; exit 1; }
  local result
  result=$(wrk -t"$THREADS" -c"$conns" -d"$DURATION" --latency -s bench/capture/lead.lua "http://127.0.0.1:$port" -- "$pause" | grep '^RESULT')
  pkill -TERM -P "$server_pid"; wait "$server_pid" || true; server_pid=""
  local rss_kb stored created
  rss_kb=$(awk '{print $2}' "$work/time")
  stored=$("$bin" leads --db "$db" report | awk 'NR==1{print $1}')
  created=$(sed -E 's/.*created=([0-9]+).*/\1/' <<<"$result")
  local check=ok
  if [ "$stored" -lt "$created" ] || [ "$stored" -gt $((created + conns)) ]; then check="MISMATCH"; fi
  echo "$label ${result#RESULT } stored=$stored check=$check rss_mb=$((rss_kb / 1024))"
  rm -f "$db" "$db-wal" "$db-shm"
}

pause=$((PACED_CONNS * 1000 / RATE))
echo "# storyfront capture serve, wrk -t$THREADS -d$DURATION; max: -c$CONNS; paced: -c$PACED_CONNS, ${pause} ms pause; $(nproc) cores"
one_run warmup "$work" "$CONNS" 0 >/dev/null
for i in $(seq "$RUNS"); do
  one_run tmpfs-max "$work" "$CONNS" 0
  one_run disk-max "$disk" "$CONNS" 0
  one_run tmpfs-paced "$work" "$PACED_CONNS" "$pause"
  one_run disk-paced "$disk" "$PACED_CONNS" "$pause"
done | tee "$work/results"
median() { sort -n | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
for label in tmpfs-max disk-max tmpfs-paced disk-paced; do
  for key in rps p99_ms rss_mb; do
    echo "$label median $key=$(grep "^$label " "$work/results" | tr ' ' '\n' | grep "^$key=" | cut -d= -f2 | median)"
  done
done
if grep -q MISMATCH "$work/results"; then echo "stored count does not match the 201 count" >&2; exit 1; fi
