#!/usr/bin/env bash
# Excel files read back with openpyxl (in .venv-xlsx): every report's `--format xlsx` against its
# `--format json`, value by value and type by type (scripts/xlsx-check.py), on the demo city and on a
# tenant of awkward data: codes with leading zeros, 𠮷, 髙 and ①, a name that looks like a formula,
# a unit with nobody (an empty ratio); and a 100,000-row ranking, with the CLI's peak memory. The
# service's `?format=xlsx` of the same reports (curl with the token) is checked against the same JSON
# and must be the CLI's sheet cell for cell, with its content type and attachment name.
#   scripts/xlsx-test.sh BIN DATABASE_URL CLUSTER
set -euo pipefail
BIN=$1 URL=$2 CLUSTER=$3
cd "$(dirname "$0")/.."
# shellcheck source=scripts/xlsx-fixtures.sh
source scripts/xlsx-fixtures.sh
# NAME TENANT DAY ARGS…: the report as JSON and as XLSX, compared.
both() {
  local name=$1 tenant=$2 day=$3; shift 3
  local base=$WORK/$name-$tenant out
  if ! "$BIN" "$@" --format json >"$base.json" 2>"$base.err" ||
    ! "$BIN" "$@" --format xlsx -o "$base.xlsx" "${DATE_STYLE[@]}" 2>>"$base.err"; then
    failed=$((failed + 1)); echo "xlsx: FAILED $name ($tenant): $(head -c 300 "$base.err")"; return
  fi
  if out=$("$PY" scripts/xlsx-check.py "$name" "$base.xlsx" "$base.json" "$tenant" "$day" 2>&1); then
    passed=$((passed + 1)); echo "xlsx: $out ($tenant)"
  else
    failed=$((failed + 1)); echo "xlsx: FAILED $name ($tenant):"; echo "$out" | head -n 20
  fi
}
# The service's headers and labels in the CLI's language (the CLI takes it from LANG).
case "${LC_ALL:-${LANG:-}}" in ja*) SHEET_LANG=ja ;; *) SHEET_LANG=en ;; esac
# NAME TENANT DAY SLUG PATH [CURL ARGS…]: the service's `PATH&format=xlsx` of the report `both NAME
# TENANT` read, against that JSON and that Excel file; answered as XLSX, as an attachment SLUG_TENANT_….
api() {
  local name=$1 tenant=$2 day=$3 slug=$4 path=$5; shift 5
  local base=$WORK/$name-$tenant out separator='?'
  [[ "$path" == *\?* ]] && separator='&'
  if ! curl -fsS -D "$base.api.headers" -H "Authorization: Bearer $DXSKILLS_TOKEN" "$@" -o "$base.api.xlsx" \
    "$DXSKILLS_URL/api/v1/$path${separator}format=xlsx&lang=$SHEET_LANG${API_DATE_STYLE:-}" 2>"$base.api.err"; then
    failed=$((failed + 1)); echo "xlsx: FAILED the API's $name ($tenant): $(head -c 300 "$base.api.err")"; return
  fi
  if ! grep -qi '^content-type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' "$base.api.headers" ||
    ! grep -qi "^content-disposition: attachment; .*filename\*=UTF-8''${slug}_${tenant}_${day}.xlsx" "$base.api.headers"; then
    failed=$((failed + 1))
    echo "xlsx: FAILED the API's $name ($tenant) answered $(grep -i '^content-' "$base.api.headers" | tr -d '\r' | tr '\n' ' ')"
    return
  fi
  if out=$("$PY" scripts/xlsx-check.py "$name" "$base.api.xlsx" "$base.json" "$tenant" "$day" "$base.xlsx" 2>&1); then
    passed=$((passed + 1)); echo "xlsx: API $out ($tenant)"
  else
    failed=$((failed + 1)); echo "xlsx: FAILED the API's $name ($tenant):"; echo "$out" | head -n 20
  fi
}

