#!/usr/bin/env bash
# Deploy benchmark: storyfront deploy against Hugo's `hugo deploy` (Debian
# hugo 0.111.3), both publishing the same built site to a local S3 server
# (versitygw, posix backend on tmpfs). Runs unattended; prints a table.
#
# Usage: bench/deploy/run.sh [PAGES] [RUNS]      (defaults: 10000 pages, 5 runs)
#
# Three buckets on one server:
#   sf-site    storyfront deploy --no-build of site sf/ (public/ built once)
#   hugo-site  hugo deploy of the same sf/public/
#   sfb-site   storyfront deploy (build + deploy) of sfb/, a copy of sf/
# Measured: the first deploy of each (every file uploaded), once; then the
# second deploy of the unchanged site: one warm-up round discarded, RUNS
# rounds of the three interleaved; medians of wall time, CPU time (user +
# sys of the deploying process), peak RSS (GNU time) and the S3 server's
# own CPU time during that deploy (/proc). Last, one story of sfb/ is
# edited and deployed: the files uploaded must be the files whose bytes
# changed in public/.
# Method as bench/build (../../../shared/bench/README.md). Needs: go,
# hugo, curl, python3, /usr/bin/time, versitygw (go install, as .ci/run
# does). BENCH_DIR (default /dev/shm) holds the work folder.
set -euo pipefail
pages="${1:-10000}"
runs="${2:-5}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
shared="${SHARED_BENCH:-$(cd "$repo/../shared/bench" 2>/dev/null && pwd || echo /work/shared/bench)}"
work="${BENCH_DIR:-/dev/shm}/storyfront-deploy-$pages"
export PATH="$(go env GOPATH)/bin:$PATH"
for c in hugo curl python3 versitygw /usr/bin/time; do
  command -v "$c" >/dev/null || { echo "run.sh: $c not found" >&2; exit 1; }
done
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

rm -rf "$work"
mkdir -p "$work/s3/buckets" "$work/s3/meta" "$work/log"
echo "corpus: $pages pages -> $work" >&2
"$shared/gen-corpus.sh" "$pages" "$work/corpus" >&2
cp -r "$repo/bench/build/site" "$work/sf"
rm -rf "$work/sf/content"
cp -r "$work/corpus" "$work/sf/content"
(cd "$repo" && go build -o "$work/storyfront" ./cmd/storyfront)

# The S3 server, stopped when the script ends.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
endpoint="http://127.0.0.1:$port"
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench-secret AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
versitygw --port "127.0.0.1:$port" --access bench --secret bench-secret --quiet \
  posix --sidecar "$work/s3/meta" "$work/s3/buckets" >"$work/log/s3.log" 2>&1 &
s3pid=$!
trap 'kill $s3pid 2>/dev/null; wait $s3pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -s -o /dev/null "$endpoint/" && break; sleep 0.1; done
for b in sf-site hugo-site sfb-site; do
  curl -sf --aws-sigv4 "aws:amz:us-east-1:s3" --user bench:bench-secret -X PUT \
    -H "x-amz-content-sha256: $(printf "" | sha256sum | cut -d" " -f1)" "$endpoint/$b" >/dev/null
done

# The sites: sf/ is built once and both sf and hugo publish its public/;
# sfb/ is the same site, built by each of its deploys.
cp -r "$work/sf" "$work/sfb"
cat >>"$work/sf/site.yaml" <<YAML
deploy:
  targets:
    - {name: bench, url: "s3://sf-site?endpoint=$endpoint"}
YAML
cat >>"$work/sfb/site.yaml" <<YAML
deploy:
  targets:
    - {name: bench, url: "s3://sfb-site?endpoint=$endpoint"}
YAML
"$work/storyfront" build -q -s "$work/sf"
mkdir -p "$work/hugo"
cat >"$work/hugo/hugo.toml" <<TOML
publishDir = "$work/sf/public"
[deployment]
[[deployment.targets]]
name = "bench"
URL = "s3://hugo-site?region=us-east-1&endpoint=$endpoint&s3ForcePathStyle=true&disableSSL=true"
TOML
files=$(find "$work/sf/public" -type f | wc -l)
size=$(du -sh "$work/sf/public" | cut -f1)
echo "site: $files files, $size" >&2

