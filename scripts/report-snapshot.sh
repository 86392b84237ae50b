#!/usr/bin/env bash
# Every report of a dxskills binary on the demo city, as files, to compare two builds (a refactoring
# must not change one byte of them):   scripts/report-snapshot.sh BIN OUTDIR
#
# A throwaway cluster (scripts/pg.sh cluster), migrations, the demo city (seed 1, default staff),
# fixed targets for FY2025 and FY2026, then `BIN serve` on a free port. For each report, as each
# caller (hr1: the whole city; manager1: デジタル推進部 B1011; evaluator1: 総務局 K10; staff1: self):
#   OUTDIR/CALLER/NAME.json       the CLI's --format json
#   OUTDIR/CALLER/NAME.csv        the CLI's --format csv --lang en, where it has one
#   OUTDIR/CALLER/api-NAME.json   the API's raw answer to the same question (curl)
#   OUTDIR/CALLER/NAME.err        the CLI's stderr, when it wrote any
#   OUTDIR/exit-codes.txt         CALLER/NAME and the CLI's exit code, for every call
#   OUTDIR/api-status.txt         CALLER/api-NAME and the HTTP status, for every request
# Every day is fixed (--as-of, fiscal years): never today. Refusals (403/404) are kept as answers;
# only the request_id of a problem document is replaced by "-", as it differs per process.
# The cluster and the service are removed at the end. Fails if an hr1 call fails.
# BIN migrates with the migrations built into it (DXSKILLS_SQL_DIR: a folder of them instead).
#   SNAPSHOT_DATABASE_URL=URL  an existing database instead of a throwaway cluster (a backup's
#                              restore, an upgraded database), set up as above (migrations, demo
#                              city, targets) unless SNAPSHOT_SETUP=no: then it is only read.
#   SNAPSHOT_CALLERS="hr1 staff1"  fewer callers (default: all four).
set -euo pipefail
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
OUT=${2:?usage: report-snapshot.sh BIN OUTDIR}
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
unset DXSKILLS_URL DXSKILLS_TOKEN XDG_CONFIG_HOME
rm -rf "$OUT"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

