#!/usr/bin/env bash
# Full-build comparison of Storyfront with Hugo on the shared corpus.
#
# Usage: bench/build/compare.sh [--pages N] [--runs N] [--no-hugo] [--keep]
#        bench/build/compare.sh [PAGES] [RUNS]      (defaults: 10000 pages, 5 runs)
#
# Three builds of the same corpus: Hugo's reference site, its Storyfront
# twin (site/: the engine with layouts like Hugo's) and the corpus as users
# run it, with the default theme (theme-site/: every page a story under
# content/stories/, pagers, tags, related stories, feeds, forms).
# --no-hugo leaves Hugo out. Hugo needs about 0.22 MiB a page (2.1 GiB at
# 10,000): when MemAvailable is below that estimate plus 1 GiB, the script
# leaves Hugo out by itself and says so (--hugo runs it anyway). --keep
# leaves the sites in place for profiling
# (STORYFRONT_BENCH_SITE=.../theme go test ./generator -bench BuildSite).
# At the end it prints one table: wall and CPU seconds, peak RSS, files.
# The corpus dates its pages three hours apart from 2016: past 29,000 pages
# they reach into the future, so both tools build with future pages
# included (--future, --buildFuture), or 100,000 pages would be 32,000.
#
# Method (../../../shared/bench/README.md): everything in tmpfs (/dev/shm);
# clean builds (output folder removed first); the two tools interleaved
# A B A B; one warm-up round discarded; RUNS counted runs each; medians,
# the ratio Storyfront/Hugo, and peak RSS from GNU time.
# Needs: go, hugo (Debian package), /usr/bin/time (package time).
set -euo pipefail
pages=10000
runs=5
hugo=1
forcehugo=0
keep=0
pos=()
while (($#)); do
  case "$1" in
  --pages) pages="$2"; shift 2 ;;
  --pages=*) pages="${1#*=}"; shift ;;
  --runs) runs="$2"; shift 2 ;;
  --runs=*) runs="${1#*=}"; shift ;;
  --no-hugo) hugo=0; shift ;;
  --hugo) forcehugo=1; shift ;;
  --keep) keep=1; shift ;;
  -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
  -*) echo "compare.sh: unknown flag $1" >&2; exit 2 ;;
  *) pos+=("$1"); shift ;;
  esac
