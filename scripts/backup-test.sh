#!/usr/bin/env bash
# Backups without a superuser, end to end (make test):   scripts/backup-test.sh BIN
#  1. the demo city (and a second tenant) in a cluster; every report as JSON and CSV;
#  2. pg_dump -Fc as dxskills_backup, which db migrate made (no login until given one; the schema
#     owner's own pg_dump fails on row-level security, which is why the role exists);
#  3. pg_restore into a fresh cluster, as docs/operations.md says;
#  4. db migrate there applies nothing, doctor finds nothing wrong;
#  5. every report again, byte for byte the same;
#  6. the service role still sees one tenant at a time; the backup role cannot write.
# Also: with BYPASSRLS (given by a superuser), a plain pg_dump holds the same tables.
set -euo pipefail
BIN=$(readlink -f "${1:?usage: backup-test.sh BIN}")
cd "$(dirname "$0")/.."
TMP=$(mktemp -d /tmp/dxskills-backup-test.XXXXXX)
chmod 755 "$TMP"
cleanup() {
  scripts/pg.sh stop "$TMP/a" 2>/dev/null || true
  scripts/pg.sh stop "$TMP/b" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "backup-test: ok  $1"; }
ng() { failed=$((failed + 1)); echo "backup-test: NG  $1" >&2; [ -z "${2:-}" ] || echo "$2" | head -n 20 >&2; }
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

A=$(scripts/pg.sh cluster "$TMP/a" dxskills_city)
PORT_A=$(scripts/pg.sh port "$TMP/a")
as_postgres() { psql -XAtq -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres "$@"; }
# 1. The demo city through report-snapshot (it migrates and loads it), and a second tenant.
SNAPSHOT_DATABASE_URL=$A SNAPSHOT_CALLERS=${SNAPSHOT_CALLERS:-hr1 manager1 staff1} \
  scripts/report-snapshot.sh "$BIN" "$TMP/before" 2>"$TMP/before.log" \
  || { ng "the reports of the demo city" "$(tail -n 20 "$TMP/before.log")"; exit 1; }
DATABASE_URL=$A "$BIN" admin demo --tenant 131001 --name 別市 --staff 60 --seed 2 >/dev/null 2>&1 \
  || { ng "a second tenant"; exit 1; }
ok "the demo city and a second tenant, $(find "$TMP/before" -type f | wc -l) report files"

# 2. The dump. The owner cannot (FORCE ROW LEVEL SECURITY binds it too).
out=$("$PGBIN/pg_dump" -Fc -h 127.0.0.1 -p "$PORT_A" -U dxskills -d dxskills_city -f "$TMP/owner.dump" 2>&1) \
  && ng "pg_dump as the schema owner was expected to fail on row-level security" \
  || { [[ "$out" == *"row-level security"* ]] && ok "pg_dump as the owner fails on row-level security (why dxskills_backup exists)" \
    || ng "pg_dump as the owner failed otherwise" "$out"; }
out=$("$PGBIN/pg_dump" -Fc -h 127.0.0.1 -p "$PORT_A" -U dxskills_backup -d dxskills_city -f "$TMP/x.dump" 2>&1) \
  && ng "dxskills_backup could log in before it was given a login" \
  || { [[ "$out" == *"not permitted to log in"* ]] && ok "dxskills_backup has no login until an admin gives it one" || ng "login refused otherwise" "$out"; }
as_postgres -p "$PORT_A" -d postgres -c "ALTER ROLE dxskills_backup LOGIN PASSWORD 'backup-test'"
export PGPASSWORD=backup-test
if out=$("$PGBIN/pg_dump" -Fc --enable-row-security -h 127.0.0.1 -p "$PORT_A" -U dxskills_backup -d dxskills_city \
  -f "$TMP/city.dump" 2>&1); then ok "pg_dump -Fc --enable-row-security as dxskills_backup ($(du -h "$TMP/city.dump" | cut -f1))"; else
  ng "pg_dump as dxskills_backup" "$out"; exit 1; fi
for sql in "DELETE FROM staff" "INSERT INTO tenants (tenant_id, name) VALUES ('999999', 'x')" "UPDATE units SET name = 'x'" "TRUNCATE audit_log"; do
  out=$(psql -XAtq -h 127.0.0.1 -p "$PORT_A" -U dxskills_backup -d dxskills_city -c "$sql" 2>&1) \
    && ng "dxskills_backup could: $sql" || { [[ "$out" == *"permission denied"* ]] && ok "dxskills_backup may not: $sql" || ng "$sql failed otherwise" "$out"; }