CLUSTER=
WORK=$(mktemp -d)
PID=
cleanup() {
  if [ -n "$PID" ]; then kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true; fi
  if [ -n "$CLUSTER" ]; then scripts/pg.sh stop "$CLUSTER"; rm -rf "$CLUSTER"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
export DATABASE_URL
SETUP=yes
if [ -n "${SNAPSHOT_DATABASE_URL:-}" ]; then
  DATABASE_URL=$SNAPSHOT_DATABASE_URL
  [ "${SNAPSHOT_SETUP:-yes}" = no ] && SETUP=
else
  CLUSTER=$(mktemp -d /tmp/dxskills-snapshot.XXXXXX)
  DATABASE_URL=$(scripts/pg.sh cluster "$CLUSTER" dxskills_snapshot)
fi
if [ -n "$SETUP" ]; then
  "$BIN" db migrate ${DXSKILLS_SQL_DIR:+--sql-dir "$DXSKILLS_SQL_DIR"} >/dev/null
  "$BIN" admin demo --seed 1 >/dev/null 2>&1
fi
CALLERS=${SNAPSHOT_CALLERS:-hr1 manager1 evaluator1 staff1}
declare -A TOKEN
for user in $CALLERS; do
  TOKEN[$user]=$("$BIN" admin token issue --tenant 139999 --user "$user" --expires-in-days 1 2>/dev/null)
done
# No HOME config either: the CLI must take the URL and token from the environment only.
export HOME=$WORK/home
mkdir -p "$HOME"

PORT=$(scripts/pg.sh free-port)
"$BIN" serve --port "$PORT" 2>"$WORK/serve.log" &
PID=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null || { echo "report-snapshot: the service did not start" >&2; cat "$WORK/serve.log" >&2; exit 1; }
export DXSKILLS_URL="http://127.0.0.1:$PORT"
API=$DXSKILLS_URL/api/v1

hr_failures=0
# cli CALLER FILE ARGS…: the CLI's stdout to OUTDIR/CALLER/FILE, stderr to …/FILE without extension.err.
cli() {
  local caller=$1 file=$2; shift 2
  local code=0
  mkdir -p "$OUT/$caller"
  # In the caller's folder, so `-o FILE` is relative and the CLI's "wrote FILE" names no temp dir.
  (cd "$OUT/$caller" && DXSKILLS_TOKEN=${TOKEN[$caller]} exec "$BIN" "$@") >"$OUT/$caller/$file" 2>"$WORK/err" || code=$?
  [ -s "$WORK/err" ] && cp "$WORK/err" "$OUT/$caller/${file%.*}.err"
  echo "$caller/$file $code" >>"$OUT/exit-codes.txt"
  if [ "$code" -ne 0 ] && [ "$caller" = hr1 ]; then
    hr_failures=$((hr_failures + 1)); echo "report-snapshot: hr1 $* exited $code: $(cat "$WORK/err")" >&2
  fi
}
# Percent-encodes the bytes of a path that are not ASCII (局 in a query).
urlencode() {
  local LC_ALL=C s=$1 out= c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case "$c" in [\ -~]) out+=$c ;; *) out+=$(printf '%%%02X' "'$c") ;; esac
  done
  printf '%s' "$out"
}
# api CALLER FILE PATH [CURL ARGS…]: the API's body to OUTDIR/CALLER/api-FILE.
api() {
  local caller=$1 file=$2 path=$3; shift 3
  local status
  mkdir -p "$OUT/$caller"
  status=$(curl -sS -o "$WORK/body" -w '%{http_code}' -H "Authorization: Bearer ${TOKEN[$caller]}" "$@" "$API/$(urlencode "$path")")
  if [ "${status:0:1}" = 2 ]; then cp "$WORK/body" "$OUT/$caller/api-$file"; else
    sed 's/"request_id":"[^"]*"/"request_id":"-"/' "$WORK/body" >"$OUT/$caller/api-$file"; fi
  echo "$caller/api-$file $status" >>"$OUT/api-status.txt"
  if [ "${status:0:1}" != 2 ] && [ "$caller" = hr1 ]; then
    hr_failures=$((hr_failures + 1)); echo "report-snapshot: hr1 GET $path: $status" >&2
  fi
}
# report CALLER NAME API_PATH CLI ARGS…: json from the CLI and the API, and the CLI's csv.
report() {
  local caller=$1 name=$2 path=$3; shift 3
  cli "$caller" "$name.json" "$@" --format json
  cli "$caller" "$name.csv" "$@" --format csv --lang en
  api "$caller" "$name.json" "$path"
}

# Fixed targets (through the service, as hr1): the targets report has something to report.
cat >"$WORK/targets-2025.json" <<'JSON'
{"fiscal_year": 2025, "targets": [
  {"type": "leaders_per_unit", "unit_kind": "課", "min": 1},
  {"type": "completion_ratio", "course": "DX-101", "min_ratio": 0.8},
  {"type": "completion_ratio", "course": "DX-101", "min_ratio": 0.9, "unit_kind": "局"},
  {"type": "skill_count", "skill": "P-DS", "level": 3, "min": 10},
  {"type": "skill_ratio", "skill": "L-SEC", "level": 2, "min_ratio": 0.5, "unit_kind": "部"}]}
JSON
cat >"$WORK/targets-2026.json" <<'JSON'
{"fiscal_year": 2026, "targets": [
  {"type": "leaders_per_unit", "unit_kind": "課", "min": 1},
  {"type": "completion_ratio", "course": "DX-101", "min_ratio": 0.5},
  {"type": "completion_ratio", "course": "SEC-101", "min_ratio": 0.3, "unit_kind": "部"},
  {"type": "skill_count", "skill": "L-DATA", "level": 2, "min": 5, "unit_kind": "局"},
  {"type": "skill_ratio", "skill": "L-SEC", "level": 1, "min_ratio": 0.6}]}
JSON
if [ -n "$SETUP" ]; then
  cli hr1 set-targets-2025.out targets set "$WORK/targets-2025.json"
  cli hr1 set-targets-2026.out targets set "$WORK/targets-2026.json"
fi

# Planned transfers (nothing is applied): a move, a move of a section's leader, a retirement.
printf 'employee_no,unit_code,effective_on\n100042,S101010,2026-10-01\n100079,S111010,2026-10-01\n100167,RETIRE,2026-10-01\n' \
  >"$WORK/transfers.csv"

