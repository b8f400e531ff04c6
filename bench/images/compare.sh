#!/usr/bin/env bash
# Image processing: Storyfront against Hugo on the same photos.
#
# Usage: bench/images/compare.sh [PHOTOS] [RUNS]     (defaults: 100 photos, 3 runs)
#        WARMUP=0 skips the warm-up round, AVIF=0 the AVIF run (for a busy
#        machine, where one cold build of 100 photos takes minutes).
#        COLD=0 measures warm builds only, with the sites and caches an
#        earlier run left in $BENCH_DIR (WARM_RUNS of each, default 11).
#
# PHOTOS generated 4000x3000 JPEGs (bench/images/photos: procedural,
# license-clean, photograph-like) in one page bundle, each resized to 480,
# 800 and 1200 wide as WebP q75 with the Box filter (Hugo's default; the
# same setting on both sides). Hugo does it from its template (.Resize
# "480x webp q75"), Storyfront from site.yaml images: (it processes every
# content image). Reported, medians of RUNS after one warm-up round:
#   cold  public/ and the image caches removed (resources/_gen for both)
#   warm  public/ removed, caches kept; "added" is the warm build minus
#         the same site's build without the photos
#   bytes the WebP files written, summed; peak RSS from GNU time
# then one cold Storyfront run with AVIF instead of WebP (Hugo has none).
# Method (../README.md): tmpfs (/dev/shm), the tools interleaved A B A B.
# Needs: go, hugo (Debian package, extended), /usr/bin/time.
set -euo pipefail
n="${1:-100}"
runs="${2:-3}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${BENCH_DIR:-/dev/shm}/storyfront-images-$n"

