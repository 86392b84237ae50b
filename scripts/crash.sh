#!/usr/bin/env bash
# Crash-safe imports, end to end: the service is killed with SIGKILL at random points of a large
# training import (TRIALS times); each time the tenant holds all of the file's rows or none of them.
# Then the same file completes, a second run adds nothing, and two imports into one tenant at once
# both end correct.   scripts/crash.sh BIN DATABASE_URL CLUSTER
set -euo pipefail
BIN=$1 URL=$2 CLUSTER=$3
TRIALS=${CRASH_TRIALS:-10} ROWS=${CRASH_ROWS:-150000}
cd "$(dirname "$0")/.."
scripts/pg.sh bootstrap "$CLUSTER" "${URL##*/}"
export DATABASE_URL=$URL
"$BIN" db migrate >/dev/null
"$BIN" admin demo --staff 300 >/dev/null 2>&1
TOKEN=$("$BIN" admin token issue --tenant 139999 --user hr1 2>/dev/null)
WORK=$(mktemp -d)
SERVER=
trap '[ -n "$SERVER" ] && kill -KILL $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
PGPORT=$(scripts/pg.sh port "$CLUSTER")
count() { # rows of tenant 139999 with completed_on in [$1, $2]
  psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d "${URL##*/}" -qAtX -c \
    "SELECT count(*) FROM training_records WHERE tenant_id = '139999' AND completed_on BETWEEN '$1' AND '$2'"
}
# Files of new rows: days before FY2019, which no demo record uses. A and B do not overlap.
python3 - "$WORK" "$ROWS" "$PGPORT" "${URL##*/}" <<'PY'
import datetime, subprocess, sys
work, rows, port, db = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
q = lambda sql: subprocess.run(["psql", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", db, "-qAtX", "-c", sql],
                               check=True, capture_output=True, text=True).stdout.split()
staff = q("SELECT employee_no FROM staff WHERE tenant_id = '139999' ORDER BY 1")
courses = q("SELECT code FROM courses WHERE tenant_id = '139999' ORDER BY 1")
def write(name, first, count):
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
write("big", datetime.date(2019, 3, 31), rows)
write("a", datetime.date(2009, 3, 31), 20000)
write("b", datetime.date(1999, 3, 31), 20000)
PY
start() {
  PORT=$(scripts/pg.sh free-port)
  "$BIN" serve --port "$PORT" 2>>"$WORK/serve.log" &
  SERVER=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  export DXSKILLS_URL="http://127.0.0.1:$PORT" DXSKILLS_TOKEN=$TOKEN
}
# How long an import takes here (a dry run does all the work and rolls back): kills land anywhere in it.
start
began=$(date +%s.%N)
"$BIN" import training "$WORK/big.csv" --dry-run >/dev/null 2>&1
SPAN=$(python3 -c "print(max(1.0, $(date +%s.%N) - $began))")
kill -KILL "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=
failed=0 all=0 none=0 kills=
for trial in $(seq 1 "$TRIALS"); do
  start
  "$BIN" import training "$WORK/big.csv" >/dev/null 2>&1 &
  CLIENT=$!
  # Anywhere from the upload to the final statements of the load.
  at=$(python3 -c "import random; print(round(random.uniform(0.2, $SPAN * 1.6), 2))")
  kills="$kills $at"
  sleep "$at"
  kill -KILL "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=
  wait "$CLIENT" 2>/dev/null || true
  n=$(count 1990-01-01 2019-03-31)
  if [ "$n" -eq 0 ]; then none=$((none + 1)); elif [ "$n" -eq "$ROWS" ]; then all=$((all + 1)); else
    failed=$((failed + 1)); echo "crash: FAILED trial $trial left $n of $ROWS rows"; fi
  # Every trial starts from none of the file (removed by the superuser, not through the service).
  psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d "${URL##*/}" -qAtX -c "SET session_replication_role = replica;
    DELETE FROM training_records WHERE tenant_id = '139999' AND completed_on BETWEEN '1990-01-01' AND '2019-03-31'" >/dev/null
done
echo "crash: import takes ${SPAN%.*} s; killed at$kills s"
echo "crash: $TRIALS kills: $none left nothing, $all left the whole file, $failed left part of it"
start
"$BIN" import training "$WORK/big.csv" >/dev/null 2>&1
[ "$(count 2009-04-01 2019-03-31)" -eq "$ROWS" ] || { failed=$((failed + 1)); echo "crash: FAILED the rerun did not load every row"; }
again=$("$BIN" import training "$WORK/big.csv" --format json 2>/dev/null)
grep -q '"inserted" : 0' <<<"$again" || { failed=$((failed + 1)); echo "crash: FAILED the second rerun inserted rows: $again"; }
[ "$(count 2009-04-01 2019-03-31)" -eq "$ROWS" ] || { failed=$((failed + 1)); echo "crash: FAILED duplicates after reruns"; }
# Two imports into one tenant at once: serialized by the tenant's import lock, both complete.
"$BIN" import training "$WORK/a.csv" >/dev/null 2>&1 & A=$!
"$BIN" import training "$WORK/b.csv" >/dev/null 2>&1 & B=$!
wait $A || { failed=$((failed + 1)); echo "crash: FAILED concurrent import A"; }
wait $B || { failed=$((failed + 1)); echo "crash: FAILED concurrent import B"; }
[ "$(count 1990-01-01 2009-03-31)" -eq 40000 ] || { failed=$((failed + 1)); echo "crash: FAILED concurrent imports did not both land"; }
kill -TERM "$SERVER"; wait "$SERVER" || true; SERVER=
echo "crash: $failed failed"
[ "$failed" -eq 0 ]
