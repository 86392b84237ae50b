#!/usr/bin/env bash
# make fuzz: the smoke run with a long Schemathesis pass (FUZZ_EXAMPLES, default 500 per operation).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build
CLUSTER=$(mktemp -d /tmp/dxskills-fuzz.XXXXXX)
chmod 755 "$CLUSTER"
cleanup() { scripts/pg.sh stop "$CLUSTER"; rm -rf "$CLUSTER"; }
trap cleanup EXIT
PGPORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PG_FSYNC=off scripts/pg.sh init "$CLUSTER" "$PGPORT"
scripts/pg.sh start "$CLUSTER"
FUZZ_EXAMPLES=${FUZZ_EXAMPLES:-500} scripts/smoke.sh "$(swift build --show-bin-path)/dxskills" \
  "postgres://dxskills@127.0.0.1:$PGPORT/dxskills_fuzz" "$CLUSTER"
