#!/usr/bin/env bash
# Full-build comparison of Storyfront with Hugo on the shared corpus.
#
# Usage: bench/build/compare.sh [PAGES] [RUNS]     (defaults: 10000 pages, 5 runs)
#
# Method (../../../shared/bench/README.md): everything in tmpfs (/dev/shm);
# clean builds (output folder removed first); the two tools interleaved
# A B A B; one warm-up round discarded; RUNS counted runs each; medians,
# the ratio Storyfront/Hugo, and peak RSS from GNU time.
# Needs: go, hugo (Debian package), /usr/bin/time (package time).
set -euo pipefail
pages="${1:-10000}"
runs="${2:-5}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
shared="${SHARED_BENCH:-$(cd "$repo/../shared/bench" 2>/dev/null && pwd || echo /work/shared/bench)}"
work="${BENCH_DIR:-/dev/shm}/storyfront-compare-$pages"

command -v hugo >/dev/null || { echo "compare.sh: hugo not found (apt-get install -y hugo)" >&2; exit 1; }
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

(cd "$repo" && go build -o "$work/storyfront" ./cmd/storyfront)

# run NAME: one clean build; appends "seconds kib" to $work/NAME.times
run() {
  case "$1" in
  storyfront)
    rm -rf "$work/sf/public"
    /usr/bin/time -f '%e %M' -o "$work/last" "$work/storyfront" build -q -s "$work/sf" >/dev/null ;;
  hugo)
    rm -rf "$work/hugo/public"
    /usr/bin/time -f '%e %M' -o "$work/last" hugo --quiet -s "$work/hugo" >/dev/null ;;
  esac
  tail -n 1 "$work/last" >>"$work/$1.times"
}

: >"$work/storyfront.times"
: >"$work/hugo.times"
run storyfront; run hugo            # warm-up, discarded
: >"$work/storyfront.times"
: >"$work/hugo.times"
for i in $(seq "$runs"); do
  run storyfront
  run hugo
  echo "run $i: storyfront $(tail -n1 "$work/storyfront.times")  hugo $(tail -n1 "$work/hugo.times")  (s KiB)" >&2
done

# Outputs, to show like is compared with like.
sf_files=$(find "$work/sf/public" -type f | wc -l)
hugo_files=$(find "$work/hugo/public" -type f | wc -l)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
sf_t=$(cut -d' ' -f1 "$work/storyfront.times" | median)
hu_t=$(cut -d' ' -f1 "$work/hugo.times" | median)
sf_m=$(cut -d' ' -f2 "$work/storyfront.times" | median)
hu_m=$(cut -d' ' -f2 "$work/hugo.times" | median)
awk -v p="$pages" -v r="$runs" -v st="$sf_t" -v ht="$hu_t" -v sm="$sf_m" -v hm="$hu_m" -v sf="$sf_files" -v hf="$hugo_files" 'BEGIN {
  printf "pages %d, %d runs each, medians (tmpfs, clean builds, interleaved)\n", p, r
  printf "storyfront  %6.2f s  %7.0f MiB peak RSS  %d files\n", st, sm/1024, sf
  printf "hugo        %6.2f s  %7.0f MiB peak RSS  %d files\n", ht, hm/1024, hf
  printf "ratio storyfront/hugo: time %.2f, memory %.2f\n", st/ht, sm/hm
}'
rm -rf "$work"