tck=$(getconf CLK_TCK)
s3cpu() { awk -v t="$tck" '{printf "%.2f", ($14 + $15) / t}' "/proc/$s3pid/stat"; }
# uploads NAME: the number of files the last deploy NAME uploaded.
uploads() {
  local out="$work/log/$1.out"
  if grep -q 'Identified [0-9]* file' "$out"; then   # hugo
    grep -o 'Identified [0-9]* file' "$out" | grep -o '[0-9]*'
  elif grep -q 'No changes required' "$out"; then   # hugo, nothing to do
    echo 0
  else                                               # storyfront's summary
    grep -o 'uploaded [0-9]*' "$out" | tail -n1 | grep -o '[0-9]*'
  fi
}
# timed NAME CMD...: runs CMD under GNU time; appends to log/NAME.rows
# "wall cpu rss_mib s3_cpu uploads".
timed() {
  local name=$1; shift
  local before after
  before=$(s3cpu)
  /usr/bin/time -f '%e %U %S %M' -o "$work/log/last" "$@" >"$work/log/$name.out" 2>&1 ||
    { cat "$work/log/$name.out" >&2; echo "run.sh: $name failed" >&2; exit 1; }
  after=$(s3cpu)
  read -r wall user sys rss <"$work/log/last"
  echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}') $((rss / 1024)) $(awk -v a="$before" -v b="$after" 'BEGIN {printf "%.2f", b - a}') $(uploads "$name")" >>"$work/log/$name.rows"
}
sf=("$work/storyfront" deploy -q --no-build -s "$work/sf" --max-deletes 0)
hg=(hugo deploy -s "$work/hugo" --maxDeletes 0 --workers 10)
sfb=("$work/storyfront" deploy -q -s "$work/sfb" --max-deletes 0)

echo "first deploys (every file uploaded)..." >&2
timed sf-first "${sf[@]}"
timed hugo-first "${hg[@]}"
timed sfb-first "${sfb[@]}"
echo "second deploys of the unchanged site: warm-up, then $runs rounds..." >&2
timed sf-warm "${sf[@]}"; timed hugo-warm "${hg[@]}"; timed sfb-warm "${sfb[@]}"
for i in $(seq "$runs"); do
  timed sf "${sf[@]}"
  timed hugo "${hg[@]}"
  timed sfb "${sfb[@]}"
  echo "  round $i (wall cpu MiB s3cpu uploads): storyfront $(tail -n1 "$work/log/sf.rows") | hugo $(tail -n1 "$work/log/hugo.rows") | storyfront build+deploy $(tail -n1 "$work/log/sfb.rows")" >&2
done

# One story edited in sfb/: the files whose bytes changed in public/, and
# the files deploy uploaded.
cp -r "$work/sfb/public" "$work/before"
story=$(find "$work/sfb/content" -name '*.md' ! -name '_index.md' | LC_ALL=C sort | sed -n 1p)
printf '\nOne more paragraph, added for the benchmark.\n' >>"$story"
timed sfb-edit "${sfb[@]}"
sums() { (cd "$1" && find . -type f ! -name '.*' -exec md5sum {} + | LC_ALL=C sort -k2); }
changed=$(diff <(sums "$work/before") <(sums "$work/sfb/public") | grep -c '^>' || true)
edit_up=$(uploads sfb-edit)
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
col() { cut -d' ' -f"$2" "$work/log/$1.rows" | median; }
row() { printf '%-36s %8s %8s %8s %9s %9s\n' "$1" "$(col "$2" 1)" "$(col "$2" 2)" "$(col "$2" 4)" "$(col "$2" 3)" "$(col "$2" 5)"; }
sf_wall=$(col sf 1)
echo
echo "deploy of a $pages-page site ($files files, $size) to versitygw on 127.0.0.1, tmpfs"
echo "load average at start $load_start, at end $load_end; $(nproc) CPUs"
printf '%-36s %8s %8s %8s %9s %9s\n' "" "wall s" "CPU s" "S3 CPU s" "peak MiB" "uploaded"
echo "unchanged site, median of $runs:"
row "  storyfront deploy --no-build" sf
row "  hugo deploy" hugo
row "  storyfront deploy (build + deploy)" sfb
echo "first deploy (every file):"
row "  storyfront deploy --no-build" sf-first
row "  hugo deploy" hugo-first
row "  storyfront deploy (build + deploy)" sfb-first
echo "after editing $(basename "$(dirname "$story")")/$(basename "$story") in sfb/:"
row "  storyfront deploy (build + deploy)" sfb-edit
echo "  files whose bytes changed in public/: $changed; uploaded: $edit_up -> $([ "$changed" = "$edit_up" ] && echo "only the changed files" || echo "MISMATCH")"
echo "ratio storyfront/hugo, unchanged, wall: $(awk -v a="$sf_wall" -v b="$(col hugo 1)" 'BEGIN { printf "%.2f", a / b }'), CPU: $(awk -v a="$(col sf 2)" -v b="$(col hugo 2)" 'BEGIN { printf "%.2f", a / b }')"
echo "target: unchanged second deploy uploads 0 files in <= 5 s: --no-build $sf_wall s, $(col sf 5) files: $(awk -v w="$sf_wall" -v u="$(col sf 5)" 'BEGIN { print (w <= 5 && u == 0) ? "met" : "NOT met" }')"
if awk '$5 != 0 {found = 1} END {exit !found}' "$work/log/sfb.rows"; then
  echo "note: some rebuilds of the unchanged site changed files (uploads per round: $(cut -d' ' -f5 "$work/log/sfb.rows" | tr '\n' ' ')); deploy uploads such files, as it must (see docs/deploy.md)"
fi
[ "$changed" = "$edit_up" ]
