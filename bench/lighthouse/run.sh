#!/usr/bin/env bash
# Lighthouse on the example site and on a story with 10 large photos.
#
# Usage: bench/lighthouse/run.sh            (prints a table of scores)
#        PAGES="/ /contact/" bench/lighthouse/run.sh   (only those pages)
#
# Copies the example site (the repository root) to $BENCH_DIR (default
# /dev/shm), adds content/stories/ten-photos/: ten generated 4000x3000
# photos (bench/images/photos, license-clean), the first as the cover, the
# others in the text. Builds it with storyfront build, serves public/ on
# 127.0.0.1 the way a CDN would (bench/lighthouse/static: gzip, immutable
# caching of hashed files) and runs Lighthouse (npm lighthouse 12.2.3,
# installed into bench/lighthouse/node_modules on first use) with Debian's
# Chromium, mobile (Lighthouse's default: Moto G Power, slow 4G simulated),
# all four categories, on each page. No internet needed.
# Needs: go, node/npm, chromium (/usr/bin/chromium or $CHROME_PATH).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${BENCH_DIR:-/dev/shm}/storyfront-lighthouse"
port="${PORT:-8089}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
[[ -x "$CHROME_PATH" ]] || { echo "run.sh: no Chromium at $CHROME_PATH (apt-get install -y chromium)" >&2; exit 1; }

if [[ ! -x "$here/node_modules/.bin/lighthouse" ]]; then
  echo "installing lighthouse 12.2.3 into $here/node_modules" >&2
  npm i -E lighthouse@12.2.3 --prefix "$here" --no-audit --no-fund --no-save --loglevel=error >&2
fi

mkdir -p "$work"
(cd "$repo" && go build -o "$work/storyfront" ./cmd/storyfront && go build -o "$work/photos" ./bench/images/photos &&
  go build -o "$work/static" ./bench/lighthouse/static)

# A new copy of the site each run, keeping the image cache of the last one.
rm -rf "$work/resources"
[[ -d "$work/site/resources" ]] && mv "$work/site/resources" "$work/resources"
rm -rf "$work/site"
mkdir -p "$work/site"
[[ -d "$work/resources" ]] && mv "$work/resources" "$work/site/resources"
for d in site.yaml content static themes layouts assets data i18n; do
  [[ -e "$repo/$d" ]] && cp -r "$repo/$d" "$work/site/"
done
story="$work/site/content/stories/ten-photos"
mkdir -p "$story"
if [[ "$(ls "$work/photos-src" 2>/dev/null | wc -l)" != 10 ]]; then
  rm -rf "$work/photos-src"
  echo "generating 10 photos of 4000x3000" >&2
  "$work/photos" -n 10 -w 4000 -h 3000 -seed 40 -prefix field -o "$work/photos-src" >&2
fi
cp "$work"/photos-src/*.jpg "$story/"
{
  printf -- '---\ntitle: Ten photos from the field\ndate: 2024-05-01\ndescription: "A photo story: ten large phone photos, processed for every screen."\n'
  printf -- 'image: field-040.jpg\nimageAlt: Hills under a wide sky, the first of ten field photos.\ntags: [field notes]\n---\n'
  printf 'We took these on the way to a customer visit. Each photo is a 12-megapixel file of several megabytes as it came off the phone; the build turns it into AVIF, WebP and JPEG at four widths.\n\n'
  n=0
  for f in "$work"/photos-src/*.jpg; do
    n=$((n + 1))
    [[ $n == 1 ]] && continue
    printf '![Field photo %d: layered ridges fading into haze under a cloudy sky](%s)\n\nWhat we saw at stop %d of the trip, and what the customer told us there.\n\n' "$n" "$(basename "$f")" "$n"
  done
} >"$story/index.md"

rm -rf "$work/site/public"
echo "building (image processing of 10 photos takes a while on a first build)" >&2
/usr/bin/time -f '%e s, %M KiB peak' "$work/storyfront" build -q -s "$work/site" >&2

"$work/static" -dir "$work/site/public" -addr "127.0.0.1:$port" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.2
done

flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-default-apps --disable-sync --disable-domain-reliability --disable-client-side-phishing-detection --metrics-recording-only --no-first-run --disable-features=Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions"
read -r -a pages <<<"${PAGES:-/ /stories/ /stories/mapping-the-handoff/ /contact/ /stories/ten-photos/}"
printf '%-34s %5s %5s %5s %5s %7s %7s %7s\n' page perf a11y bp seo CLS LCP TBT
for p in "${pages[@]}"; do
  out="$work/lh$(echo "$p" | tr '/' '_').json"
  "$here/node_modules/.bin/lighthouse" "http://127.0.0.1:$port$p" --quiet --output=json --output-path="$out" \
    --only-categories=performance,accessibility,best-practices,seo --chrome-flags="$flags" --max-wait-for-load=60000 >/dev/null 2>"$out.log" ||
    { echo "$p: lighthouse failed (see $out.log)"; continue; }
  node -e '
    const r = require(process.argv[1]); const c = r.categories, a = r.audits;
    const s = k => Math.round(c[k].score * 100);
    const fail = Object.values(a).filter(x => x.score !== null && x.score < 1 && x.scoreDisplayMode === "binary").map(x => x.id);
    console.log([process.argv[2].padEnd(34), ...["performance","accessibility","best-practices","seo"].map(k => String(s(k)).padStart(5)),
      a["cumulative-layout-shift"].numericValue.toFixed(3).padStart(7), (a["largest-contentful-paint"].numericValue/1000).toFixed(2).padStart(6)+"s",
      (a["total-blocking-time"].numericValue).toFixed(0).padStart(5)+"ms", fail.length ? " failed: " + fail.join(",") : ""].join(" "));
  ' "$out" "$p"
done
echo "(Lighthouse $("$here/node_modules/.bin/lighthouse" --version), mobile; JSON reports in $work; load: $(cut -d' ' -f1-3 /proc/loadavg))"
