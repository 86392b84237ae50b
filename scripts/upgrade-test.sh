#!/usr/bin/env bash
# An upgrade from the previous release, with its data:   scripts/upgrade-test.sh BIN
#  1. the previous release is the last line of RELEASES; its binary is built once from that commit
#     (git archive, no checkout) and cached by commit in ${DXSKILLS_CACHE:-~/.cache/dxskills}, with
#     a copy in .build-prev/COMMIT/; a cached one is used as it is;
#  2. that binary migrates a fresh database with its own migrations and loads the demo city; every
#     report, as its CLI and API give them (scripts/report-snapshot.sh);
#  3. BIN migrates the same database;
#  4. every report again: what the previous release answered, BIN answers the same
#     (scripts/compare-snapshots.py --newer: it may add keys, never change a value), but for the
#     changes made on purpose since, each listed with its reason in scripts/upgrade-known-changes.txt;
#  5. the new features on the upgraded data: doctor, a staff member's マイページ and a claim with
#     evidence, a self-assessment, and a password sign-in on the dashboard.
set -euo pipefail
BIN=$(readlink -f "${1:?usage: upgrade-test.sh BIN}")
cd "$(dirname "$0")/.."
read -r PREV_VERSION PREV_COMMIT < <(grep -v '^#' RELEASES | awk 'NF >= 2' | tail -n 1)
CACHE=${DXSKILLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dxskills}/prev-$PREV_COMMIT
LOCAL=.build-prev/$PREV_COMMIT
TMP=$(mktemp -d /tmp/dxskills-upgrade-test.XXXXXX)
chmod 755 "$TMP"
PID=
cleanup() {
  if [ -n "$PID" ]; then kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  scripts/pg.sh stop "$TMP/pg" 2>/dev/null || true
  if [ -n "${KEEP:-}" ]; then echo "upgrade-test: kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "upgrade-test: ok  $1"; }
ng() { failed=$((failed + 1)); echo "upgrade-test: NG  $1" >&2; [ -z "${2:-}" ] || echo "$2" | head -n 30 >&2; }

# 1. The previous release's binary and migrations.
if [ -x "$CACHE/dxskills" ] && [ -d "$CACHE/sql" ]; then
  OLD=$CACHE
elif [ -x "$LOCAL/dxskills" ] && [ -d "$LOCAL/sql" ]; then
  OLD=$PWD/$LOCAL
else
  git cat-file -e "$PREV_COMMIT^{commit}" 2>/dev/null \
    || { echo "upgrade-test: the previous release $PREV_COMMIT (RELEASES) is not in this repository's history" >&2; exit 1; }
  echo "upgrade-test: building the previous release $PREV_VERSION ($PREV_COMMIT) once; it is cached in $CACHE…" >&2
  rm -rf "$LOCAL"
  mkdir -p "$LOCAL/src"
  git archive "$PREV_COMMIT" | tar -x -C "$LOCAL/src"
  (cd "$LOCAL/src" && swift build --product dxskills --scratch-path ../build >../build.log 2>&1) \
    || { tail -n 30 "$LOCAL/build.log" >&2; echo "upgrade-test: the previous release did not build" >&2; exit 1; }
  # The binary, the resource bundles it loads from beside itself (older releases read their
  # OpenAPI document and templates from them), and its migrations.
  bin=$(cd "$LOCAL/src" && swift build --scratch-path ../build --show-bin-path)
  cp "$bin/dxskills" "$LOCAL/dxskills"
  for bundle in "$bin"/*.resources; do [ -e "$bundle" ] && cp -r "$bundle" "$LOCAL/"; done
  cp -r "$LOCAL/src/sql" "$LOCAL/sql"
  rm -rf "$LOCAL/src" "$LOCAL/build"
  if mkdir -p "$CACHE.part" 2>/dev/null && cp -r "$LOCAL/." "$CACHE.part/"; then
    rm -rf "$CACHE" && mv "$CACHE.part" "$CACHE"
  fi
  OLD=$PWD/$LOCAL
fi
ok "the previous release $PREV_VERSION (${PREV_COMMIT:0:7}): $OLD"

# 2. Its database, with the demo city, and its reports.
URL=$(scripts/pg.sh cluster "$TMP/pg" dxskills_city)
CALLERS=${SNAPSHOT_CALLERS:-hr1 manager1 evaluator1 staff1}
SNAPSHOT_DATABASE_URL=$URL SNAPSHOT_CALLERS=$CALLERS DXSKILLS_SQL_DIR=$OLD/sql \
  scripts/report-snapshot.sh "$OLD/dxskills" "$TMP/before" 2>"$TMP/before.log" \
  || { ng "the previous release's reports" "$(tail -n 20 "$TMP/before.log")"; exit 1; }
before_versions=$(psql "$URL" -XAtqc "SELECT count(*) FROM schema_migrations")
ok "the previous release migrated ($before_versions migrations) and loaded the demo city; $(find "$TMP/before" -type f | wc -l) report files"

# 3. The upgrade.
if out=$(env -u DXSKILLS_SQL_DIR DATABASE_URL="$URL" "$BIN" db migrate 2>&1); then
  ok "db migrate to this release: $(echo "$out" | grep -c '^applied') migrations applied"
else ng "db migrate to this release" "$out"; exit 1; fi
out=$(env -u DXSKILLS_SQL_DIR DATABASE_URL="$URL" "$BIN" db migrate 2>&1) && [[ "$out" == *"up to date"* ]] \
  && ok "db migrate again applies nothing" || ng "the second db migrate" "$out"

# 4. The same answers.
SNAPSHOT_DATABASE_URL=$URL SNAPSHOT_SETUP=no SNAPSHOT_CALLERS=$CALLERS scripts/report-snapshot.sh "$BIN" "$TMP/after" 2>"$TMP/after.log" \
  || { ng "this release's reports on the upgraded database" "$(tail -n 20 "$TMP/after.log")"; exit 1; }
# The targets were set by the previous release's snapshot only.
rm -f "$TMP"/before/*/set-targets-*
sed -i '/\/set-targets-/d' "$TMP/before/exit-codes.txt"
if scripts/compare-snapshots.py "$TMP/before" "$TMP/after" --newer --known scripts/upgrade-known-changes.txt >"$TMP/compare.txt"; then
  ok "$(tail -n 1 "$TMP/compare.txt")"
else
  ng "the reports changed with the upgrade"; cat "$TMP/compare.txt" >&2
fi

# 5. The new features on the upgraded data.
export DATABASE_URL=$URL
out=$("$BIN" doctor 2>&1) && ok "doctor on the upgraded database: every check ok" || ng "doctor after the upgrade" "$out"
PORT=$(scripts/pg.sh free-port)
"$BIN" serve --port "$PORT" 2>"$TMP/serve.log" &
PID=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
export DXSKILLS_URL=http://127.0.0.1:$PORT
# A staff member of the old data has a user named by the employee number.
EMPLOYEE=$(psql "$URL" -XAtqc "SELECT employee_no FROM staff WHERE tenant_id = '139999' AND retired_on IS NULL ORDER BY employee_no LIMIT 1" 2>/dev/null \
  || true)
[ -n "$EMPLOYEE" ] || EMPLOYEE=$(DXSKILLS_TOKEN=$("$BIN" admin token issue --tenant 139999 --user hr1 2>/dev/null) "$BIN" staff list --as-of 2026-04-01 --format csv | sed -n 2p | cut -d, -f1)
STAFF_TOKEN=$("$BIN" admin token issue --tenant 139999 --user "$EMPLOYEE" 2>"$TMP/err") \
  && ok "staff member $EMPLOYEE has a user after the upgrade" || ng "no user for staff member $EMPLOYEE" "$(cat "$TMP/err")"
me=$(DXSKILLS_TOKEN=$STAFF_TOKEN "$BIN" me --as-of 2026-04-01 --format json 2>&1) \
  && python3 -c 'import json,sys; d = json.loads(sys.argv[1]); assert d["staff"]["employee_no"] == sys.argv[2]' "$me" "$EMPLOYEE" \
  && ok "マイページ (me) of $EMPLOYEE" || ng "me" "$me"
printf '%%PDF-1.4\n%% upgrade test\n' >"$TMP/evidence.pdf"
out=$(DXSKILLS_TOKEN=$STAFF_TOKEN "$BIN" claims submit training --course DX-101 --completed-on 2026-06-01 --evidence "$TMP/evidence.pdf" 2>&1) \
  && ok "a claim with evidence on the upgraded data: $out" || ng "claims submit" "$out"
out=$(DXSKILLS_TOKEN=$STAFF_TOKEN "$BIN" claims list --format json 2>&1) \
  && python3 -c 'import json,sys; c = json.loads(sys.argv[1]); assert len(c) == 1 and c[0]["state"] == "submitted", c' "$out" \
  && ok "the claim is listed as submitted" || ng "claims list" "$out"
out=$(DXSKILLS_TOKEN=$STAFF_TOKEN "$BIN" self-assessment set L-SEC 2 --on 2026-06-01 2>&1) \
  && ok "a self-assessment" || ng "self-assessment set" "$out"
# A password user and a sign-in through the dashboard's form.
printf 'upgrade-Test-pass-2026\nupgrade-Test-pass-2026\n' | "$BIN" admin user add --tenant 139999 --name upgrade.hr --role hr --password-stdin >/dev/null 2>"$TMP/err" \
  || ng "admin user add --password-stdin" "$(cat "$TMP/err")"
jar=$TMP/cookies
form=$(curl -fsS -c "$jar" "$DXSKILLS_URL/signin")
csrf=$(echo "$form" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
status=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' -b "$jar" -c "$jar" \
  --data-urlencode "_csrf=$csrf" --data-urlencode "tenant=139999" --data-urlencode "user=upgrade.hr" \
  --data-urlencode "password=upgrade-Test-pass-2026" "$DXSKILLS_URL/signin")
page=$(curl -sS -o /dev/null -w '%{http_code}' -b "$jar" "$DXSKILLS_URL/coverage")
[[ "$status" == 303* ]] && [ "$page" = 200 ] && ok "a password sign-in on the dashboard, then /coverage 200" \
  || ng "password sign-in: $status, then /coverage $page"

echo "upgrade-test: $passed ok, $failed NG (from $PREV_VERSION ${PREV_COMMIT:0:7})"
[ "$failed" -eq 0 ]
