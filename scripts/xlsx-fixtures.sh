# Sourced by scripts/xlsx-test.sh and scripts/office-test.sh (with BIN, URL and CLUSTER set, in the
# repository): the service on a private cluster with the demo city, and the fixtures of the two
# tenants whose reports the Excel files are checked on. The caller defines `both NAME TENANT DAY ARGS…`, which
# makes the report ARGS as JSON and as XLSX (with "${DATE_STYLE[@]}") and checks them, and counts
# in passed and failed.
#   demo_city        tenant 139999, every report (roles with --date-style wareki)
#   awkward_tenant   tenant 139997: codes with leading zeros, 𠮷, 髙 and ①, a name that looks like a
#                    formula, a unit with nobody (an empty ratio)
# shellcheck shell=bash
# shellcheck source=scripts/venv.sh
source scripts/venv.sh
ensure_venv "${XLSX_VENV:-$PWD/.venv-xlsx}" scripts/xlsx-requirements.txt
PY=${XLSX_VENV:-$PWD/.venv-xlsx}/bin/python
scripts/pg.sh bootstrap "$CLUSTER" "${URL##*/}"
export DATABASE_URL=$URL
"$BIN" db migrate >/dev/null
"$BIN" admin demo >/dev/null 2>&1
WORK=$(mktemp -d)
PORT=$(scripts/pg.sh free-port)
"$BIN" serve --port "$PORT" 2>"$WORK/serve.log" &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
export DXSKILLS_URL="http://127.0.0.1:$PORT"
passed=0 failed=0
LABEL=${LABEL:-xlsx}  # the first word of each line printed

demo_city() {
  export DXSKILLS_TOKEN=$("$BIN" admin token issue --tenant 139999 --user hr1 2>/dev/null)
  TODAY=$(TZ=Asia/Tokyo date +%F)
  DATE_STYLE=()
  printf '{"fiscal_year": 2026, "targets": [{"type": "leaders_per_unit", "unit_kind": "課", "min": 1}, {"type": "completion_ratio", "course": "DX-101", "min_ratio": 0.5}, {"type": "skill_count", "skill": "L-SEC", "level": 1, "min": 3, "unit_kind": "部"}]}' >"$WORK/targets.json"
  "$BIN" targets set "$WORK/targets.json" >/dev/null
  MOVER=$("$BIN" staff list --unit S101110 --format csv | sed -n 2p | cut -d, -f1)
  printf 'employee_no,unit_code,effective_on\n%s,S101010,2027-04-01\n' "$MOVER" >"$WORK/moves.csv"
  both headcount 139999 "$TODAY" headcount
  both coverage 139999 "$TODAY" coverage --kind 課
  both completion 139999 "$TODAY" completion --course DX-101
  both leaders 139999 "$TODAY" leaders
  both targets 139999 "$TODAY" targets report --fiscal-year 2026
  both impact 139999 2027-04-01 transfers impact "$WORK/moves.csv" --fiscal-year 2026
  both rankings 139999 2026-03-31 rankings --fiscal-year 2025 --group 局
  both plans 139999 "$TODAY" plans
  both expiring 139999 2025-04-01 certs expiring --within 3650 --as-of 2025-04-01
  both staff 139999 "$TODAY" staff list
  DATE_STYLE=(--date-style wareki)
  both roles 139999 "$TODAY" roles
  DATE_STYLE=()
}

awkward_tenant() {
  "$BIN" admin tenant create --code 139997 --name 𠮷野町 >/dev/null
  "$BIN" admin user add --tenant 139997 --name hr1 --role hr >/dev/null
  export DXSKILLS_TOKEN=$("$BIN" admin token issue --tenant 139997 --user hr1 2>/dev/null)
  cat >"$WORK/units.csv" <<'CSV'
code,name,kind,parent_code,valid_from,valid_to,it_department
010000,𠮷野局,局,,2020-04-01,,false
010200,髙橋課,課,010000,2020-04-01,,true
010300,①番課,課,010000,2020-04-01,,false
CSV
  cat >"$WORK/staff.csv" <<'CSV'
employee_no,name,kana,job_track,employment_type,grade,unit_code,assigned_from,hired_on,retired_on
000123,𠮷田　①子,ヨシダ　マルイチコ,information,regular,主任,010200,2020-04-01,2010-04-01,
000456,=SUM(A1),イコール,general,regular,主事,010200,2020-04-01,2015-04-01,
007890,髙橋　一郎,タカハシ　イチロウ,general,fiscal_year,,010300,2020-04-01,2018-04-01,
CSV
  cat >"$WORK/courses.csv" <<'CSV'
code,title,hours,provider,delivery,pass_score,skills
001,𠮷の研修,3,人事課,elearning,,L-SEC:1
CSV
  printf 'employee_no,course_code,completed_on,status,score,hours\n000123,001,2025-05-01,completed,,\n' >"$WORK/training.csv"
  for kind in units staff courses training; do
    "$BIN" import "$kind" "$WORK/$kind.csv" >/dev/null 2>"$WORK/import.err" ||
      { failed=$((failed + 1)); echo "$LABEL: FAILED the awkward fixture's $kind: $(head -c 300 "$WORK/import.err")"; }
  done
  both headcount 139997 2025-06-01 headcount --as-of 2025-06-01
  both coverage 139997 2025-06-01 coverage --skill L-SEC --as-of 2025-06-01
  both completion 139997 2025-06-01 completion --course 001 --as-of 2025-06-01
  both staff 139997 2025-06-01 staff list --as-of 2025-06-01
  both leaders 139997 2025-06-01 leaders --as-of 2025-06-01
  printf '{"fiscal_year": 2025, "items": [{"code": "hours", "type": "training_hours", "weight": 1, "cap": 10}]}' >"$WORK/criteria.json"
  "$BIN" criteria set "$WORK/criteria.json" >/dev/null ||
    { failed=$((failed + 1)); echo "$LABEL: FAILED the awkward fixture's criteria"; }
  both rankings 139997 2026-03-31 rankings --fiscal-year 2025
}