done

# 3. The restore into a fresh cluster: the roles first, then pg_restore as its superuser.
B=$(scripts/pg.sh cluster "$TMP/b" dxskills_city)
PORT_B=$(scripts/pg.sh port "$TMP/b")
as_postgres -p "$PORT_B" -d postgres -c "CREATE ROLE dxskills_app LOGIN" -c "CREATE ROLE dxskills_backup NOLOGIN"
if out=$("$PGBIN/pg_restore" --exit-on-error -h 127.0.0.1 -p "$PORT_B" -U postgres -d dxskills_city "$TMP/city.dump" 2>&1); then
  ok "pg_restore into a fresh cluster"; else ng "pg_restore" "$out"; exit 1; fi

# 4. Nothing to migrate; nothing for doctor to fix.
out=$(DATABASE_URL=$B "$BIN" db migrate 2>&1) && [[ "$out" == *"up to date"* ]] && ok "db migrate on the restore: $out" \
  || ng "db migrate on the restore applied something or failed" "$out"
out=$(DATABASE_URL=$B "$BIN" doctor 2>&1) && ok "doctor on the restore: every check ok" || ng "doctor on the restore" "$out"

# 5. The same reports, byte for byte.
SNAPSHOT_DATABASE_URL=$B SNAPSHOT_SETUP=no SNAPSHOT_CALLERS=${SNAPSHOT_CALLERS:-hr1 manager1 staff1} \
  scripts/report-snapshot.sh "$BIN" "$TMP/after" 2>"$TMP/after.log" || { ng "the reports of the restore" "$(tail -n 20 "$TMP/after.log")"; exit 1; }
rm -f "$TMP"/before/*/set-targets-*
sed -i '/\/set-targets-/d' "$TMP/before/exit-codes.txt"
if out=$(diff -r "$TMP/before" "$TMP/after" 2>&1); then ok "every report of the restore is the same ($(find "$TMP/after" -type f | wc -l) files)"; else
  ng "the restore's reports differ" "$out"; fi

# 6. Row-level security on the restore: the service role sees only the transaction's tenant.
app() { psql -XAtq -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT_B" -U dxskills_app -d dxskills_city -c "$1"; }
counts=$(app "BEGIN; SELECT set_config('dxskills.tenant_id', '131001', true); SELECT count(*), count(*) FILTER (WHERE tenant_id <> '131001') FROM staff; COMMIT;" | sed -n 2p)
none=$(app "SELECT count(*) FROM staff")
[[ "$counts" =~ ^[1-9][0-9]*\|0$ ]] && [ "$none" = 0 ] \
  && ok "dxskills_app on the restore: tenant 131001 sees its $(echo "$counts" | cut -d'|' -f1) staff and no other's; no tenant, no row" \
  || ng "row-level security on the restore: tenant 131001 sees $counts (total|foreign), no tenant sees $none"
total=$(psql -XAtq -h 127.0.0.1 -p "$PORT_B" -U postgres -d dxskills_city -c "SELECT count(DISTINCT tenant_id) FROM staff")
[ "$total" = 2 ] && ok "the restore holds both tenants" || ng "the restore holds $total tenants, not 2"

# With BYPASSRLS (only a superuser gives it on PostgreSQL 15), a plain pg_dump works as well.
as_postgres -p "$PORT_A" -d postgres -c "ALTER ROLE dxskills_backup BYPASSRLS"
if out=$("$PGBIN/pg_dump" -Fc -h 127.0.0.1 -p "$PORT_A" -U dxskills_backup -d dxskills_city -f "$TMP/bypass.dump" 2>&1); then
  a=$("$PGBIN/pg_restore" -l "$TMP/city.dump" | grep -c 'TABLE DATA'); b=$("$PGBIN/pg_restore" -l "$TMP/bypass.dump" | grep -c 'TABLE DATA')
  [ "$a" = "$b" ] && ok "with BYPASSRLS, plain pg_dump -Fc works too ($b tables)" || ng "the BYPASSRLS dump has $b tables, not $a"
else ng "plain pg_dump with BYPASSRLS" "$out"; fi

echo "backup-test: $passed ok, $failed NG"
[ "$failed" -eq 0 ]