command -v hugo >/dev/null || { echo "compare.sh: hugo not found (apt-get install -y hugo)" >&2; exit 1; }
hugo version | grep -q extended || { echo "compare.sh: this hugo cannot encode WebP (not extended)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "compare.sh: /usr/bin/time not found (apt-get install -y time)" >&2; exit 1; }

mkdir -p "$work"
(cd "$repo" && go build -o "$work/storyfront" ./cmd/storyfront && go build -o "$work/photos" ./bench/images/photos)
if [[ "$(ls "$work/photos-src" 2>/dev/null | wc -l)" != "$n" ]]; then
  rm -rf "$work/photos-src"
  echo "generating $n photos of 4000x3000 in $work/photos-src" >&2
  "$work/photos" -n "$n" -w 4000 -h 3000 -o "$work/photos-src"
fi

cold="${COLD:-1}"
if [[ "$cold" == 0 && ! -d "$work/sf/resources" ]]; then
  echo "compare.sh: COLD=0 needs the sites of an earlier run in $work" >&2
  exit 1
fi
# The two sites, same photos in content/photos/ (a page bundle).
if [[ "$cold" != 0 ]]; then
rm -rf "$work/hugo" "$work/sf" "$work/sf-empty"
mkdir -p "$work/hugo/content/photos" "$work/hugo/layouts/_default"
cat >"$work/hugo/config.toml" <<'TOML'
baseURL = "https://example.org/"
title = "images"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[imaging]
  quality = 75
  resampleFilter = "box"
TOML
cat >"$work/hugo/layouts/_default/single.html" <<'HTML'
{{ range .Resources.ByType "image" }}{{ $img := . }}{{ range slice 480 800 1200 }}<img src="{{ ($img.Resize (printf "%dx webp q75" .)).RelPermalink }}">
{{ end }}{{ end }}
HTML
echo '{{ .Content }}' >"$work/hugo/layouts/_default/list.html"
printf -- '---\ntitle: Photos\n---\nThe photos.\n' >"$work/hugo/content/photos/index.md"
cp "$work"/photos-src/*.jpg "$work/hugo/content/photos/"

mkdir -p "$work/sf-empty/content/photos" "$work/sf-empty/layouts/_default"
cat >"$work/sf-empty/site.yaml" <<'YAML'
title: images
baseURL: https://example.org/
images:
  widths: [480, 800, 1200]
  formats: [webp]
  quality: {webp: 75}
  resampleFilter: box
YAML
echo '<!doctype html><title>{{ .Title }}</title>{{ .Content }}' >"$work/sf-empty/layouts/_default/single.html"
echo '<!doctype html><title>{{ .Title }}</title>{{ .Content }}' >"$work/sf-empty/layouts/_default/list.html"
echo '<!doctype html><title>{{ .Title }}</title>{{ .Content }}' >"$work/sf-empty/layouts/index.html"
printf -- '---\ntitle: Photos\n---\nThe photos.\n' >"$work/sf-empty/content/photos/index.md"
cp -r "$work/sf-empty" "$work/sf"
cp "$work"/photos-src/*.jpg "$work/sf/content/photos/"
fi

# run NAME MODE: one build; appends "seconds kib cpu-seconds" to
# $work/NAME-MODE.times (CPU: user + system, the figure to trust when
# other work shares the machine).
run() {
  local name="$1" mode="$2" dir
  case "$name" in
  storyfront) dir="$work/sf" ;;
  empty) dir="$work/sf-empty" ;;
  hugo) dir="$work/hugo" ;;
  esac
  rm -rf "$dir/public"
  [[ "$mode" == cold ]] && rm -rf "$dir/resources"
  case "$name" in
  hugo) /usr/bin/time -f '%e %M %U %S' -o "$work/last" hugo --quiet -s "$dir" >/dev/null ;;
  *) /usr/bin/time -f '%e %M %U %S' -o "$work/last" "$work/storyfront" build -q -s "$dir" >/dev/null ;;
  esac
  tail -n 1 "$work/last" | awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' >>"$work/$name-$mode.times"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
col() { awk -v c="$1" '{print $c}' "$2" | median; }
webp_bytes() { find "$1/public" -name '*.webp' -printf '%s\n' | awk '{s+=$1} END {print s+0}'; }
webp_count() { find "$1/public" -name '*.webp' | wc -l; }

rm -f "$work"/*.times
warm_runs="${WARM_RUNS:-$((runs * 2 + 1))}"
if [[ "$cold" == 0 ]]; then
  warm_runs="${WARM_RUNS:-11}"
  run empty warm; run storyfront warm; run hugo warm   # warm-up
  rm -f "$work"/*-warm.times
  for i in $(seq "$warm_runs"); do
    run empty warm
    run storyfront warm
    run hugo warm
  done
  sfw=$(col 1 "$work/storyfront-warm.times"); hw=$(col 1 "$work/hugo-warm.times"); ew=$(col 1 "$work/empty-warm.times")
  sfwc=$(col 3 "$work/storyfront-warm.times"); hwc=$(col 3 "$work/hugo-warm.times"); ewc=$(col 3 "$work/empty-warm.times")
  echo
  echo "$n photos 4000x3000 -> 3 widths WebP q75, warm builds only (caches kept, public/ removed), median of $warm_runs"
  printf '%-28s %12s %12s\n' "" storyfront "hugo $(hugo version | awk '{print $2}' | cut -d+ -f1)"
  printf '%-28s %11ss %11ss\n' "warm build, wall" "$sfw" "$hw"
  printf '%-28s %11ss %11ss\n' "warm build, CPU (user+sys)" "$sfwc" "$hwc"
  printf '%-28s %11ss (CPU %ss)\n' "same site without photos" "$ew" "$ewc"
  printf '%-28s %10sms (CPU %s ms)\n' "added by the photos, warm" "$(awk -v a="$sfw" -v b="$ew" 'BEGIN{printf "%.0f", (a-b)*1000}')" "$(awk -v a="$sfwc" -v b="$ewc" 'BEGIN{printf "%.0f", (a-b)*1000}')"
  echo "(GNU time counts CPU in 10 ms steps; load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  exit 0
fi
if [[ "${WARMUP:-1}" != 0 ]]; then
  run storyfront cold; run hugo cold        # warm-up, discarded
  rm -f "$work"/*.times
fi
for i in $(seq "$runs"); do
  run storyfront cold
  run hugo cold
  echo "cold run $i: storyfront $(tail -n1 "$work/storyfront-cold.times")  hugo $(tail -n1 "$work/hugo-cold.times")  (s KiB cpu-s)" >&2
done
sf_bytes=$(webp_bytes "$work/sf"); hugo_bytes=$(webp_bytes "$work/hugo")
sf_files=$(webp_count "$work/sf"); hugo_files=$(webp_count "$work/hugo")
run empty warm; run storyfront warm; run hugo warm   # warm-up
rm -f "$work"/*-warm.times
for i in $(seq "$warm_runs"); do
  run empty warm
  run storyfront warm
  run hugo warm
done

sfc=$(col 1 "$work/storyfront-cold.times"); hc=$(col 1 "$work/hugo-cold.times")
sfm=$(col 2 "$work/storyfront-cold.times"); hm=$(col 2 "$work/hugo-cold.times")
sfw=$(col 1 "$work/storyfront-warm.times"); hw=$(col 1 "$work/hugo-warm.times"); ew=$(col 1 "$work/empty-warm.times")
sfcpu=$(col 3 "$work/storyfront-cold.times"); hcpu=$(col 3 "$work/hugo-cold.times")
sfwc=$(col 3 "$work/storyfront-warm.times"); ewc=$(col 3 "$work/empty-warm.times")
echo
echo "$n photos 4000x3000 -> 3 widths WebP q75, median of $runs (warm: $warm_runs); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %12s %12s %8s\n' "" storyfront "hugo $(hugo version | awk '{print $2}' | cut -d+ -f1)" ratio
printf '%-28s %11ss %11ss %8s\n' "cold build" "$sfc" "$hc" "$(awk -v a="$sfc" -v b="$hc" 'BEGIN{printf "%.2f", a/b}')"
printf '%-28s %11ss %11ss %8s\n' "cold CPU (user+sys)" "$sfcpu" "$hcpu" "$(awk -v a="$sfcpu" -v b="$hcpu" 'BEGIN{printf "%.2f", a/b}')"
printf '%-28s %9s MiB %9s MiB\n' "cold peak RSS" "$((sfm / 1024))" "$((hm / 1024))"
printf '%-28s %12s %12s %8s\n' "WebP bytes" "$sf_bytes" "$hugo_bytes" "$(awk -v a="$sf_bytes" -v b="$hugo_bytes" 'BEGIN{printf "%.3f", a/b}')"
printf '%-28s %12s %12s\n' "WebP files" "$sf_files" "$hugo_files"
printf '%-28s %11ss %11ss\n' "warm build" "$sfw" "$hw"
printf '%-28s %11ss\n' "same site without photos" "$ew"
printf '%-28s %10sms (CPU %s ms)\n' "added by the photos, warm" "$(awk -v a="$sfw" -v b="$ew" 'BEGIN{printf "%.0f", (a-b)*1000}')" "$(awk -v a="$sfwc" -v b="$ewc" 'BEGIN{printf "%.0f", (a-b)*1000}')"

# AVIF, Storyfront alone.
[[ "${AVIF:-1}" == 0 ]] && exit 0
sed -i 's/formats: \[webp\]/formats: [avif]/; s/quality: {webp: 75}/quality: {avif: 60}/' "$work/sf/site.yaml"
rm -f "$work/storyfront-cold.times"
run storyfront cold
avif_bytes=$(find "$work/sf/public" -name '*.avif' -printf '%s\n' | awk '{s+=$1} END {print s+0}')
echo "AVIF q60 instead (storyfront only, one cold run): $(col 1 "$work/storyfront-cold.times") s, $(( $(col 2 "$work/storyfront-cold.times") / 1024 )) MiB, $avif_bytes bytes"
sed -i 's/formats: \[avif\]/formats: [webp]/; s/quality: {avif: 60}/quality: {webp: 75}/' "$work/sf/site.yaml"
