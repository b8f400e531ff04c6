#!/usr/bin/env bash
# Lambda bootstrap figures: size of the arm64 deployment build (budget 12 MB)
# and start under the AWS Lambda Runtime Interface Emulator (budget 50 ms):
# from the emulator starting the process to the first invocation answered.
#
#   bench/lambda/run.sh [RUNS]       (default 15 counted runs, 1 warm-up)
#
# Exits 1 when a figure is over its budget. (If the size jumps by megabytes,
# look for html/template or text/template code reachable from the bootstrap:
# their reflection makes the linker keep every exported method.)
#
# Method (bench/README.md): binaries on tmpfs, our bootstrap and a minimal
# aws-lambda-go function (the peer) interleaved A B A B, one discarded
# warm-up, medians. Per run a fresh emulator starts the process; the first
# invocation is a CORS preflight from testdata (it needs no table). Two
# figures per run: the emulator's "INIT REPORT" (process start until the
# runtime asks for its first event: Go start-up, site.yaml, sinks) plus the
# invoke duration it reports; and the client's wall time for that first
# invocation (which also counts the emulator's own overhead).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
runs=${1:-15}
export PATH="$(go env GOPATH)/bin:$PATH"
rie=$(command -v aws-lambda-rie) || { echo "aws-lambda-rie not found (go install github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie)"; exit 1; }
base=/dev/shm; [ -d "$base" ] || base=${TMPDIR:-/tmp}
work=$(mktemp -d "$base/storyfront-lambda-bench.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
flags=(-tags lambda.norpc -trimpath -ldflags "-s -w")

GOOS=linux GOARCH=arm64 CGO_ENABLED=0 go build "${flags[@]}" -o "$work/arm64/bootstrap" ./cmd/storyfront-lambda
size=$(stat -c %s "$work/arm64/bootstrap")
mkdir -p "$work/storyfront" "$work/hello"
CGO_ENABLED=0 go build "${flags[@]}" -o "$work/storyfront/bootstrap" ./cmd/storyfront-lambda
cp capture/lambda/testdata/site/site.yaml "$work/storyfront/"
CGO_ENABLED=0 go build "${flags[@]}" -o "$work/hello/bootstrap" ./bench/lambda/hello
event=capture/lambda/testdata/function-url-preflight.json

# once VARIANT PORT: prints "init_ms invoke_ms wall_ms" for one cold start.
once() {
  local dir="$work/$1" port=$2 log="$work/$1.log"
  (cd "$dir" && exec env STORYFRONT_TABLE=bench AWS_REGION=eu-west-1 AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench \
    "$rie" --runtime-interface-emulator-address "127.0.0.1:$port" --runtime-api-address "127.0.0.1:$((port + 1000))" \
    ./bootstrap >"$log" 2>&1) &
  local pid=$!
  for _ in $(seq 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.01
  done
  local wall
  wall=$(curl -s -o /dev/null -w '%{time_total}' -d @"$event" "http://127.0.0.1:$port/2015-03-31/functions/function/invocations")
  local children
  children=$(pgrep -P "$pid" || true)
  kill "$pid" $children 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local init invoke
  init=$(grep -o 'INIT REPORT(durationMs: [0-9.]*' "$log" | grep -o '[0-9.]*$' || echo NaN)
  invoke=$(grep -o 'INVOKE RTDONE(status: success, produced bytes: [0-9]*, duration: [0-9.]*' "$log" | head -1 | grep -o '[0-9.]*$' || echo NaN)
  awk -v i="$init" -v d="$invoke" -v w="$wall" 'BEGIN { printf "%.2f %.2f %.2f\n", i, d, w * 1000 }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

port=19300
: >"$work/storyfront.txt"; : >"$work/hello.txt"
for i in $(seq 0 "$runs"); do
  for v in storyfront hello; do
    port=$((port + 1))
    r=$(once "$v" "$port")
    [ "$i" -eq 0 ] || echo "$r" >>"$work/$v.txt"   # run 0 is the warm-up
  done
done

printf 'bootstrap (linux/arm64, -s -w, -trimpath, lambda.norpc): %d bytes = %.2f MB (budget 12 MB)\n' "$size" "$(echo "$size" | awk '{ print $1 / 1e6 }')"
printf 'start under the emulator, %s runs, medians (ms):\n' "$runs"
printf '  %-11s %10s %10s %12s %14s\n' variant init invoke init+invoke first-call-wall
for v in storyfront hello; do
  f="$work/$v.txt"
  printf '  %-11s %10s %10s %12s %14s\n' "$v" \
    "$(cut -d' ' -f1 "$f" | median)" "$(cut -d' ' -f2 "$f" | median)" \
    "$(awk '{ print $1 + $2 }' "$f" | median)" "$(cut -d' ' -f3 "$f" | median)"
done
start=$(awk '{ print $1 + $2 }' "$work/storyfront.txt" | median)
status=0
if [ "$size" -gt 12000000 ]; then echo "OVER BUDGET: bootstrap larger than 12 MB"; status=1; fi
if awk -v s="$start" 'BEGIN { exit !(s > 50) }'; then echo "OVER BUDGET: start above 50 ms"; status=1; fi
[ "$status" -ne 0 ] || echo "within budget: size <= 12 MB, start (init+invoke) ${start} ms <= 50 ms"
exit "$status"