done
((${#pos[@]} > 0)) && pages="${pos[0]}"
((${#pos[@]} > 1)) && runs="${pos[1]}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
shared="${SHARED_BENCH:-$(cd "$repo/../shared/bench" 2>/dev/null && pwd || echo /work/shared/bench)}"
work="${BENCH_DIR:-/dev/shm}/storyfront-compare-$pages"

if ((hugo && !forcehugo)); then
  avail=$(awk '/^MemAvailable:/ {print int($2 / 1024)}' /proc/meminfo 2>/dev/null || echo 0)
  need=$((pages * 22 / 100 + 1024))
  if ((avail > 0 && avail < need)); then
    echo "compare.sh: Hugo left out: it would need about $need MiB at $pages pages, $avail MiB available (--hugo runs it anyway)" >&2
    hugo=0
  fi
fi
((hugo == 0)) || command -v hugo >/dev/null || { echo "compare.sh: hugo not found (apt-get install -y hugo)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "compare.sh: /usr/bin/time not found (apt-get install -y time)" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work"
echo "corpus: $pages pages -> $work" >&2
"$shared/gen-corpus.sh" "$pages" "$work/corpus" >&2

# The two sites: Hugo's reference site and its Storyfront twin, same content.
cp -r "$shared/hugo-site" "$work/hugo"
chmod -R u+w "$work/hugo"
rm -rf "$work/hugo/content"
cp -r "$work/corpus" "$work/hugo/content"
cp -r "$here/site" "$work/sf"
rm -rf "$work/sf/content"
cp -r "$work/corpus" "$work/sf/content"
cp -r "$here/theme-site" "$work/theme"
mkdir -p "$work/theme/themes" "$work/theme/content"
cp -r "$repo/themes/default" "$work/theme/themes/default"
mv "$work/corpus" "$work/theme/content/stories"

(cd "$repo" && go build -o "$work/storyfront" ./cmd/storyfront)

files() { if [[ -d "$1" ]]; then find "$1" -type f | wc -l; else echo 0; fi; }

# run NAME: one clean build; appends "seconds kib cpu-seconds" to
# $work/NAME.times and the number of files it wrote to $work/NAME.files.
# Its output is removed afterwards (unless --keep): at 100,000 pages the
# three outputs would hold several GiB of tmpfs.
run() {
  local site
  case "$1" in
  storyfront) site="$work/sf" ;;
  theme) site="$work/theme" ;;
  hugo) ((hugo)) || return 0; site="$work/hugo" ;;
  esac
  rm -rf "$site/public"
  case "$1" in
  hugo) /usr/bin/time -f '%e %M %U %S' -o "$work/last" hugo --quiet --buildFuture -s "$site" >/dev/null ;;
  *) /usr/bin/time -f '%e %M %U %S' -o "$work/last" "$work/storyfront" build -q --future -s "$site" >/dev/null ;;
  esac
  tail -n 1 "$work/last" | awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' >>"$work/$1.times"
  files "$site/public" >"$work/$1.files"
  ((keep)) || rm -rf "$site/public"
}

tools=(storyfront theme hugo)
reset() { for t in "${tools[@]}"; do : >"$work/$t.times"; done; }
reset
load0=$(cut -d' ' -f1-3 /proc/loadavg)
for t in "${tools[@]}"; do run "$t"; done     # warm-up, discarded
cp "$work/theme.times" "$work/theme-cold.times"  # shown apart: the first build draws every share card
reset
for i in $(seq "$runs"); do
  for t in "${tools[@]}"; do run "$t"; done
  echo "run $i: storyfront $(tail -n1 "$work/storyfront.times")  theme $(tail -n1 "$work/theme.times")  hugo $(tail -n1 "$work/hugo.times" 2>/dev/null)  (s KiB cpu-s)" >&2
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print 0; else print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
col() { cut -d' ' -f"$2" "$work/$1.times" | median; }
printf 'pages %d, %d runs each, medians (tmpfs, clean builds, interleaved)\n' "$pages" "$runs"
printf '%-20s %8s %9s %8s %8s\n' "" "wall s" "peak MiB" "cpu s" "files"
line() { awk -v n="$1" -v t="$2" -v m="$3" -v c="$4" -v f="$5" 'BEGIN {printf "%-20s %8.2f %9.0f %8.2f %8d\n", n, t, m/1024, c, f}'; }
line "storyfront (ref)" "$(col storyfront 1)" "$(col storyfront 2)" "$(col storyfront 3)" "$(cat "$work/storyfront.files")"
line "storyfront (theme)" "$(col theme 1)" "$(col theme 2)" "$(col theme 3)" "$(cat "$work/theme.files")"
line "theme, cold cache" "$(col theme-cold 1)" "$(col theme-cold 2)" "$(col theme-cold 3)" "$(cat "$work/theme.files")"
if ((hugo)); then
  line "hugo (ref)" "$(col hugo 1)" "$(col hugo 2)" "$(col hugo 3)" "$(cat "$work/hugo.files")"
  awk -v st="$(col storyfront 1)" -v tt="$(col theme 1)" -v ht="$(col hugo 1)" -v sm="$(col storyfront 2)" -v tm="$(col theme 2)" -v hm="$(col hugo 2)" 'BEGIN {
    printf "ratio to hugo (ref), time: storyfront (ref) %.2f, storyfront (theme) %.2f\n", st/ht, tt/ht
    printf "ratio to hugo (ref), memory: storyfront (ref) %.2f, storyfront (theme) %.2f\n", sm/hm, tm/hm
  }'
fi
printf 'load average (1, 5, 15 min) at the start: %s; at the end: %s; %d cores\n' "$load0" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)"
((keep)) && echo "sites kept in $work (sf, theme, hugo)" >&2 || rm -rf "$work"
