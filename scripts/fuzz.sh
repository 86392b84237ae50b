#!/usr/bin/env bash
# make fuzz: the smoke run with a long Schemathesis pass (FUZZ_EXAMPLES, default 500 per operation).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-deps.sh
swift build
CLUSTER=$(mktemp -d /tmp/dxskills-fuzz.XXXXXX)
cleanup() { scripts/pg.sh stop "$CLUSTER"; rm -rf "$CLUSTER"; }
trap cleanup EXIT
URL=$(scripts/pg.sh cluster "$CLUSTER" dxskills_fuzz)
FUZZ_EXAMPLES=${FUZZ_EXAMPLES:-500} scripts/smoke.sh "$(swift build --show-bin-path)/dxskills" "$URL" "$CLUSTER"