# The demo city, every report.
demo_city
export DXSKILLS_TOKEN=$("$BIN" admin token issue --tenant 139999 --user hr1 2>/dev/null)
# The same reports from the service, against the JSON and the CLI's file.
api headcount 139999 "$TODAY" headcount headcount
api coverage 139999 "$TODAY" coverage "coverage?kind=%E8%AA%B2"
api completion 139999 "$TODAY" completion "completion?course=DX-101"
api leaders 139999 "$TODAY" leaders leaders
api targets 139999 "$TODAY" targets targets/2026/report
api impact 139999 2027-04-01 transfers-impact "transfers/impact?fiscal_year=2026" \
  -X POST -H 'Content-Type: text/csv' --data-binary "@$WORK/moves.csv"
api rankings 139999 2026-03-31 rankings "rankings?fiscal_year=2025&group=%E5%B1%80"
api plans 139999 "$TODAY" plans plans
api expiring 139999 2025-04-01 certifications-expiring "certifications/expiring?within=3650&as_of=2025-04-01"
api staff 139999 "$TODAY" staff staff
API_DATE_STYLE='&date_style=wareki' api roles 139999 "$TODAY" roles roles
# 和暦 shows as Excel's Japanese calendar; the cell is still a date.
if "$PY" -c "import openpyxl, sys; ws = openpyxl.load_workbook(sys.argv[1]).active; c = ws['G2']
sys.exit(0 if c.is_date and '[\$-411]' in c.number_format and 'ggge' in c.number_format else 1)" "$WORK/roles-139999.xlsx"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "xlsx: FAILED --date-style wareki does not show the 和暦 format"
fi

# Awkward data: zeros in front, characters outside Shift_JIS's common set, a formula-like name.
awkward_tenant
api headcount 139997 2025-06-01 headcount "headcount?as_of=2025-06-01"
api coverage 139997 2025-06-01 coverage "coverage?skill=L-SEC&as_of=2025-06-01"
api completion 139997 2025-06-01 completion "completion?course=001&as_of=2025-06-01"
api staff 139997 2025-06-01 staff "staff?as_of=2025-06-01"
api leaders 139997 2025-06-01 leaders "leaders?as_of=2025-06-01"
api rankings 139997 2026-03-31 rankings "rankings?fiscal_year=2025"
# The codes kept their zeros, the formula stayed text, and 010300's ratio is empty (nobody counted).
if "$PY" - "$WORK" <<'PY'; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "xlsx: FAILED the awkward values"; fi
import openpyxl, sys
work = sys.argv[1]
staff = {r[0].value: r for r in openpyxl.load_workbook(f"{work}/staff-139997.xlsx").active.iter_rows(min_row=2)}
coverage = {r[0].value: r for r in openpyxl.load_workbook(f"{work}/coverage-139997.xlsx").active.iter_rows(min_row=2)}
checks = [
    set(staff) == {"000123", "000456", "007890"},
    staff["000456"][1].value == "=SUM(A1)" and staff["000456"][1].data_type == "s",
    staff["000123"][1].value == "𠮷田\u3000①子" and staff["000123"][3].value == "010200",
    coverage["010300"][6].value is None and coverage["010300"][4].value == 0,
    abs(coverage["010000"][6].value - 0.5) < 1e-9,
]
sys.exit(0 if all(checks) else 1)
PY

# 100,000 staff ranked by one item: the Excel file is written in libxlsxwriter's constant-memory
# mode, so the CLI's peak memory is the JSON it reads, not the sheet.
ROWS=${XLSX_RANKING_ROWS:-100000}
"$BIN" admin tenant create --code 139996 --name 大量市 >/dev/null
"$BIN" admin user add --tenant 139996 --name hr1 --role hr >/dev/null
export DXSKILLS_TOKEN=$("$BIN" admin token issue --tenant 139996 --user hr1 2>/dev/null)
printf 'code,name,kind,parent_code,valid_from,valid_to,it_department\nK1,本庁,局,,2020-04-01,,false\n' >"$WORK/units.csv"
printf '{"fiscal_year": 2025, "items": [{"code": "hours", "type": "training_hours", "weight": 1, "cap": 10}]}' >"$WORK/criteria.json"
"$BIN" import units "$WORK/units.csv" >/dev/null && "$BIN" criteria set "$WORK/criteria.json" >/dev/null ||
  { failed=$((failed + 1)); echo "xlsx: FAILED the large fixture"; }
