#!/usr/bin/env bash
# Checks .goreleaser.yaml and makes a snapshot release in dist/ (nothing is
# published): archives for linux, darwin and windows on amd64 and arm64,
# the Lambda bootstrap zips and checksums.txt; then runs the host's binary.
# Installs goreleaser (pinned) with go install when it is missing.
# Usage: bash scripts/release-check.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$(go env GOPATH)/bin:$PATH"
GORELEASER_VERSION=v2.17.0  # v2.18 needs Go 1.27
if ! goreleaser --version 2>/dev/null | grep -q "${GORELEASER_VERSION#v}"; then
  go install "github.com/goreleaser/goreleaser/v2@${GORELEASER_VERSION}"
fi
goreleaser check
# goreleaser needs a git checkout; a snapshot needs no tag.
goreleaser release --snapshot --clean --skip=publish
ls -l dist/*.tar.gz dist/*.zip dist/checksums.txt
(cd dist && sha256sum -c checksums.txt)
n=$(ls dist/storyfront_*.tar.gz dist/storyfront_*.zip | wc -l)
[ "$n" -eq 6 ] || { echo "want 6 storyfront archives, got $n"; exit 1; }
n=$(ls dist/storyfront-lambda_*.zip | wc -l)
[ "$n" -eq 2 ] || { echo "want 2 bootstrap zips, got $n"; exit 1; }
host="dist/storyfront_$(go env GOOS)_$(go env GOARCH)"
"$(ls -d ${host}*/ | head -1)storyfront" version
