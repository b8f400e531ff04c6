#!/usr/bin/env bash
# Scaling table: compare.sh at 1,000, 10,000, 50,000 and 100,000 pages,
# one after the other, unattended, then one table of every row with each
# size's wall and CPU seconds as a multiple of the 10,000-page figures
# (the issue's "100,000 pages within 10.5x the 10,000-page time").
#
# Usage: bench/build/scale.sh [--sizes "1000 10000 50000 100000"] [--runs N] [--large-runs N] [--hugo-large]
#
# Sizes up to 10,000 run with Hugo beside Storyfront (compare.sh's
# interleaved rounds, RUNS counted, default 3); larger ones run
# Storyfront only (--no-hugo: Hugo needs ~0.22 MiB a page), one counted
# build after the warm-up (--large-runs), unless --hugo-large. Each
# compare.sh's own table is kept in $BENCH_DIR/scale-N.txt (default
# /dev/shm). Takes about 15 minutes on a quiet 2-core machine.
set -euo pipefail
sizes="1000 10000 50000 100000"
runs=3
large_runs=1
hugo_large=0
while (($#)); do
  case "$1" in
  --sizes) sizes="$2"; shift 2 ;;
  --runs) runs="$2"; shift 2 ;;
  --large-runs) large_runs="$2"; shift 2 ;;
  --hugo-large) hugo_large=1; shift ;;
  -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
  *) echo "scale.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${BENCH_DIR:-/dev/shm}"
mkdir -p "$out"

for n in $sizes; do
  args=(--pages "$n" --runs "$runs")
  if ((n > 10000)); then
    args=(--pages "$n" --runs "$large_runs")
    ((hugo_large)) || args+=(--no-hugo)
  fi
  echo "scale.sh: $n pages: compare.sh ${args[*]}" >&2
  bash "$here/compare.sh" "${args[@]}" | tee "$out/scale-$n.txt"
done

# One row per size and column from the tables compare.sh printed.
awk -v sizes="$sizes" '
  FNR == 1 { split(FILENAME, p, /scale-|\.txt/); n = p[2] }
  /^storyfront \(ref\)|^storyfront \(theme\)|^hugo \(ref\)/ {
    name = $1 " " $2
    wall[n, name] = $3; mib[n, name] = $4; cpu[n, name] = $5; files[n, name] = $6
  }
  /^load average/ { load[n] = $0; sub(/^load average \(1, 5, 15 min\) /, "", load[n]) }
  END {
    split(sizes, s, " ")
    printf "\n%-8s %-20s %8s %9s %8s %8s %9s %9s\n", "pages", "", "wall s", "peak MiB", "cpu s", "files", "wall/10k", "cpu/10k"
    split("storyfront (ref)|storyfront (theme)|hugo (ref)", names, "|")
    for (i = 1; i in s; i++) for (j = 1; j in names; j++) {
      n = s[i]; name = names[j]
      if (!((n, name) in wall)) continue
      w = "-"; c = "-"
      if ((10000, name) in wall && wall[10000, name] > 0) {
        w = sprintf("%.2f", wall[n, name] / wall[10000, name]); c = sprintf("%.2f", cpu[n, name] / cpu[10000, name])
      }
      printf "%-8d %-20s %8.2f %9d %8.2f %8d %9s %9s\n", n, name, wall[n, name], mib[n, name], cpu[n, name], files[n, name], w, c
    }
    for (i = 1; i in s; i++) if (s[i] in load) printf "%d pages: %s\n", s[i], load[s[i]]
  }' $(for n in $sizes; do echo "$out/scale-$n.txt"; done)
printf '%d cores; compare.sh tables in %s/scale-N.txt\n' "$(nproc)" "$out"
