#!/usr/bin/env bash
# Crash-safe imports, end to end, with kills that are proven to land inside the import's transaction.
#
# For each import kind with a large path (training, staff, certifications, ratings) the service is
# killed with SIGKILL TRIALS times while an import of a large file runs. A kill counts as proven
# mid-transaction when, just before it, the import's advisory lock (held from the transaction's first
# statement to its COMMIT) is held in pg_locks and, after it, none of the file's rows are there. Each
# kill must leave the tenant with all of the file's rows and their audit rows, or none of either.
# Then the same file loads with the right counts and a second run inserts nothing. PostgreSQL itself is
# stopped with `pg_ctl stop -m immediate` during an import and restarted: again all or nothing. Two
# imports of the same file at once: one inserts every row, the other finds them all unchanged.
# Fails when fewer than MIN_PROVEN (5) kills were proven.
#   scripts/crash.sh BIN DATABASE_URL CLUSTER
set -euo pipefail
BIN=$1 URL=$2 CLUSTER=$3
TRIALS=${CRASH_TRIALS:-3} ROWS=${CRASH_ROWS:-150000} MIN_PROVEN=${CRASH_MIN_PROVEN:-5}
cd "$(dirname "$0")/.."
scripts/pg.sh bootstrap "$CLUSTER" "${URL##*/}"
export DATABASE_URL=$URL
"$BIN" db migrate >/dev/null
# 2,000 staff: ratings for all of them make a file whose transaction stays open long enough to hit.
"$BIN" admin demo --staff "${CRASH_STAFF:-2000}" >/dev/null 2>&1
TOKEN=$("$BIN" admin token issue --tenant 139999 --user hr1 2>/dev/null)
WORK=$(mktemp -d)
SERVER=
trap '[ -n "$SERVER" ] && kill -KILL $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
PGPORT=$(scripts/pg.sh port "$CLUSTER")
DB=${URL##*/}
sql() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$DB" -qAtX -c "$1"; }
# The rows of each kind's file, told apart from the demo's by their keys, and their table.
declare -A TABLE=([training]=training_records [staff]=staff [certifications]=cert_holdings [ratings]=ratings)
declare -A MARK=(
  [training]="tenant_id = '139999' AND completed_on BETWEEN '1990-01-01' AND '2019-03-31'"
  [staff]="tenant_id = '139999' AND employee_no LIKE '9%'"
  [certifications]="tenant_id = '139999' AND acquired_on < '2005-01-01'"
  [ratings]="tenant_id = '139999' AND fiscal_year = 2026"
)
count() { sql "SELECT count(*) FROM ${TABLE[$1]} WHERE ${MARK[$1]}"; }
# Audit rows of the kind's table written since $2 (an audit row names its table as entity), and the
# rows of the file an import batch since $2 accounts for (sql/018: bulk inserts carry their batch_id).
audited() {
  local rows=0
  [ "$1" != staff ] && rows=$(sql "SELECT count(*) FROM (SELECT batch_id FROM ${TABLE[$1]} WHERE ${MARK[$1]}) x
    JOIN import_batches b ON b.tenant_id = '139999' AND b.id = x.batch_id WHERE b.at >= '$2'")
  echo $(($(sql "SELECT count(*) FROM audit_log WHERE tenant_id = '139999' AND entity = '${TABLE[$1]}' AND at >= '$2'") + rows))
}
# The import's transaction is open exactly while its advisory lock is held.
locked() {
  sql "SELECT count(*) FROM pg_locks, (SELECT hashtext('139999:import')::bigint AS k) key
       WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND classid = ((k >> 32) & 4294967295)::oid AND objid = (k & 4294967295)::oid"
}
remove() { # the file's rows, by the superuser without triggers: every trial starts from none
  sql "SET session_replication_role = replica; DELETE FROM ${TABLE[$1]} WHERE ${MARK[$1]}" >/dev/null
  [ "$1" = staff ] && sql "SET session_replication_role = replica; DELETE FROM users WHERE tenant_id = '139999' AND employee_no LIKE '9%';
    DELETE FROM assignments WHERE tenant_id = '139999' AND employee_no LIKE '9%'" >/dev/null
  return 0
}
python3 - "$WORK" "$ROWS" "$PGPORT" "$DB" <<'PY'
import datetime, subprocess, sys
work, rows, port, db = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
q = lambda sql: subprocess.run(["psql", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", db, "-qAtX", "-c", sql],
                               check=True, capture_output=True, text=True).stdout.split()
# Staff hired by April 2008: the files' days lie after it (training before hire is refused).
staff = q("SELECT employee_no FROM staff WHERE tenant_id = '139999' AND hired_on <= '2008-04-01' ORDER BY 1")
courses = q("SELECT code FROM courses WHERE tenant_id = '139999' ORDER BY 1")
def training(name, first, count):
    with open(f"{work}/{name}.csv", "w") as out:
        out.write("employee_no,course_code,completed_on,status,score,hours\n")
        n, day = 0, 0
        while n < count:
            date = first - datetime.timedelta(days=day)
            for index, employee in enumerate(staff):
                if n == count:
                    break
                out.write(f"{employee},{courses[(index + day) % len(courses)]},{date},completed,,\n")
                n += 1
            day += 1
training("training", datetime.date(2019, 3, 31), rows)
training("a", datetime.date(2009, 3, 31), 20000)
# 30,000 new staff in the 課 of the demo, hired 2020.
sections = q("SELECT code FROM units WHERE tenant_id = '139999' AND kind = '課' AND valid_to IS NULL AND valid_from <= '2020-04-01' ORDER BY 1")
with open(f"{work}/staff.csv", "w") as out:
    out.write("employee_no,name,kana,job_track,employment_type,grade,unit_code,assigned_from,hired_on,retired_on\n")
    for i in range(30000):
        out.write(f"{900000 + i},試験　{i}号,シケン　{i}ゴウ,general,regular,主事,{sections[i % len(sections)]},2020-04-01,2020-04-01,\n")
# FE held by staff hired before 1990, acquired on many days before 2005 (no demo holding is that old).
veterans = q("SELECT employee_no FROM staff WHERE tenant_id = '139999' AND hired_on < '1990-01-01' ORDER BY 1")
with open(f"{work}/certifications.csv", "w") as out:
    out.write("employee_no,cert_code,acquired_on,expires_on\n")
    n, day = 0, 0
    while n < 60000:
        date = datetime.date(2004, 12, 31) - datetime.timedelta(days=day)
        for employee in veterans:
            if n == 60000:
                break
            out.write(f"{employee},FE,{date},\n")
            n += 1
        day += 1
# FY2026 ratings of everyone in service: stage 1 by the next in the list, stage 2 by the one after.
active = q("SELECT employee_no FROM staff WHERE tenant_id = '139999' AND retired_on IS NULL ORDER BY 1")
with open(f"{work}/ratings.csv", "w") as out:
    out.write("employee_no,item,stage,rating,evaluator,fiscal_year\n")
    for i, employee in enumerate(active):
        out.write(f"{employee},contrib,1,{'SABCD'[i % 5]},{active[(i + 1) % len(active)]},2026\n")
        out.write(f"{employee},contrib,2,{'ABBCS'[i % 5]},{active[(i + 2) % len(active)]},2026\n")
PY
declare -A FILE_ROWS=([training]=$ROWS [staff]=30000 [certifications]=60000
  [ratings]=$(($(tail -n +2 "$WORK/ratings.csv" | wc -l))))
for kind in "${!TABLE[@]}"; do
  [ "$(count "$kind")" -eq 0 ] || { echo "crash: the demo already has rows that look like the $kind file's" >&2; exit 1; }
done
start() {
  PORT=$(scripts/pg.sh free-port)
  "$BIN" serve --port "$PORT" 2>>"$WORK/serve.log" &
  SERVER=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  export DXSKILLS_URL="http://127.0.0.1:$PORT" DXSKILLS_TOKEN=$TOKEN
}
stop() { kill -KILL "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; SERVER=; }
# Waits until the import's transaction holds its lock (up to 120 s); false if it never does.
wait_locked() {
  for _ in $(seq 1 2400); do
    [ "$(locked)" -gt 0 ] && return 0
    kill -0 "$1" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}
failed=0 proven=0 unproven=0
fail() { failed=$((failed + 1)); echo "crash: FAILED $*"; }
check_all_or_none() { # KIND SINCE → "none" | "all" | fails
  local n a expected=${FILE_ROWS[$1]}
  n=$(count "$1") a=$(audited "$1" "$2")
  if [ "$n" -eq 0 ] && [ "$a" -eq 0 ]; then echo none
  elif [ "$n" -eq "$expected" ] && [ "$a" -ge "$expected" ]; then echo all
  else echo "partial $n rows, $a audit rows of $expected"; fi
}
for kind in training staff certifications ratings; do
  file=$WORK/$kind.csv
  # How long the transaction stays open here: a dry run takes the lock, plans everything, rolls back.
  start
  "$BIN" import "$kind" "$file" --dry-run >/dev/null 2>&1 &
  CLIENT=$!
  wait_locked $CLIENT || true
  opened=$(date +%s.%N)
  while [ "$(locked)" -gt 0 ]; do sleep 0.02; done
  SPAN=$(python3 -c "print(max(0.05, $(date +%s.%N) - $opened))")
  wait $CLIENT 2>/dev/null || true
  stop
  kills=
  for trial in $(seq 1 "$TRIALS"); do
    start
    since=$(sql "SELECT now()")
    "$BIN" import "$kind" "$file" >/dev/null 2>&1 &
    CLIENT=$!
    if ! wait_locked $CLIENT; then
      stop; wait $CLIENT 2>/dev/null || true; remove "$kind"
      fail "$kind: the import's transaction was never seen open"; continue
    fi
    # Anywhere in the first three quarters of the open transaction (the first quarter of a short one:
    # the checks around the kill take some tens of milliseconds themselves).
    sleep "$(python3 -c "import random; s = $SPAN; print(round(random.uniform(0, s * (0.75 if s >= 1 else 0.25)), 3))")"
    held=$(locked)
    stop
    wait $CLIENT 2>/dev/null || true
    outcome=$(check_all_or_none "$kind" "$since")
    kills="$kills $outcome"
    case "$outcome" in
      none) if [ "$held" -gt 0 ]; then proven=$((proven + 1)); else unproven=$((unproven + 1)); fi ;;
      all) unproven=$((unproven + 1)) ;;
      *) fail "$kind trial $trial left $outcome" ;;
    esac
    remove "$kind"
  done
  echo "crash: $kind: transaction open ${SPAN} s; $TRIALS kills:$kills"
  # The same file then loads whole, and again changes nothing.
  start
  out=$("$BIN" import "$kind" "$file" --format json 2>&1) || fail "$kind: the rerun failed: $(head -c 300 <<<"$out")"
  [ "$(count "$kind")" -eq "${FILE_ROWS[$kind]}" ] || fail "$kind: the rerun left $(count "$kind") of ${FILE_ROWS[$kind]} rows"
  grep -q "\"inserted\" : ${FILE_ROWS[$kind]}" <<<"$out" || fail "$kind: the rerun did not report ${FILE_ROWS[$kind]} inserted: $(head -c 300 <<<"$out")"
  again=$("$BIN" import "$kind" "$file" --format json 2>/dev/null)
  grep -q '"inserted" : 0' <<<"$again" || fail "$kind: the second rerun inserted rows: $(head -c 300 <<<"$again")"
  [ "$(count "$kind")" -eq "${FILE_ROWS[$kind]}" ] || fail "$kind: duplicates after the reruns"
  stop
  remove "$kind"
done

# PostgreSQL itself stops at once in the middle of a training import, then restarts.
start
since=$(sql "SELECT now()")
timeout 60 "$BIN" import training "$WORK/training.csv" >"$WORK/inflight.log" 2>&1 &
CLIENT=$!
SERVED=$(wc -l <"$WORK/serve.log")
if wait_locked $CLIENT; then
  sleep "$(python3 -c "print(round($SPAN * 0.3, 3))")"
  held=$(locked)
  if [ "$(id -u)" -eq 0 ]; then as=(runuser -u postgres --); else as=(); fi
  "${as[@]}" "${PGBIN:-/usr/lib/postgresql/15/bin}/pg_ctl" stop -D "$CLUSTER/data" -m immediate >/dev/null
  scripts/pg.sh start "$CLUSTER" >/dev/null
  rc=0
  wait $CLIENT 2>/dev/null || rc=$?
  outcome=$(check_all_or_none training "$since")
  status=$(tail -n +"$((SERVED + 1))" "$WORK/serve.log" | grep -o 'path=/api/v1/imports/training .*status=[0-9]*' |
    sed 's/.*status=//' | tail -n 1 || true)
  # The CLI takes the import's answer streamed (reference §10.4): HTTP 200 at once, and a 503 is the
  # problem line at its end, which the CLI reports as the database being unreachable.
  if [ "$status:$rc" = 200:69 ] && grep -q "the database is not reachable" "$WORK/inflight.log"; then status=503; fi
  echo "crash: PostgreSQL stopped -m immediate mid-import (lock held: $held): $outcome; the import answered ${status:-nothing} (exit $rc)"
  case "$outcome" in none | all) ;; *) fail "PostgreSQL stop left $outcome" ;; esac
  [ "$outcome" = none ] && [ "$held" -gt 0 ] && proven=$((proven + 1))
  # The request in flight gets an answer: 503 (the CLI's exit 69) when nothing was written, or its
  # counts when the COMMIT came first; never a 500, never silence.
  case "$outcome:$status:$rc" in
    none:503:69 | all:200:0) ;;
    *) fail "the import in flight when PostgreSQL stopped answered ${status:-nothing} (exit $rc, $outcome): $(head -c 300 "$WORK/inflight.log")" ;;
  esac
  remove training
  # New requests after the restart succeed on the same service: its pool reconnects by itself.
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
  "$BIN" import training "$WORK/a.csv" >/dev/null 2>&1 || fail "an import after PostgreSQL's restart failed"
  [ "$(sql "SELECT count(*) FROM training_records WHERE tenant_id = '139999' AND completed_on BETWEEN '1990-01-01' AND '2009-03-31'")" -eq 20000 ] ||
    fail "the import after PostgreSQL's restart did not load its 20000 rows"
  sql "SET session_replication_role = replica; DELETE FROM training_records WHERE tenant_id = '139999' AND completed_on BETWEEN '1990-01-01' AND '2009-03-31'" >/dev/null
