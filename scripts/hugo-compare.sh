#!/usr/bin/env bash
# Builds a Hugo site with hugo and with Storyfront, unmodified, and compares
# the two: output URLs (.html and .xml files) and, page by page, the
# article HTML (whitespace normalised; see internal/hugodiff).
#
#   scripts/hugo-compare.sh [-v] SITE...
#
# SITE is a Hugo site folder (config + content), or a theme's folder that
# holds exampleSite/: then the example site is built with the theme in
# themes/NAME (NAME from the example's theme setting). -v prints the first
# difference of each page whose article differs. Needs hugo (Debian 0.111.3)
# and Go. HUGO_COMPARE_KEEP=DIR keeps the builds. Exit status 1 when a site's URLs differ or fewer than 95 % of its
# pages have Hugo's article.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
verbose=()
if [ "${1:-}" = -v ]; then verbose=(-v); shift; fi
[ $# -gt 0 ] || { sed -n '2,14p' "${BASH_SOURCE[0]}"; exit 2; }
command -v hugo >/dev/null || { echo "hugo not installed (apt-get install hugo)"; exit 2; }

# HUGO_COMPARE_KEEP=DIR keeps both builds (DIR/NAME/hugo, DIR/NAME/ours).
if [ -n "${HUGO_COMPARE_KEEP:-}" ]; then
  work=$HUGO_COMPARE_KEEP; rm -rf "$work"; mkdir -p "$work"
else
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fi
( cd "$repo" && go build -o "$work/storyfront" ./cmd/storyfront && go build -o "$work/hugodiff" ./internal/hugodiff/cmd/hugodiff )

status=0
for site in "$@"; do
  name=$(basename "$(cd "$site" && pwd)")
  src="$work/$name/src"
  mkdir -p "$src"
  if [ -d "$site/exampleSite" ]; then
    cp -r "$site/exampleSite/." "$src/"
    theme=$(sed -n -E 's/^[[:space:]]*theme[[:space:]]*[=:][[:space:]]*\[?["'\'']?([^"'\'']+).*/\1/p' "$src"/hugo.* "$src"/config.* 2>/dev/null | head -1 || true)
    mkdir -p "$src/themes/${theme:-$name}"
    (cd "$site" && tar -c --exclude=./exampleSite --exclude=./.git .) | tar -x -C "$src/themes/${theme:-$name}"
  else
    cp -r "$site/." "$src/"
  fi
  echo "== $name"
  if ! (cd "$src" && HUGO_ENVIRONMENT=production hugo --quiet -d "$work/$name/hugo" >"$work/$name/hugo.log" 2>&1); then
    echo "hugo failed:"; cat "$work/$name/hugo.log"; status=1; continue
  fi
  if ! "$work/storyfront" build -q -s "$src" -d "$work/$name/ours" 2>"$work/$name/ours.log"; then
    echo "storyfront failed:"; head -40 "$work/$name/ours.log"; status=1; continue
  fi
  "$work/hugodiff" "${verbose[@]}" "$work/$name/hugo" "$work/$name/ours" | tee "$work/$name/report"
  if ! grep -q '^only Hugo (0)' "$work/$name/report" || ! grep -q '^only Storyfront (0)' "$work/$name/report" \
    || ! awk '/^pages/ { n=$2; s=$8; exit !(n > 0 && s >= 0.95*n) }' "$work/$name/report"; then
    status=1
  fi
done
exit $status