# The staff themselves straight into the tables, as the superuser: the fixture of the export, not a
# test of the staff import.
psql -h 127.0.0.1 -p "$(scripts/pg.sh port "$CLUSTER")" -U postgres -d "${URL##*/}" -qAtX -c "
  SET session_replication_role = replica;
  INSERT INTO staff (tenant_id, employee_no, name, kana, job_track, employment_type, grade, hired_on)
    SELECT '139996', to_char(i, 'FM000000'), '職員　' || i || '号', 'ショクイン', 'general', 'regular', '主事', '2020-04-01'
    FROM generate_series(0, $ROWS - 1) i;
  INSERT INTO assignments (tenant_id, employee_no, unit_code, valid_from, is_primary)
    SELECT '139996', to_char(i, 'FM000000'), 'K1', '2020-04-01', true FROM generate_series(0, $ROWS - 1) i;
  ANALYZE staff; ANALYZE assignments;" >/dev/null
started=$SECONDS
"$BIN" rankings --fiscal-year 2025 --format json >"$WORK/big.json" 2>"$WORK/big.err" ||
  { failed=$((failed + 1)); echo "xlsx: FAILED the $ROWS-row ranking as JSON: $(head -c 300 "$WORK/big.err")"; }
echo "xlsx: the $ROWS-row ranking took $((SECONDS - started)) s as JSON"
/usr/bin/time -f '%M' -o "$WORK/big.rss" "$BIN" rankings --fiscal-year 2025 --format xlsx -o "$WORK/big.xlsx" 2>"$WORK/big.err" ||
  { failed=$((failed + 1)); echo "xlsx: FAILED the $ROWS-row ranking as XLSX: $(head -c 300 "$WORK/big.err")"; }
rss=$(tail -n 1 "$WORK/big.rss")
[[ "$rss" =~ ^[0-9]+$ ]] || rss=0
if out=$("$PY" - "$WORK/big.xlsx" "$WORK/big.json" "$ROWS" <<'PY'
import json, openpyxl, sys
rows = list(openpyxl.load_workbook(sys.argv[1], read_only=True).active.iter_rows(min_row=2, values_only=True))
lines = json.load(open(sys.argv[2]))
n = int(sys.argv[3])
assert len(rows) == len(lines) == n, (len(rows), len(lines), n)
for row, line in zip(rows, lines):
    assert row[0] == line["employee_no"] and row[4] == line["rank"] and abs(row[3] - float(line["total"])) < 1e-9, (row, line)
print(f"{n} rows, every employee number, total and rank as the JSON's")
PY
); then
  passed=$((passed + 1)); echo "xlsx: rankings of $ROWS staff: $out; the CLI peaked at $((rss / 1024)) MiB"
else
  failed=$((failed + 1)); echo "xlsx: FAILED the $ROWS-row ranking: $out"
fi
# The same ranking from the service: every row, as the JSON.
started=$SECONDS
if curl -fsS -H "Authorization: Bearer $DXSKILLS_TOKEN" -o "$WORK/big.api.xlsx" \
  "$DXSKILLS_URL/api/v1/rankings?fiscal_year=2025&format=xlsx" 2>"$WORK/big.api.err" &&
  out=$("$PY" - "$WORK/big.api.xlsx" "$WORK/big.json" "$ROWS" <<'PY'
import json, openpyxl, sys
rows = list(openpyxl.load_workbook(sys.argv[1], read_only=True).active.iter_rows(min_row=2, values_only=True))
lines = json.load(open(sys.argv[2]))
assert len(rows) == len(lines) == int(sys.argv[3]), (len(rows), len(lines))
for row, line in zip(rows, lines):
    assert row[0] == line["employee_no"] and row[4] == line["rank"], (row, line)
print(f"{len(rows)} rows as the JSON's")
PY
); then
  passed=$((passed + 1)); echo "xlsx: the API's ranking of $ROWS staff: $out, in $((SECONDS - started)) s"
else
  failed=$((failed + 1)); echo "xlsx: FAILED the API's $ROWS-row ranking: ${out:-$(head -c 300 "$WORK/big.api.err")}"
fi
# The sheet is not held in memory: the peak is what the JSON document of 100,000 lines takes.
if [ "$rss" -gt "${XLSX_MAX_RSS_KB:-600000}" ]; then
  failed=$((failed + 1)); echo "xlsx: FAILED the $ROWS-row export peaked at $((rss / 1024)) MiB"
fi

echo "xlsx: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
