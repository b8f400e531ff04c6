#!/usr/bin/env bash
# Build a Hugo site (any theme) with hugo and with Storyfront and compare
# them: the same output paths, and the share of HTML pages with the same
# visible text (tags stripped, whitespace collapsed).
#
#   scripts/theme-compare.sh SITE_DIR [MIN_SHARE]     (MIN_SHARE default 0.9)
#
# It exits 1 when the paths differ or fewer pages than MIN_SHARE match.
# The site folder is not written to: both builds go to a temporary folder.
set -euo pipefail
site=${1:?usage: scripts/theme-compare.sh SITE_DIR [MIN_SHARE]}
min=${2:-0.9}
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
site="$(cd "$site" && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v hugo >/dev/null || { echo "hugo is not installed (apt-get install hugo)" >&2; exit 2; }
(cd "$repo" && go build -o "$work/storyfront" ./cmd/storyfront && go build -o "$work/sitecompare" ./scripts/sitecompare)
echo "== hugo $(hugo version | cut -d' ' -f2)"
HUGO_ENVIRONMENT=production hugo --quiet -s "$site" -d "$work/hugo" --cacheDir "$work/hugo-cache"
echo "== storyfront"
"$work/storyfront" build -q -s "$site" -d "$work/storyfront"
echo "== compare"
"$work/sitecompare" -min "$min" "$work/hugo" "$work/storyfront"
