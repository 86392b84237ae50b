#!/usr/bin/env bash
# make test: every test against a throwaway PostgreSQL cluster that is removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --build-tests

CLUSTER=$(mktemp -d /tmp/dxskills-test.XXXXXX)
chmod 755 "$CLUSTER"
cleanup() { scripts/pg.sh stop "$CLUSTER"; rm -rf "$CLUSTER"; }
trap cleanup EXIT
PGPORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# Durability buys nothing in a cluster that is thrown away.
PG_FSYNC=off scripts/pg.sh init "$CLUSTER" "$PGPORT"
scripts/pg.sh start "$CLUSTER"
scripts/pg.sh bootstrap "$CLUSTER" dxskills_template

BIN=$(swift build --show-bin-path)/dxskills
export DXSKILLS_TEST_DATABASE_URL="postgres://dxskills@127.0.0.1:$PGPORT/dxskills_template"
DATABASE_URL=$DXSKILLS_TEST_DATABASE_URL "$BIN" db migrate >/dev/null

swift test --skip-build
scripts/smoke.sh "$BIN" "postgres://dxskills@127.0.0.1:$PGPORT/dxskills_smoke" "$CLUSTER"
scripts/crash.sh "$BIN" "postgres://dxskills@127.0.0.1:$PGPORT/dxskills_crash" "$CLUSTER"
