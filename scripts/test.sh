#!/usr/bin/env bash
# make test: every test against a throwaway PostgreSQL cluster that is removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/build-deps.sh
swift build --build-tests

CLUSTER=$(mktemp -d /tmp/dxskills-test.XXXXXX)
cleanup() {
  scripts/slapd.sh stop "$CLUSTER/ldap" || true
  scripts/oidc.sh stop "$CLUSTER/oidc" || true
  scripts/smtp.sh stop "$CLUSTER/smtp" || true
  scripts/pg.sh stop "$CLUSTER"
  rm -rf "$CLUSTER"
}
trap cleanup EXIT
export DXSKILLS_TEST_DATABASE_URL
DXSKILLS_TEST_DATABASE_URL=$(scripts/pg.sh cluster "$CLUSTER" dxskills_template)
PGPORT=$(scripts/pg.sh port "$CLUSTER")
# The test OpenID provider (DXSKILLS_TEST_OIDC_*); its venv is kept in .venv-oidc/ between runs.
OIDC_ENV=$(OIDC_VENV=${OIDC_VENV:-$PWD/.venv-oidc} scripts/oidc.sh start "$CLUSTER/oidc")
while IFS='=' read -r name value; do export "$name=$value"; done <<<"$OIDC_ENV"
# The directory that the sign-in tests bind to (DXSKILLS_TEST_LDAP_*).
LDAP_ENV=$(scripts/slapd.sh start "$CLUSTER/ldap")
while IFS='=' read -r name value; do export "$name=$value"; done <<<"$LDAP_ENV"

# The SMTP servers that mail is sent to (DXSKILLS_TEST_SMTP_*); their venv is kept in .venv-smtp/.
SMTP_ENV=$(SMTP_VENV=${SMTP_VENV:-$PWD/.venv-smtp} scripts/smtp.sh start "$CLUSTER/smtp")
while IFS='=' read -r name value; do export "$name=$value"; done <<<"$SMTP_ENV"

BIN=$(swift build --show-bin-path)/dxskills
DATABASE_URL=$DXSKILLS_TEST_DATABASE_URL "$BIN" db migrate >/dev/null

swift test --skip-build
scripts/smoke.sh "$BIN" "postgres://dxskills@127.0.0.1:$PGPORT/dxskills_smoke" "$CLUSTER"
scripts/xlsx-test.sh "$BIN" "postgres://dxskills@127.0.0.1:$PGPORT/dxskills_xlsx" "$CLUSTER"
# Each with a throwaway cluster of its own: TLS (every sslmode, client certificates) and PgBouncer.
scripts/tls-test.sh "$BIN"
scripts/pgbouncer-test.sh "$BIN"
scripts/crash.sh "$BIN" "postgres://dxskills@127.0.0.1:$PGPORT/dxskills_crash" "$CLUSTER"
scripts/notify-crash.sh "$BIN" "postgres://dxskills@127.0.0.1:$PGPORT/dxskills_notify_crash" "$CLUSTER"
# Operations (docs/operations.md): a dump as dxskills_backup restored with the same reports, and a
# database of the previous release (RELEASES) migrated with the same reports.
scripts/backup-test.sh "$BIN"
scripts/upgrade-test.sh "$BIN"