else
  fail "the import before PostgreSQL's stop never opened its transaction"
fi
stop
start

# Two imports of the same file at once: serialized by the tenant's import lock, one inserts every
# row and the other finds them all unchanged; nothing is duplicated.
# stdout holds the JSON alone: the import's progress lines (stderr) go to a file of their own.
"$BIN" import training "$WORK/a.csv" --format json >"$WORK/a1.json" 2>"$WORK/a1.err" & A=$!
"$BIN" import training "$WORK/a.csv" --format json >"$WORK/a2.json" 2>"$WORK/a2.err" & B=$!
wait $A || fail "concurrent import 1: $(head -c 300 "$WORK/a1.err")"
wait $B || fail "concurrent import 2: $(head -c 300 "$WORK/a2.err")"
inserted=$(python3 -c 'import json,sys; print(sorted(json.load(open(f))["inserted"] for f in sys.argv[1:]))' "$WORK/a1.json" "$WORK/a2.json" 2>/dev/null || echo "?")
unchanged=$(python3 -c 'import json,sys; print(sorted(json.load(open(f))["unchanged"] for f in sys.argv[1:]))' "$WORK/a1.json" "$WORK/a2.json" 2>/dev/null || echo "?")
[ "$inserted" = "[0, 20000]" ] && [ "$unchanged" = "[0, 20000]" ] ||
  fail "two imports of one file: inserted $inserted, unchanged $unchanged (expected one of each)"
[ "$(sql "SELECT count(*) FROM training_records WHERE tenant_id = '139999' AND completed_on BETWEEN '1990-01-01' AND '2009-03-31'")" -eq 20000 ] ||
  fail "two imports of one file did not leave exactly its 20000 rows"
kill -TERM "$SERVER"
for _ in $(seq 1 200); do kill -0 "$SERVER" 2>/dev/null || break; sleep 0.1; done
kill -0 "$SERVER" 2>/dev/null && fail "the service did not stop within 20 s of SIGTERM"
stop
echo "crash: $proven kills proven inside the transaction (lock held, nothing left), $unproven not proven (needed: $MIN_PROVEN)"
[ "$proven" -ge "$MIN_PROVEN" ] || fail "only $proven kills were proven mid-transaction"
echo "crash: $failed failed"
[ "$failed" -eq 0 ]
