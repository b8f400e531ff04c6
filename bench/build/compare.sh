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
# --no-hugo leaves Hugo out (at 100,000 pages it needs more memory than
# these machines have); --keep leaves the sites in place for profiling
# (STORYFRONT_BENCH_SITE=.../theme go test ./generator -bench BuildSite).
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
keep=0
pos=()
while (($#)); do
  case "$1" in
  --pages) pages="$2"; shift 2 ;;
  --pages=*) pages="${1#*=}"; shift ;;
  --runs) runs="$2"; shift 2 ;;
  --runs=*) runs="${1#*=}"; shift ;;
  --no-hugo) hugo=0; shift ;;
  --keep) keep=1; shift ;;
  -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
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

# run NAME: one clean build; appends "seconds kib cpu-seconds" to $work/NAME.times
run() {
  case "$1" in
  storyfront)
    rm -rf "$work/sf/public"
    /usr/bin/time -f '%e %M %U %S' -o "$work/last" "$work/storyfront" build -q -s "$work/sf" >/dev/null ;;
  theme)
    rm -rf "$work/theme/public"
    /usr/bin/time -f '%e %M %U %S' -o "$work/last" "$work/storyfront" build -q -s "$work/theme" >/dev/null ;;
  hugo)
    ((hugo)) || return 0
    rm -rf "$work/hugo/public"
    /usr/bin/time -f '%e %M %U %S' -o "$work/last" hugo --quiet -s "$work/hugo" >/dev/null ;;
  esac
  tail -n 1 "$work/last" | awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' >>"$work/$1.times"
}

tools=(storyfront theme hugo)
reset() { for t in "${tools[@]}"; do : >"$work/$t.times"; done; }
reset
for t in "${tools[@]}"; do run "$t"; done     # warm-up, discarded
reset
for i in $(seq "$runs"); do
  for t in "${tools[@]}"; do run "$t"; done
  echo "run $i: storyfront $(tail -n1 "$work/storyfront.times")  theme $(tail -n1 "$work/theme.times")  hugo $(tail -n1 "$work/hugo.times" 2>/dev/null)  (s KiB cpu-s)" >&2
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print 0; else print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
files() { if [[ -d "$1" ]]; then find "$1" -type f | wc -l; else echo 0; fi; }
col() { cut -d' ' -f"$2" "$work/$1.times" | median; }
printf 'pages %d, %d runs each, medians (tmpfs, clean builds, interleaved)\n' "$pages" "$runs"
printf '%-20s %8s %9s %8s %8s\n' "" "wall s" "peak MiB" "cpu s" "files"
line() { awk -v n="$1" -v t="$2" -v m="$3" -v c="$4" -v f="$5" 'BEGIN {printf "%-20s %8.2f %9.0f %8.2f %8d\n", n, t, m/1024, c, f}'; }
line "storyfront (ref)" "$(col storyfront 1)" "$(col storyfront 2)" "$(col storyfront 3)" "$(files "$work/sf/public")"
line "storyfront (theme)" "$(col theme 1)" "$(col theme 2)" "$(col theme 3)" "$(files "$work/theme/public")"
if ((hugo)); then
  line "hugo (ref)" "$(col hugo 1)" "$(col hugo 2)" "$(col hugo 3)" "$(files "$work/hugo/public")"
  awk -v st="$(col storyfront 1)" -v tt="$(col theme 1)" -v ht="$(col hugo 1)" -v sm="$(col storyfront 2)" -v tm="$(col theme 2)" -v hm="$(col hugo 2)" 'BEGIN {
    printf "ratio to hugo (ref), time: storyfront (ref) %.2f, storyfront (theme) %.2f\n", st/ht, tt/ht
    printf "ratio to hugo (ref), memory: storyfront (ref) %.2f, storyfront (theme) %.2f\n", sm/hm, tm/hm
  }'
fi
((keep)) && echo "sites kept in $work (sf, theme, hugo)" >&2 || rm -rf "$work"
