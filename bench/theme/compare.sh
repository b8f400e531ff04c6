#!/usr/bin/env bash
# Full-build comparison of Storyfront with Hugo on a real Hugo theme:
# the Ananke example site (generator/testdata/hugothemes/ananke: theme
# v2.9.2 unmodified, its exampleSite in English and French) with the
# shared corpus poured into its English blog section (content/en/post/,
# beside the six chapters).
#
# Usage: bench/theme/compare.sh [--pages N] [--runs R] [--no-check] [--keep]
#        (defaults: 10000 pages, 5 runs)
#
# The same site folder is built by both tools, as a theme user would:
# HUGO_ENV=production (Ananke then fingerprints its CSS) and Dart Sass on
# PATH (its CSS goes through toCSS; found on PATH, else installed with
# npm ci under internal/testpart/testdata/sass, as CI does). Both build
# future pages too (the corpus dates past 29,000 pages reach into the
# future).
#
# Before timing, the warm-up builds are compared (scripts/sitecompare): the
# same output paths (fingerprints aside) and the share of HTML pages with the
# same visible text; --no-check skips that. --keep leaves the site in place
# for profiling (storyfront build --profile -s DIR/site).
#
# Method (../../../shared/bench/README.md): everything in tmpfs (/dev/shm);
# clean builds (output folder removed first); the two tools interleaved
# A B A B; one warm-up round discarded; R counted runs each; medians of
# wall seconds, CPU seconds (user + system) and peak RSS from GNU time, and
# the ratio Storyfront/Hugo. The load average is printed: the machine may
# be shared, which is why CPU seconds are shown beside wall time.
# Needs: go, hugo (Debian package, 0.111.3), /usr/bin/time (package time).
set -euo pipefail
pages=10000
runs=5
check=1
keep=0
while (($#)); do
  case "$1" in
  --pages) pages="$2"; shift 2 ;;
  --pages=*) pages="${1#*=}"; shift ;;
  --runs) runs="$2"; shift 2 ;;
  --runs=*) runs="${1#*=}"; shift ;;
  --no-check) check=0; shift ;;
  --keep) keep=1; shift ;;
  -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
  *) echo "compare.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
shared="${SHARED_BENCH:-$(cd "$repo/../shared/bench" 2>/dev/null && pwd || echo /work/shared/bench)}"
fixture="$repo/generator/testdata/hugothemes/ananke"
work="${BENCH_DIR:-/dev/shm}/storyfront-theme-$pages"

command -v hugo >/dev/null || { echo "compare.sh: hugo not found (apt-get install -y hugo)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "compare.sh: /usr/bin/time not found (apt-get install -y time)" >&2; exit 1; }
if ! command -v sass >/dev/null; then
  sassdir="$repo/internal/testpart/testdata/sass"
  if ! compgen -G "$sassdir/node_modules/sass-embedded-*/dart-sass/sass" >/dev/null; then
    echo "compare.sh: Dart Sass not on PATH: npm ci --prefix $sassdir" >&2
    npm ci --prefix "$sassdir" --no-audit --no-fund --loglevel=error >&2
  fi
  sassbin=$(compgen -G "$sassdir/node_modules/sass-embedded-*/dart-sass/sass" | head -n 1)
  export PATH="$(dirname "$sassbin"):$PATH"
fi
export HUGO_ENV=production HUGO_ENVIRONMENT=production

rm -rf "$work"
mkdir -p "$work"
echo "site: Ananke example site + $pages corpus pages in content/en/post/ -> $work/site" >&2
cp -r "$fixture" "$work/site"
"$shared/gen-corpus.sh" "$pages" "$work/site/content/en/post/corpus" >&2
(cd "$repo" && go build -o "$work/storyfront" ./cmd/storyfront && go build -o "$work/sitecompare" ./scripts/sitecompare)

# run TOOL OUT: one clean build into OUT; appends "seconds kib cpu-seconds"
# to $work/TOOL.times and the number of files written to $work/TOOL.files.
run() {
  local out="$2"
  rm -rf "$out"
  case "$1" in
  hugo) /usr/bin/time -f '%e %M %U %S' -o "$work/last" hugo --quiet --buildFuture -s "$work/site" -d "$out" --cacheDir "$work/hugo-cache" >/dev/null ;;
  storyfront) /usr/bin/time -f '%e %M %U %S' -o "$work/last" "$work/storyfront" build -q --future -s "$work/site" -d "$out" >/dev/null ;;
  esac
  tail -n 1 "$work/last" | awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' >>"$work/$1.times"
  find "$out" -type f | wc -l >"$work/$1.files"
}

tools=(storyfront hugo)
load0=$(cut -d' ' -f1-3 /proc/loadavg)
for t in "${tools[@]}"; do run "$t" "$work/out-$t"; done # warm-up, discarded
if ((check)); then
  echo "== the warm-up builds compared (hugo, storyfront)" >&2
  { "$work/sitecompare" -min 0.9 "$work/out-hugo" "$work/out-storyfront" | head -n 40 >&2; } ||
    echo "compare.sh: the outputs differ (above)" >&2
fi
for t in "${tools[@]}"; do : >"$work/$t.times"; rm -rf "$work/out-$t"; done
for i in $(seq "$runs"); do
  for t in "${tools[@]}"; do
    run "$t" "$work/out-$t"
    rm -rf "$work/out-$t" # tmpfs holds one output at a time
  done
  echo "run $i: storyfront $(tail -n1 "$work/storyfront.times")  hugo $(tail -n1 "$work/hugo.times")  (s KiB cpu-s)" >&2
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print 0; else print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
col() { cut -d' ' -f"$2" "$work/$1.times" | median; }
printf 'Ananke example site + %d corpus pages, %d runs each, medians (tmpfs, clean builds, interleaved)\n' "$pages" "$runs"
printf '%-12s %8s %8s %9s %8s\n' "" "wall s" "cpu s" "peak MiB" "files"
for t in "${tools[@]}"; do
  awk -v n="$t" -v w="$(col "$t" 1)" -v c="$(col "$t" 3)" -v m="$(col "$t" 2)" -v f="$(cat "$work/$t.files")" \
    'BEGIN {printf "%-12s %8.2f %8.2f %9.0f %8d\n", n, w, c, m/1024, f}'
done
awk -v sw="$(col storyfront 1)" -v hw="$(col hugo 1)" -v sc="$(col storyfront 3)" -v hc="$(col hugo 3)" \
  -v sm="$(col storyfront 2)" -v hm="$(col hugo 2)" \
  'BEGIN {printf "%-12s %8.2f %8.2f %9.2f\n", "ratio", sw/hw, sc/hc, sm/hm}'
printf 'load average (1, 5, 15 min) at the start: %s; at the end: %s; %d cores\n' "$load0" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)"
if ((keep)); then echo "site kept in $work/site" >&2; else rm -rf "$work"; fi