for caller in $CALLERS; do
  api "$caller" me.json me
  for day in 2021-04-01 2024-04-01 2026-04-01; do
    report "$caller" "units-$day" "units?as_of=$day" units tree --as-of "$day"
    report "$caller" "headcount-$day" "headcount?as_of=$day" headcount --as-of "$day"
  done
  report "$caller" units-K10-2024-03-31 "units?unit=K10&as_of=2024-03-31" units tree --unit K10 --as-of 2024-03-31
  report "$caller" headcount-B1011-2025-10-01 "headcount?unit=B1011&as_of=2025-10-01" headcount --unit B1011 --as-of 2025-10-01
  report "$caller" staff-2026-04-01 "staff?as_of=2026-04-01" staff list --as-of 2026-04-01
  report "$caller" staff-S101110-2023-04-01 "staff?unit=S101110&as_of=2023-04-01" staff list --unit S101110 --as-of 2023-04-01
  for employee in 100030 100042 100105 100167; do
    report "$caller" "staff-show-$employee" "staff/$employee?as_of=2026-04-01" staff show "$employee" --as-of 2026-04-01
  done
  # Coverage: several days, every level, each kind, one skill, one subtree.
  for day in 2022-04-01 2024-04-01 2026-04-01; do
    report "$caller" "coverage-$day" "coverage?as_of=$day" coverage --as-of "$day"
  done
  for level in 1 2 3 4; do
    report "$caller" "coverage-level$level-2025-10-01" "coverage?level=$level&as_of=2025-10-01" coverage --level "$level" --as-of 2025-10-01
  done
  for kind in 局 部 課 室; do
    report "$caller" "coverage-$kind-2026-04-01" "coverage?kind=$kind&as_of=2026-04-01" coverage --kind "$kind" --as-of 2026-04-01
  done
  report "$caller" coverage-L-SEC-2-課-2025-04-01 "coverage?kind=課&skill=L-SEC&level=2&as_of=2025-04-01" \
    coverage --kind 課 --skill L-SEC --level 2 --as-of 2025-04-01
  report "$caller" coverage-P-SE-B1011-2026-04-01 "coverage?unit=B1011&skill=P-SE&as_of=2026-04-01" \
    coverage --unit B1011 --skill P-SE --as-of 2026-04-01
  # Completion: several courses, kinds, fiscal years.
  for course in DX-101 SEC-101 DS-301 GEN-101; do
    report "$caller" "completion-$course-2026-04-01" "completion?course=$course&as_of=2026-04-01" completion --course "$course" --as-of 2026-04-01
  done
  report "$caller" completion-DX-101-局-2025-10-01 "completion?course=DX-101&kind=局&as_of=2025-10-01" \
    completion --course DX-101 --kind 局 --as-of 2025-10-01
  for fy in 2023 2025; do
    report "$caller" "completion-DX-101-FY$fy" "completion?course=DX-101&fiscal_year=$fy&as_of=2026-04-01" \
      completion --course DX-101 --fiscal-year "$fy" --as-of 2026-04-01
  done
  report "$caller" completion-BPR-201-B1011 "completion?course=BPR-201&unit=B1011&kind=課&as_of=2026-04-01" \
    completion --course BPR-201 --unit B1011 --kind 課 --as-of 2026-04-01
  # Leaders.
  for day in 2023-04-01 2026-04-01 2026-10-01; do
    report "$caller" "leaders-$day" "leaders?as_of=$day" leaders --as-of "$day"
  done
  report "$caller" leaders-B1011-2026-04-01 "leaders?unit=B1011&as_of=2026-04-01" leaders --unit B1011 --as-of 2026-04-01
  # Targets.
  report "$caller" targets-FY2025 "targets/2025/report?as_of=2026-03-31" targets report --fiscal-year 2025 --as-of 2026-03-31
  report "$caller" targets-FY2026 "targets/2026/report?as_of=2026-10-01" targets report --fiscal-year 2026 --as-of 2026-10-01
  # Transfers impact (POST, writes nothing).
  cli "$caller" transfers-impact.json transfers impact "$WORK/transfers.csv" --format json
  cli "$caller" transfers-impact.csv transfers impact "$WORK/transfers.csv" --format csv --lang en
  cli "$caller" transfers-impact-FY2026.json transfers impact "$WORK/transfers.csv" --fiscal-year 2026 --format json
  api "$caller" transfers-impact.json transfers/impact -X POST -H 'Content-Type: text/csv' --data-binary "@$WORK/transfers.csv"
  api "$caller" transfers-impact-FY2026.json "transfers/impact?fiscal_year=2026" -X POST -H 'Content-Type: text/csv' --data-binary "@$WORK/transfers.csv"
  # Criteria and rankings.
  for fy in 2025 2026; do
    cli "$caller" "criteria-FY$fy.json" criteria show --fiscal-year "$fy"
    api "$caller" "criteria-FY$fy.json" "criteria/$fy"
  done
  for group in none grade job_track 局 部 課; do
    report "$caller" "rankings-FY2025-$group" "rankings?fiscal_year=2025&group=$group&as_of=2026-03-31" \
      rankings --fiscal-year 2025 --group "$group" --as-of 2026-03-31
  done
  report "$caller" rankings-FY2026-2026-10-01 "rankings?fiscal_year=2026&as_of=2026-10-01" rankings --fiscal-year 2026 --as-of 2026-10-01
  report "$caller" rankings-FY2025-K10 "rankings?fiscal_year=2025&unit=K10&as_of=2026-03-31" rankings --fiscal-year 2025 --unit K10 --as-of 2026-03-31
  # The Excel exports: each encoding, to a file and from the API.
  for encoding in utf8-bom utf8 sjis; do
    cli "$caller" "rankings-FY2025-$encoding.out" rankings --fiscal-year 2025 --group 局 --as-of 2026-03-31 --format csv \
      --encoding "$encoding" --replace-unmappable --lang ja -o "rankings-FY2025-$encoding.csv"
    api "$caller" "rankings-export-FY2025-$encoding.csv" \
      "rankings/export?fiscal_year=2025&group=局&as_of=2026-03-31&encoding=$encoding&replace_unmappable=true&lang=ja"
  done
  # Career templates and plans.
  cli "$caller" career-templates.json career-template list --format json
  cli "$caller" career-templates.csv career-template list --format csv --lang en
  api "$caller" career-templates.json career-templates
  for day in 2024-04-01 2026-04-01; do
    report "$caller" "plans-$day" "plans?as_of=$day" plans list --as-of "$day"
  done
  for status in behind on_track completed no_plan; do
    report "$caller" "plans-$status-2026-04-01" "plans?status=$status&as_of=2026-04-01" plans list --status "$status" --as-of 2026-04-01
  done
  report "$caller" plans-B1011-2026-04-01 "plans?unit=B1011&as_of=2026-04-01" plans list --unit B1011 --as-of 2026-04-01
  for employee in 100042 100105 100301; do
    report "$caller" "plans-show-$employee" "plans/$employee?as_of=2026-04-01" plans show "$employee" --as-of 2026-04-01
  done
  # Expiring certifications.
  for day in 2024-04-01 2026-04-01; do
    for within in 90 365 3650; do
      report "$caller" "certs-expiring-$day-$within" "certifications/expiring?as_of=$day&within=$within" \
        certs expiring --as-of "$day" --within "$within"
    done
  done
  # A few of the tables and Japanese headers, as people read them.
  cli "$caller" headcount-2026-04-01-ja.txt headcount --as-of 2026-04-01 --lang ja
  cli "$caller" coverage-2026-04-01-ja.txt coverage --kind 課 --as-of 2026-04-01 --lang ja
  cli "$caller" leaders-2026-04-01-ja.csv leaders --as-of 2026-04-01 --format csv --lang ja
  cli "$caller" plans-2026-04-01-ja.txt plans list --as-of 2026-04-01 --lang ja
done

kill -TERM "$PID"; wait "$PID" || { echo "report-snapshot: serve did not stop cleanly" >&2; hr_failures=$((hr_failures + 1)); }
PID=
files=$(find "$OUT" -type f | wc -l)
refused=$(awk '$2 != 0' "$OUT/exit-codes.txt" | wc -l)
echo "report-snapshot: $files files in $OUT ($refused CLI calls exited non-zero)" >&2
[ "$hr_failures" -eq 0 ]
