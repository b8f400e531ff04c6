#!/usr/bin/env bash
# Checks .goreleaser.yaml and makes a snapshot release (nothing is
# published): storyfront archives for linux, darwin and windows on amd64 and
# arm64, the Lambda bootstrap zips and checksums.txt; verifies the checksums
# and the archive count, then runs the host's binary (`storyfront version`).
#
# Usage: bash scripts/release-check.sh [--single-target] [--parallelism N]
#   --single-target  build only the host's storyfront (goreleaser build
#                    --single-target): a quick check of the build settings,
#                    not of the archives
#   --parallelism N  builds at once (goreleaser's default: the number of CPUs)
#
# It builds the committed HEAD from a private clone in a temporary folder,
# so that edits, rebases or checkouts in this worktree while it runs (a
# full run is 10-60 min on 2 busy cores) cannot mix two versions of the
# source; the result is copied to dist/. Installs goreleaser (pinned) with
# go install when it is missing. Needs go and git. Not run by CI (8 cross
# builds do not fit its 30-minute budget); docs/deploy.md says when to run it.
set -euo pipefail
single=0
parallelism=()
while (($#)); do
  case "$1" in
  --single-target) single=1; shift ;;
  --parallelism) parallelism=(--parallelism "$2"); shift 2 ;;
  -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
  *) echo "release-check.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$(go env GOPATH)/bin:$PATH"
GORELEASER_VERSION=v2.17.0  # v2.18 needs Go 1.27
if ! goreleaser --version 2>/dev/null | grep -q "${GORELEASER_VERSION#v}"; then
  go install "github.com/goreleaser/goreleaser/v2@${GORELEASER_VERSION}"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/storyfront-release-XXXXXX")"
trap 'rm -rf "$work"' EXIT
rev="$(git -C "$repo" rev-parse HEAD)"
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
  echo "release-check: note: uncommitted changes are not in the check; it builds HEAD $rev" >&2
fi
git clone --quiet --no-checkout "$repo" "$work/src"
git -C "$work/src" checkout --quiet --detach "$rev"
cd "$work/src"
start=$(date +%s)
goreleaser check
if ((single)); then
  goreleaser build --snapshot --clean --single-target --id storyfront "${parallelism[@]}"
  "$(ls -d dist/storyfront_*/ | head -1)storyfront" version
  echo "release-check: single-target build of $rev ok in $(($(date +%s) - start)) s"
  exit 0
fi
# A snapshot needs no tag; nothing is published.
goreleaser release --snapshot --clean --skip=publish "${parallelism[@]}"
ls -l dist/*.tar.gz dist/*.zip dist/checksums.txt
(cd dist && sha256sum -c checksums.txt)
n=$(ls dist/storyfront_*.tar.gz dist/storyfront_*.zip | wc -l)
[ "$n" -eq 6 ] || { echo "release-check: want 6 storyfront archives, got $n" >&2; exit 1; }
n=$(ls dist/storyfront-lambda_*.zip | wc -l)
[ "$n" -eq 2 ] || { echo "release-check: want 2 bootstrap zips, got $n" >&2; exit 1; }
for z in dist/storyfront-lambda_*.zip; do
  unzip -l "$z" | grep -q ' bootstrap$' || { echo "release-check: $z has no bootstrap" >&2; exit 1; }
done
# The host's archive holds the binary and the docs, and the binary says
# which version and commit it is.
version=$(sed -n 's/.*"version":"\([^"]*\)".*/\1/p' dist/metadata.json)
mkdir "$work/unpacked"
tar -xzf "dist/storyfront_${version}_$(go env GOOS)_$(go env GOARCH).tar.gz" -C "$work/unpacked"
for f in storyfront README.md docs/deploy.md deploy/template.yaml deploy/capture.yaml; do
  [ -e "$work/unpacked/$f" ] || { echo "release-check: the archive has no $f" >&2; exit 1; }
done
out=$("$work/unpacked/storyfront" version)
echo "$out"
case "$out" in
"storyfront v$version commit $rev built "*) ;;
*) echo "release-check: storyfront version says \"$out\", want v$version commit $rev" >&2; exit 1 ;;
esac
rm -rf "$repo/dist"
cp -r dist "$repo/dist"
echo "release-check: snapshot of $rev ok in $(($(date +%s) - start)) s: 6 archives, 2 bootstrap zips, checksums verified; copied to $repo/dist"
