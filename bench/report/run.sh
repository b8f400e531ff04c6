#!/usr/bin/env bash
# leads report over N realistic leads (bench/report/gen) in a SQLite file on
# tmpfs: `storyfront leads report` (text) and `leads report --html`, RUNS
# times each, interleaved, after one discarded warm-up of each; prints the
# median wall time and the median peak RSS (GNU time). Targets: <= 2 s and
# <= 300 MiB at N=1,000,000.
#
# Usage: bench/report/run.sh [N] [RUNS]      (from the repository root; default 1000000 5)
# Env:   KEEP_DB=path  reuse (or keep) the generated database there
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000000} RUNS=${2:-5}
command -v /usr/bin/time >/dev/null || { echo "GNU time is not installed (apt-get install time)" >&2; exit 1; }
work=$(mktemp -d /dev/shm/sf-report-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
go build -o "$work/storyfront" ./cmd/storyfront
db=${KEEP_DB:-$work/leads.db}
if [ ! -e "$db" ]; then
  /usr/bin/time -f "generated in %e s, peak RSS %M KB" go run ./bench/report/gen -n "$N" -db "$db"
fi
ls -l "$db"

# one KIND: prints "seconds KB" for one report run.
one() {
  local args=(leads report --db "$db")
  [ "$1" = html ] && args+=(--html "$work/report.html")
  /usr/bin/time -f "%e %M" -o "$work/time" "$work/storyfront" "${args[@]}" >"$work/out" 2>/dev/null
  cat "$work/time"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

one text >/dev/null; one html >/dev/null # warm-up, discarded
: >"$work/text"; : >"$work/html"
for _ in $(seq "$RUNS"); do
  one text >>"$work/text"
  one html >>"$work/html"
done
for kind in text html; do
  s=$(cut -d' ' -f1 "$work/$kind" | median)
  kb=$(cut -d' ' -f2 "$work/$kind" | median)
  printf "leads report (%s), %s leads: median %s s, median peak RSS %s MiB over %s runs\n" "$kind" "$N" "$s" $((kb / 1024)) "$RUNS"
done
head -3 "$work/out"
