#!/usr/bin/env bash
# Deploy benchmark: storyfront deploy against Hugo's `hugo deploy` (Debian
# hugo 0.111.3), both publishing the same built site to a local S3 server
# (versitygw, posix backend on tmpfs).
#
# Usage: bench/deploy/run.sh [PAGES] [RUNS]      (defaults: 10000 pages, 5 runs)
#
# Measures, per tool, in its own bucket:
#   - the first deploy (every file uploaded), once;
#   - the second deploy of the unchanged site: RUNS counted runs, the two
#     tools interleaved, one warm-up discarded; medians from GNU time;
#   - storyfront only: the full `storyfront deploy` (build + deploy) of the
#     unchanged site; and after editing one story, how many files were
#     uploaded against how many files' bytes changed in public/.
# Method as bench/build (../../../shared/bench/README.md). Needs: go,
# hugo, curl, /usr/bin/time, versitygw (go install, as .ci/run does).
set -euo pipefail
pages="${1:-10000}"
runs="${2:-5}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
shared="${SHARED_BENCH:-$(cd "$repo/../shared/bench" 2>/dev/null && pwd || echo /work/shared/bench)}"
work="${BENCH_DIR:-/dev/shm}/storyfront-deploy-$pages"
export PATH="$(go env GOPATH)/bin:$PATH"
for c in hugo curl versitygw /usr/bin/time; do
  command -v "$c" >/dev/null || { echo "run.sh: $c not found" >&2; exit 1; }
done

rm -rf "$work"
mkdir -p "$work/s3/buckets" "$work/s3/meta"
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
  posix --sidecar "$work/s3/meta" "$work/s3/buckets" >"$work/s3.log" 2>&1 &
s3pid=$!
trap 'kill $s3pid 2>/dev/null; wait $s3pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -s -o /dev/null "$endpoint/" && break; sleep 0.1; done
for b in sf-site hugo-site; do
  curl -sf --aws-sigv4 "aws:amz:us-east-1:s3" --user bench:bench-secret -X PUT \
    -H "x-amz-content-sha256: $(printf "" | sha256sum | cut -d" " -f1)" "$endpoint/$b" >/dev/null
done

# The site, built once; both tools publish this public/.
cat >>"$work/sf/site.yaml" <<YAML
deploy:
  targets:
    - {name: bench, url: "s3://sf-site?endpoint=$endpoint"}
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
echo "site: $files files, $(du -sh "$work/sf/public" | cut -f1)" >&2

# timed NAME CMD...: runs CMD under GNU time, appends "seconds kib" to NAME.times
timed() {
  local name=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/last" "$@" >"$work/$name.out" 2>&1 || { cat "$work/$name.out" >&2; exit 1; }
  tail -n 1 "$work/last" >>"$work/$name.times"
}
sf=("$work/storyfront" deploy -q --no-build -s "$work/sf" --max-deletes 0)
hg=(hugo deploy -s "$work/hugo" --maxDeletes 0 --workers 10)

timed sf-first "${sf[@]}";  echo "storyfront first deploy: $(cat "$work/sf-first.times") (s KiB): $(tail -n1 "$work/sf-first.out")" >&2
timed hugo-first "${hg[@]}"; echo "hugo first deploy: $(cat "$work/hugo-first.times") (s KiB)" >&2
: >"$work/sf.times"; : >"$work/hugo.times"; : >"$work/sf-build.times"
timed sf "${sf[@]}"; timed hugo "${hg[@]}"; timed sf-build "$work/storyfront" deploy -q -s "$work/sf" --max-deletes 0   # warm-up
: >"$work/sf.times"; : >"$work/hugo.times"; : >"$work/sf-build.times"
for i in $(seq "$runs"); do
  timed sf "${sf[@]}"
  grep -q 'uploaded 0 (0 B), deleted 0' "$work/sf.out" || { echo "storyfront uploaded on an unchanged site:"; cat "$work/sf.out"; exit 1; } >&2
  timed hugo "${hg[@]}"
  timed sf-build "$work/storyfront" deploy -q -s "$work/sf" --max-deletes 0
  # A rebuild should give the same bytes; when it does not (chroma's 250 ms
  # regexp timeout fires on an overloaded machine and marks code as errors),
  # the files that differ are uploaded, as they must be: say so.
  grep -q 'uploaded 0 (0 B)' "$work/sf-build.out" || echo "note: the rebuild changed files: $(tail -n1 "$work/sf-build.out")" >&2
  echo "run $i: storyfront $(tail -n1 "$work/sf.times")  hugo $(tail -n1 "$work/hugo.times")  storyfront build+deploy $(tail -n1 "$work/sf-build.times")  (s KiB)" >&2
done
echo "hugo's answer on an unchanged site: $(grep -i -m1 'no changes\|summary' "$work/hugo.out" || tail -n1 "$work/hugo.out")" >&2

# One story edited: how many files changed in public/, and how many went up.
cp -r "$work/sf/public" "$work/before"
story=$(find "$work/sf/content" -name '*.md' ! -name '_index.md' | sort | head -n 1)
printf '\nOne more paragraph, added for the benchmark.\n' >>"$story"
"$work/storyfront" deploy -s "$work/sf" --max-deletes 0 >"$work/edit.out" 2>&1
changed=$( (cd "$work/before" && find . -type f -exec sha1sum {} +) | sort -k2 >"$work/a.sum"; (cd "$work/sf/public" && find . -type f -exec sha1sum {} +) | sort -k2 >"$work/b.sum"; diff "$work/a.sum" "$work/b.sum" | grep -c '^>' || true)
echo "after editing $(basename "$story"): files changed in public/: $changed; $(tail -n1 "$work/edit.out")" >&2

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
sft=$(cut -d' ' -f1 "$work/sf.times" | median); sfm=$(cut -d' ' -f2 "$work/sf.times" | median)
hgt=$(cut -d' ' -f1 "$work/hugo.times" | median); hgm=$(cut -d' ' -f2 "$work/hugo.times" | median)
sbt=$(cut -d' ' -f1 "$work/sf-build.times" | median); sbm=$(cut -d' ' -f2 "$work/sf-build.times" | median)
echo
echo "unchanged $pages-page site ($files files), second deploy, median of $runs:"
echo "  storyfront deploy --no-build  ${sft} s  $((sfm / 1024)) MiB"
echo "  hugo deploy                   ${hgt} s  $((hgm / 1024)) MiB"
echo "  storyfront deploy (build too) ${sbt} s  $((sbm / 1024)) MiB"
echo "  ratio storyfront/hugo: $(awk -v a="$sft" -v b="$hgt" 'BEGIN { printf "%.2f", a / b }')"
