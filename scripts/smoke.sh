#!/usr/bin/env bash
# End to end through the real binary: migrate, demo, token, serve, and the commands `make run` prints.
set -euo pipefail
BIN=$1 URL=$2 CLUSTER=$3
cd "$(dirname "$0")/.."
db=${URL##*/}
scripts/pg.sh bootstrap "$CLUSTER" "$db"
export DATABASE_URL=$URL
"$BIN" db migrate >/dev/null
"$BIN" admin demo >/dev/null 2>&1
TOKEN=$("$BIN" admin token issue --tenant 139999 --user hr1 2>/dev/null)
PORT=$(scripts/pg.sh free-port)
LOG=$(mktemp)
# /metrics on the main listener, only to a scraper with this token (it must never reach the log).
METRICS_TOKEN=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
# JSON logs here (LOG_FORMAT=json), text in the browser tests: both formats run under test.
LOG_FORMAT=json DXSKILLS_METRICS_TOKEN=$METRICS_TOKEN "$BIN" serve --port "$PORT" 2>"$LOG" &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
export DXSKILLS_URL="http://127.0.0.1:$PORT" DXSKILLS_TOKEN=$TOKEN

passed=0 failed=0
check() { # NAME EXPECTED_EXIT COMMAND…
  local name=$1 expected=$2; shift 2
  local out code=0
  out=$("$@" 2>&1) || code=$?
  if [ "$code" -eq "$expected" ] && [ -n "$out" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "smoke: FAILED $name: exit $code (expected $expected)"; echo "$out" | head -n 20; fi
}
# NAME EXPECTED EXPRESSION COMMAND…: the command's JSON document, as `d` in the Python EXPRESSION, gives
# EXPECTED. The expected numbers come from SQL on the demo city that follows the reference's
# definitions (§4) on its own, not from the service's functions.
value() {
  local name=$1 expected=$2 expression=$3; shift 3
  local out got code=0
  out=$("$@" 2>&1) || code=$?
  got=$(python3 -c "import json, sys; d = json.loads(sys.stdin.read()); print($expression)" <<<"$out" 2>&1) || true
  if [ "$code" -eq 0 ] && [ "$got" = "$expected" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "smoke: FAILED $name: exit $code, got ${got:0:300} (expected $expected)"; fi
}
PGPORT=$(scripts/pg.sh port "$CLUSTER")
sql() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$db" -qAtX -c "$1"; }
DAY=$(TZ=Asia/Tokyo date +%F)
# Headcount(U, D) by §4.2: primary post on D, active on D, a counted employment type.
counted() { # DAY → a query of (unit_code, employee_no)
  echo "SELECT a.unit_code, s.employee_no FROM staff s
    JOIN assignments a ON a.tenant_id = s.tenant_id AND a.employee_no = s.employee_no
    JOIN tenants t ON t.tenant_id = s.tenant_id
    WHERE s.tenant_id = '139999' AND a.is_primary AND a.valid_from <= '$1' AND (a.valid_to IS NULL OR '$1' <= a.valid_to)
      AND s.hired_on <= '$1' AND (s.retired_on IS NULL OR '$1' <= s.retired_on)
      AND s.employment_type = ANY (t.counted_employment_types)"
}
valid_units() { # DAY [KIND] → the codes, quoted and joined for a Python list
  sql "SELECT string_agg(quote_literal(code), ',') FROM units WHERE tenant_id = '139999' AND valid_from <= '$1'
       AND (valid_to IS NULL OR '$1' <= valid_to) AND ${2:-parent_code IS NULL}"
}
ROOTS=$(valid_units "$DAY")
SECTIONS=$(sql "SELECT count(*) FROM units WHERE tenant_id = '139999' AND kind = '課' AND valid_from <= '$DAY' AND (valid_to IS NULL OR '$DAY' <= valid_to)")
TOTAL=$(sql "SELECT count(*) FROM ($(counted "$DAY")) c")
value "headcount of the tenant" "$TOTAL" "sum(x['headcount'] for x in d if x['unit_code'] in [$ROOTS])" \
  "$BIN" headcount --as-of "$DAY" --format json
value "headcount of 課 S101110" "$(sql "SELECT count(*) FROM ($(counted "$DAY")) c WHERE unit_code = 'S101110'")" \
  "[x['headcount'] for x in d if x['unit_code'] == 'S101110'][0]" "$BIN" headcount --unit S101110 --as-of "$DAY" --format json
value "coverage counts the headcount's staff" "$TOTAL" "sum(x['headcount'] for x in d if x['unit_code'] in [$ROOTS])" \
  "$BIN" coverage --skill L-SEC --level 1 --as-of "$DAY" --format json
COMPLETED=$(sql "SELECT count(DISTINCT c.employee_no) FROM ($(counted "$DAY")) c JOIN training_records r
  ON r.tenant_id = '139999' AND r.employee_no = c.employee_no AND r.course_code = 'DX-101' AND r.status = 'completed' AND r.completed_on <= '$DAY'")
value "completion of DX-101 in the tenant" "$COMPLETED" "sum(x['count'] for x in d if x['unit_code'] in [$ROOTS])" \
  "$BIN" completion --course DX-101 --as-of "$DAY" --format json
value "leaders: one line per valid 課" "$SECTIONS" "len(d)" "$BIN" leaders --as-of "$DAY" --format json
# §4.10: holdings of staff active on D whose last valid day (given, or from the certification's years) is in [D, D + N].
EXPIRING=$(sql "SELECT count(*) FROM cert_holdings h JOIN certifications c ON c.tenant_id = h.tenant_id AND c.code = h.cert_code
  JOIN staff s ON s.tenant_id = h.tenant_id AND s.employee_no = h.employee_no
  WHERE h.tenant_id = '139999' AND s.hired_on <= '2025-04-01' AND (s.retired_on IS NULL OR '2025-04-01' <= s.retired_on)
    AND h.acquired_on <= '2025-04-01'
    AND coalesce(h.expires_on, (h.acquired_on + make_interval(years => c.valid_years) - interval '1 day')::date)
        BETWEEN '2025-04-01' AND date '2025-04-01' + 3650")
value "certs expiring in ten years from 2025-04-01" "$EXPIRING" "len(d)" \
  "$BIN" certs expiring --within 3650 --as-of 2025-04-01 --format json
RANKED=$(sql "SELECT count(*) FROM ($(counted 2026-03-31)) c")
value "rankings: everyone of the headcount on 2026-03-31, and rank 1 heads each group" "$RANKED True" \
  "len(d), all(min(x['rank'] for x in d if x['group'] == g and x['rank']) == 1 for g in {x['group'] for x in d if x['rank']})" \
  "$BIN" rankings --fiscal-year 2025 --group 局 --format json
# The three commands `make run` prints.
while read -r line; do
  check "printed: $line" 0 env $line
done < <(scripts/run-examples.sh "$BIN")
check "coverage json" 0 "$BIN" coverage --kind 局 --skill L-SEC --level 1 --format json
check "completion table" 0 "$BIN" completion --course DX-101 --kind 局 --lang ja
check "expiring certifications" 0 "$BIN" certs expiring --within 3650 --as-of 2025-04-01
check "leaders json" 0 "$BIN" leaders --format json
printf '{"fiscal_year": 2026, "targets": [{"type": "leaders_per_unit", "unit_kind": "課", "min": 1}, {"type": "completion_ratio", "course": "DX-101", "min_ratio": 0.5}]}' >"$LOG.json"
check "targets set" 0 "$BIN" targets set "$LOG.json"
check "targets report" 0 "$BIN" targets report --fiscal-year 2026 --format json
# One line per valid 課 for the first target; the tenant-wide DX-101 ratio is the completed over the headcount.
value "targets report: the 課 of target 0 and the tenant's DX-101 ratio" \
  "$SECTIONS $(python3 -c "print(round($COMPLETED / $TOTAL, 6))")" \
  "len([x for x in d if x['target_index'] == 0]), round([x['actual'] for x in d if x['target_index'] == 1][0], 6)" \
  "$BIN" targets report --fiscal-year 2026 --as-of "$DAY" --format json
printf '{"fiscal_year": 2026, "targets": [{"type": "completion_ratio", "course": "NOPE", "min_ratio": 0.5}]}' >"$LOG.json"
check "a bad targets document is 65" 65 "$BIN" targets set "$LOG.json"
rm -f "$LOG.json"
check "rankings json" 0 "$BIN" rankings --fiscal-year 2025 --group 局 --format json
check "rankings csv for Excel" 0 "$BIN" rankings --fiscal-year 2025 --format csv --encoding sjis --replace-unmappable -o "$LOG.rank.csv"
[ -s "$LOG.rank.csv" ] || { failed=$((failed + 1)); echo "smoke: FAILED rankings -o wrote nothing"; }
# Export progress (reference §10.4): the service names the CSV's rows in DXSkills-Rows (its records,
# counted by Python's csv reader); the CLI shows the rows received of them on stderr, in place on a
# terminal (`script` gives it one), and the rows an Excel file has written; in a log a quick export
# shows no line, and without -o stdout is the CSV alone.
ROWS=$(curl -fsS -D - -o "$LOG.rows.csv" -H "Authorization: Bearer $TOKEN" \
  "$DXSKILLS_URL/api/v1/rankings/export?fiscal_year=2025&encoding=utf8" | tr -d '\r' | awk -F': ' 'tolower($1) == "dxskills-rows" {print $2}')
RECORDS=$(python3 -c 'import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))) - 1)' "$LOG.rows.csv")
if [ -n "$ROWS" ] && [ "$ROWS" -gt 0 ] && [ "$ROWS" = "$RECORDS" ]; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "smoke: FAILED DXSkills-Rows is '$ROWS', the CSV has $RECORDS rows"; fi
script -qec "'$BIN' rankings --fiscal-year 2025 --format csv -o '$LOG.tty.csv' && '$BIN' rankings --fiscal-year 2025 --format xlsx -o '$LOG.tty.xlsx'" /dev/null >"$LOG.tty" 2>&1 || true
if grep -aq "dxskills: $LOG.tty.csv: received $ROWS of $ROWS rows (100.0%)" "$LOG.tty" \
  && grep -aq "dxskills: $LOG.tty.xlsx: wrote $ROWS of $ROWS rows (100.0%)" "$LOG.tty"; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "smoke: FAILED export progress on a terminal"; tr '\r' '\n' <"$LOG.tty" | tail -n 5; fi
"$BIN" rankings --fiscal-year 2025 --format csv --encoding utf8 >"$LOG.out" 2>"$LOG.err" || true
if [ ! -s "$LOG.err" ] && python3 -c 'import csv, sys; rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
sys.exit(0 if len(rows) - 1 == int(sys.argv[2]) else 1)' "$LOG.out" "$ROWS"; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "smoke: FAILED rankings csv on stdout with stderr in a log"; head -n 5 "$LOG.err"; fi
rm -f "$LOG.rows.csv" "$LOG.tty" "$LOG.tty.csv" "$LOG.tty.xlsx" "$LOG.out" "$LOG.err"
rm -f "$LOG.rank.csv"
printf 'employee_no,item,stage,rating,evaluator\nNOPE,contrib,1,A,NOPE\n' >"$LOG.csv"
check "bad ratings are 65" 65 "$BIN" import ratings "$LOG.csv" --fiscal-year 2025
rm -f "$LOG.csv"
printf '{"fiscal_year": 2027, "items": [{"code": "s", "type": "skill_average", "weight": 1, "skills": ["NOPE"]}]}' >"$LOG.json"
check "a bad criteria document is 65" 65 "$BIN" criteria set "$LOG.json"
printf '{"fiscal_year": 2027, "items": [{"code": "h", "type": "training_hours", "weight": 1, "cap": 20}]}' >"$LOG.json"
check "criteria set" 0 "$BIN" criteria set "$LOG.json"
rm -f "$LOG.json"
printf '{"code": "ICT-SMOKE", "name": "スモーク", "stages": [{"name": "基礎期", "years": 3, "placement": "it", "requires": [{"cert": "FE"}]}]}' >"$LOG.json"
check "career-template set" 0 "$BIN" career-template set "$LOG.json"
printf '{"code": "ICT-SMOKE", "name": "スモーク", "stages": [{"name": "基礎期", "years": 0, "placement": "moon"}]}' >"$LOG.json"
check "a bad career template is 65" 65 "$BIN" career-template set "$LOG.json"
rm -f "$LOG.json"
check "plans json" 0 "$BIN" plans --format json
check "plans behind" 0 "$BIN" plans --status behind --lang ja
PLANNED=$("$BIN" plans --format csv | awk -F, 'NR > 1 && $4 != "" {print $1; exit}')
check "plans show" 0 "$BIN" plans show "$PLANNED" --lang ja
value "plans show names its staff member" "$PLANNED" "d[0]['employee_no']" "$BIN" plans show "$PLANNED" --format json
check "plans show of nobody is 66" 66 "$BIN" plans show NOPE
MOVER=$("$BIN" staff list --unit S101110 --format csv | sed -n 2p | cut -d, -f1)
printf 'employee_no,unit_code,effective_on\n%s,S101010,2027-04-01\n' "$MOVER" >"$LOG.csv"
check "transfers impact" 0 "$BIN" transfers impact "$LOG.csv" --fiscal-year 2026 --format json
check "transfers apply" 0 "$BIN" transfers apply "$LOG.csv"
value "transfers apply moved its staff member" "S101110 S101010" "d[0]['unit_code'], d[1]['unit_code']" \
  python3 -c "import subprocess, sys; print('[' + ','.join(subprocess.run([sys.argv[1], 'staff', 'show', sys.argv[2],
    '--as-of', day, '--format', 'json'], capture_output=True, text=True, check=True).stdout for day in ('2027-03-31', '2027-04-01')) + ']')" \
  "$BIN" "$MOVER"
rm -f "$LOG.csv"
check "unknown skill is 66" 66 "$BIN" coverage --skill NOPE
check "bad token is 77" 77 env DXSKILLS_TOKEN=dxs_139999_000000000000_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx "$BIN" headcount
check "unknown unit is 66" 66 "$BIN" headcount --unit NOPE
printf 'code,name\nX1,\n' >"$LOG.csv"
check "bad file is 65" 65 "$BIN" import units "$LOG.csv"
rm -f "$LOG.csv"
# The bad-input corpus through the CLI on the demo city: each file is exit 65 (validation). (Its
# exact problems, and that nothing is written, are checked on the test fixture by BadInputTests.)
while IFS='|' read -r kind file options; do
  if [ "$kind" = transfers ]; then
    check "bad input $kind/$file is 65" 65 "$BIN" transfers apply "Tests/Fixtures/bad-csv/$kind/$file"
  else
    # shellcheck disable=SC2086
    check "bad input $kind/$file is 65" 65 "$BIN" import "$kind" "Tests/Fixtures/bad-csv/$kind/$file" $options
  fi
done < <(python3 - <<'PY'
import glob, json, os
for path in sorted(glob.glob("Tests/Fixtures/bad-csv/*/*.csv")):
    expected = json.load(open(path[:-4] + ".expected"))
    options = []
    if expected.get("encoding"): options += ["--encoding", expected["encoding"]]
    if expected.get("fiscal_year"): options += ["--fiscal-year", str(expected["fiscal_year"])]
    print(os.path.basename(os.path.dirname(path)) + "|" + os.path.basename(path) + "|" + " ".join(options))
PY
)
check "usage error is 64" 64 "$BIN" headcount --as-of 2025-02-30
# A reader that stops early (`| head`) ends the command quietly, not with a trap.
set +e
"$BIN" coverage --format json 2>/dev/null | head -c 1 >/dev/null
status=${PIPESTATUS[0]}
set -e
if [ "$status" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "smoke: FAILED output into a closed pipe"; fi
# `login` follows the XDG rules: $XDG_CONFIG_HOME when set, else $HOME/.config; later commands find the file.
XDG_TMP=$(mktemp -d)
printf '%s\n' "$TOKEN" | env -u DXSKILLS_TOKEN -u XDG_CONFIG_HOME HOME="$XDG_TMP/home" "$BIN" login --token - --url "$DXSKILLS_URL" >/dev/null 2>&1 || true
if [ -f "$XDG_TMP/home/.config/dxskills/credentials.json" ] && [ "$(stat -c %a "$XDG_TMP/home/.config/dxskills/credentials.json")" = 600 ] \
  && env -u DXSKILLS_TOKEN -u DXSKILLS_URL -u XDG_CONFIG_HOME HOME="$XDG_TMP/home" "$BIN" headcount --format json >"$XDG_TMP/out" \
  && grep -q headcount "$XDG_TMP/out"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "smoke: FAILED login does not write or read \$HOME/.config/dxskills/credentials.json (0600)"
fi
printf '%s\n' "$TOKEN" | env -u DXSKILLS_TOKEN HOME="$XDG_TMP/home2" XDG_CONFIG_HOME="$XDG_TMP/xdg" "$BIN" login --token - --url "$DXSKILLS_URL" >/dev/null 2>&1 || true
if [ -f "$XDG_TMP/xdg/dxskills/credentials.json" ] && [ ! -e "$XDG_TMP/home2/.config" ]; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "smoke: FAILED login ignores \$XDG_CONFIG_HOME"; fi
# `login` with a password (read from standard input when it is not a terminal) saves a personal token.
printf 'hr1-minato-demo\n' | env -u DXSKILLS_TOKEN HOME="$XDG_TMP/home3" XDG_CONFIG_HOME="$XDG_TMP/xdg3" \
  "$BIN" login --url "$DXSKILLS_URL" --tenant 139999 --user hr1 >"$XDG_TMP/login.out" 2>&1 || true
if grep -q 'as hr1 (hr)' "$XDG_TMP/login.out" && grep -q '"token" *: *"dxs_139999_' "$XDG_TMP/xdg3/dxskills/credentials.json"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "smoke: FAILED login with a password"; cat "$XDG_TMP/login.out"
fi
check "login with a wrong password is 77" 77 sh -c "printf 'wrong-password-x\n' | env -u DXSKILLS_TOKEN XDG_CONFIG_HOME=$XDG_TMP/xdg4 $BIN login --url $DXSKILLS_URL --tenant 139999 --user evaluator1"
rm -rf "$XDG_TMP"
# A dashboard session and an evidence file, whose id and bytes must never reach the log (checked below).
JAR=$(mktemp)
CSRF=$(curl -fsS -c "$JAR" "$DXSKILLS_URL/signin" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -sS -o /dev/null -b "$JAR" -c "$JAR" --data-urlencode "_csrf=$CSRF" --data-urlencode tenant=139999 \
  --data-urlencode user=hr1 --data-urlencode password=hr1-minato-demo "$DXSKILLS_URL/signin"
SESSION_ID=$(awk '$6 == "dxs_session" { print $7 }' "$JAR")
rm -f "$JAR"
[ -n "$SESSION_ID" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "smoke: FAILED no dashboard session for hr1"; }
STAFF_TOKEN=$("$BIN" admin token issue --tenant 139999 --user staff1 2>/dev/null)
EVIDENCE_MARK="smoke-evidence-$RANDOM$RANDOM"
printf '%%PDF-1.4\n%% %s\n' "$EVIDENCE_MARK" >"$LOG.evidence.pdf"
check "a claim with an evidence file" 0 env DXSKILLS_TOKEN="$STAFF_TOKEN" "$BIN" claims submit certification --cert FE --acquired-on 2026-05-01 --evidence "$LOG.evidence.pdf"
EVIDENCE_B64=$(base64 -w0 "$LOG.evidence.pdf")
rm -f "$LOG.evidence.pdf"
# Bodies refused before they are read: huge announced lengths answered at once, memory flat.
if python3 scripts/probe-bodies.py 127.0.0.1 "$PORT" "$PID" "$STAFF_TOKEN" "$TOKEN" >"$LOG.probe" 2>&1; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "smoke: FAILED oversized bodies"; cat "$LOG.probe"
fi
rm -f "$LOG.probe"
# Self-service on the demo's claims: hr's 確認待ち holds the approved claim; staff1's export is a zip
# that names its own number in its JSON and no other user's claims.
"$BIN" claims list --format json >"$LOG.claims" 2>&1 || true
if python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); sys.exit(0 if c and any(x["state"]=="approved" for x in c) else 1)' "$LOG.claims"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "smoke: FAILED hr's claims queue"; head -n 20 "$LOG.claims"
fi
if env DXSKILLS_TOKEN="$STAFF_TOKEN" "$BIN" me export -o "$LOG.zip" >/dev/null 2>&1 \
  && python3 - "$LOG.zip" <<'PY'
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
me = json.loads(z.read("dxskills-me.json"))
claims = me["claims"]
assert me["user"] == "staff1" and claims, me["user"]
assert all(c["employee_no"] == me["employee_no"] for c in claims), claims
assert all(n.endswith(".csv") or n == "dxskills-me.json" or n.startswith("evidence/") for n in z.namelist())
PY
then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "smoke: FAILED me export"
fi
rm -f "$LOG.claims" "$LOG.zip"
# A token in a URL is refused and never logged (the check for the token in the log is at the end).
code=$(curl -s -o /dev/null -w '%{http_code}' "$DXSKILLS_URL/api/v1/me?access_token=$TOKEN")
if [ "$code" = 401 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "smoke: FAILED ?access_token= gave $code"; fi
# The served OpenAPI document must be valid for a strict reader (YAML 1.1 took an unquoted `on` for true).
curl -fsS "$DXSKILLS_URL/api/v1/openapi.yaml" -o "$LOG.yaml"
if scripts/spec-validate.sh "$LOG.yaml" >"$LOG.valid" 2>&1; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "smoke: FAILED openapi-spec-validator on the served document"; tail -n 30 "$LOG.valid"
fi
rm -f "$LOG.yaml" "$LOG.valid"
# Two principals: what tenant 139999 holds (a claim, its evidence, a staff record, a plan), asked
# for with the hr token of another tenant, is 404; with 139999's own token it is there.
"$BIN" admin tenant create --code 139998 --name 比較市 >/dev/null
"$BIN" admin user add --tenant 139998 --name hr1 --role hr >/dev/null
OTHER_TOKEN=$("$BIN" admin token issue --tenant 139998 --user hr1 2>/dev/null)
curl -fsS -H "Authorization: Bearer $STAFF_TOKEN" "$DXSKILLS_URL/api/v1/claims" -o "$LOG.claims"
# staff1's claim submitted above with its evidence file (before the fuzzers below change it).
read -r CLAIM_ID CLAIM_EMPLOYEE < <(python3 -c '
import json, sys
c = next(c for c in json.load(open(sys.argv[1]))
         if c.get("cert_code") == "FE" and c.get("acquired_on") == "2026-05-01")
print(c["id"], c["employee_no"])' "$LOG.claims")
rm -f "$LOG.claims"
for path in "claims/$CLAIM_ID" "claims/$CLAIM_ID/evidence/1" "staff/$CLAIM_EMPLOYEE" "plans/$CLAIM_EMPLOYEE"; do
  if [ "${path%%/*}" = claims ]; then own_token=$STAFF_TOKEN; else own_token=$TOKEN; fi
  own=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $own_token" "$DXSKILLS_URL/api/v1/$path")
  other=$(curl -s -o "$LOG.other" -w '%{http_code}' -H "Authorization: Bearer $OTHER_TOKEN" "$DXSKILLS_URL/api/v1/$path")
  # The other tenant's answer is a bare problem document: nothing of the object, only the path's own words.
  if [ "$own" = 200 ] && [ "$other" = 404 ] && python3 -c '
import json, sys
problem = json.load(open(sys.argv[1]))
sys.exit(0 if set(problem) <= {"type", "title", "status", "detail", "request_id"} else 1)' "$LOG.other"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "smoke: FAILED two principals on /$path: own $own, other tenant $other"; head -c 300 "$LOG.other"
  fi
done
rm -f "$LOG.other"
# Schemathesis against our own OpenAPI document, every check, bounded (`make fuzz` runs longer).
export FUZZ_CLAIM=$CLAIM_ID FUZZ_EMPLOYEE=$CLAIM_EMPLOYEE
if scripts/schemathesis.sh "$DXSKILLS_URL" "$TOKEN" "${FUZZ_EXAMPLES:-25}" >"$LOG.fuzz" 2>&1; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "smoke: FAILED schemathesis"; tail -n 60 "$LOG.fuzz"
fi
rm -f "$LOG.fuzz"
# The same as a manager and as staff: what the role may not do is 403 and nothing else
# (Tests/Fuzz/role-*.toml), fewer examples each to stay in CI's time.
MANAGER_TOKEN=$("$BIN" admin token issue --tenant 139999 --user manager1 2>/dev/null)
for role in manager staff; do
  if [ "$role" = manager ]; then role_token=$MANAGER_TOKEN; else role_token=$STAFF_TOKEN; fi
  if scripts/schemathesis.sh "$DXSKILLS_URL" "$role_token" "${FUZZ_ROLE_EXAMPLES:-10}" "$role" >"$LOG.fuzz" 2>&1; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "smoke: FAILED schemathesis as $role"; tail -n 60 "$LOG.fuzz"
  fi
done
rm -f "$LOG.fuzz"
# /metrics: 401 without the token; with it, the counters of what ran above (a password sign-in that
# succeeded and one that failed, refused imports).
code=$(curl -s -o /dev/null -w '%{http_code}' "$DXSKILLS_URL/metrics")
curl -fsS -H "Authorization: Bearer $METRICS_TOKEN" "$DXSKILLS_URL/metrics" -o "$LOG.metrics" || true
if [ "$code" = 401 ] && python3 - "$LOG.metrics" <<'PY'
import sys
samples = {}
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip() and not line.startswith("#"):
        series, value = line.rsplit(" ", 1)
        samples[series] = float(value)
for series in ['dxskills_sign_ins_total{method="local",outcome="succeeded"}',
               'dxskills_sign_ins_total{method="local",outcome="failed"}',
               'dxskills_imports_total{kind="units",outcome="invalid"}']:
    assert samples.get(series, 0) >= 1, (series, samples.get(series))
PY
then passed=$((passed + 1)); else failed=$((failed + 1)); echo "smoke: FAILED /metrics (without the token: $code)"; head -n 20 "$LOG.metrics"; fi
rm -f "$LOG.metrics"
# On an address of its own: /metrics there and not on the main listener, and both stop on SIGTERM;
# a bad setting stops serve before it listens.
MPORT=$(scripts/pg.sh free-port) PORT2=$(scripts/pg.sh free-port)
while [ "$PORT2" = "$MPORT" ]; do PORT2=$(scripts/pg.sh free-port); done
DXSKILLS_METRICS_ADDRESS=127.0.0.1:$MPORT "$BIN" serve --port "$PORT2" 2>"$LOG.serve2" &
PID2=$!
trap 'kill -TERM $PID $PID2 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT2/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
own=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$MPORT/metrics" || true)
main=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT2/metrics" || true)
kill -TERM "$PID2"
if wait "$PID2" && [ "$own" = 200 ] && [ "$main" = 404 ]; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "smoke: FAILED metrics address: $own there, $main on the main listener"; tail -n 5 "$LOG.serve2"; fi
rm -f "$LOG.serve2"
check "a short metrics token is 64" 64 env DXSKILLS_METRICS_TOKEN=short timeout 20 "$BIN" serve --port "$PORT2"
check "a bad metrics address is 64" 64 env DXSKILLS_METRICS_ADDRESS=localhost timeout 20 "$BIN" serve --port "$PORT2"
# PostgreSQL stopped: answers are 503 with Retry-After within seconds, /readyz says so; started
# again, the service recovers by itself.
scripts/pg.sh stop "$CLUSTER"
started=$(date +%s)
outage=$(curl -s -o /dev/null -D - -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$DXSKILLS_URL/api/v1/units" | tr -d '\r')
ready=$(curl -s -o /dev/null -w '%{http_code}' "$DXSKILLS_URL/readyz")
took=$(( $(date +%s) - started ))
if [ "${outage##*$'\n'}" = 503 ] && echo "$outage" | grep -qi '^retry-after:' && [ "$ready" = 503 ] && [ "$took" -le 15 ]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "smoke: FAILED with PostgreSQL stopped: ${outage##*$'\n'}, readyz $ready, in $took s"
fi
scripts/pg.sh start "$CLUSTER"
recovered=no
for _ in $(seq 1 60); do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$DXSKILLS_URL/api/v1/units")" = 200 ]; then
    recovered=yes; break
  fi
  sleep 1
done
if [ "$recovered" = yes ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "smoke: FAILED no recovery after PostgreSQL restarted"; fi
grep -q 'request_id' "$LOG" || { failed=$((failed + 1)); echo "smoke: FAILED the service log has no request_id"; }
kill -TERM "$PID"; wait "$PID" || { failed=$((failed + 1)); echo "smoke: FAILED serve did not stop cleanly on SIGTERM"; }
grep -q "$TOKEN" "$LOG" && { failed=$((failed + 1)); echo "smoke: FAILED the token appears in the log"; }
grep -q "$METRICS_TOKEN" "$LOG" && { failed=$((failed + 1)); echo "smoke: FAILED the metrics token appears in the log"; }
# Every line one JSON object; every request line with its request id; no password that was sent.

if python3 - "$LOG" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
objects = [json.loads(line) for line in lines]
requests = [o for o in objects if "path" in o]
assert requests and all(o.get("request_id") for o in requests), "a request line without request_id"
assert all({"time", "level", "message"} <= o.keys() for o in objects)
PY
then passed=$((passed + 1)); else failed=$((failed + 1)); echo "smoke: FAILED LOG_FORMAT=json lines"; head -n 5 "$LOG"; fi
grep -q -e 'minato-demo' -e 'wrong-password-x' "$LOG" && { failed=$((failed + 1)); echo "smoke: FAILED a password appears in the log"; }
grep -q "$STAFF_TOKEN" "$LOG" && { failed=$((failed + 1)); echo "smoke: FAILED the staff token appears in the log"; }
[ -n "$SESSION_ID" ] && grep -qF "$SESSION_ID" "$LOG" && { failed=$((failed + 1)); echo "smoke: FAILED the session id appears in the log"; }
grep -q -e "$EVIDENCE_MARK" -e "${EVIDENCE_B64:0:24}" "$LOG" && { failed=$((failed + 1)); echo "smoke: FAILED evidence bytes appear in the log"; }
echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
