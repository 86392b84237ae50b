#!/usr/bin/env bash
# Exactly-once mail, end to end (reference §8.3): the service is killed with SIGKILL after the SMTP
# server has the message and before the service knows it was sent, that is between the send and
# the mark. Then: that one digest goes out a second time, every other digest exactly once, none is
# lost, and a second run of the same day sends nothing.
#   scripts/notify-crash.sh BIN DATABASE_URL CLUSTER      (needs DXSKILLS_TEST_SMTP_*: scripts/smtp.sh)
set -euo pipefail
BIN=$1 URL=$2 CLUSTER=$3
cd "$(dirname "$0")/.."
: "${DXSKILLS_TEST_SMTP_PLAIN:?run scripts/smtp.sh start DIR and export what it prints}"
DB=${URL##*/}
scripts/pg.sh bootstrap "$CLUSTER" "$DB"
export DATABASE_URL=$URL
"$BIN" db migrate >/dev/null
"$BIN" admin demo --staff 300 >/dev/null 2>&1
# The scheduled run waits for 23:59 Tokyo time: only the run of this script writes digests.
"$BIN" admin tenant set --tenant 139999 --notify-at 23:59 >/dev/null 2>&1
TOKEN=$("$BIN" admin token issue --tenant 139999 --user hr1 2>/dev/null)
PGPORT=$(scripts/pg.sh port "$CLUSTER")
sql() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$DB" -qAtX -c "$1"; }
TAG=$(date +%s%N)
DOMAIN=crash$TAG.example.jp
sql "SET session_replication_role = replica; UPDATE users SET email = lower(name) || '@$DOMAIN' WHERE tenant_id = '139999'" >/dev/null
HOLD=$DXSKILLS_TEST_SMTP_DIR/plain.hold
WORK=$(mktemp -d)
SERVER=
trap 'rm -f "$HOLD"; [ -n "$SERVER" ] && kill -KILL $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
start() {
  PORT=$(scripts/pg.sh free-port)
  DXSKILLS_SMTP_URL=$DXSKILLS_TEST_SMTP_PLAIN DXSKILLS_MAIL_FROM="dxskills <noreply@$DOMAIN>" \
    DXSKILLS_NOTIFY_POLL_SECONDS=1 DXSKILLS_NOTIFY_LEASE_SECONDS=3 \
    "$BIN" serve --port "$PORT" 2>>"$WORK/serve.log" &
  SERVER=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  export DXSKILLS_URL="http://127.0.0.1:$PORT" DXSKILLS_TOKEN=$TOKEN
}
received() { # messages the SMTP server holds to each address of this run: "address count" lines
  python3 - "$DXSKILLS_TEST_SMTP_DIR/plain" "$DOMAIN" <<'PY'
import collections, json, os, sys
folder, domain = sys.argv[1], sys.argv[2]
counts = collections.Counter()
for name in os.listdir(folder):
    if name.endswith(".json"):
        for address in json.load(open(os.path.join(folder, name)))["rcpt_tos"]:
            if address.endswith("@" + domain):
                counts[address] += 1
for address, n in sorted(counts.items()):
    print(address, n)
PY
}
failed=0
fail() { failed=$((failed + 1)); echo "notify-crash: FAILED $*"; }

touch "$HOLD"
start
"$BIN" notify run --as-of 2027-03-01 >/dev/null 2>&1
digests=$(sql "SELECT count(*) FROM notification_digests WHERE channel = 'mail'")
[ "$digests" -ge 3 ] || fail "the run wrote $digests mail digests, expected several"
# The first message reaches the server, which holds its answer: the service is between send and mark.
for _ in $(seq 1 200); do [ -n "$(received)" ] && break; sleep 0.1; done
inflight=$(sql "SELECT id || ' ' || address FROM notification_digests WHERE state = 'sending'")
kill -KILL "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=
first=$(received)
[ "$(wc -l <<<"$first")" -eq 1 ] && [ -n "$first" ] || fail "expected one message at the kill, got: $first"
[ "$(wc -l <<<"$inflight")" -eq 1 ] && [ -n "$inflight" ] || fail "expected one digest being sent at the kill: $inflight"
[ "${first% *}" = "${inflight#* }" ] || fail "the message held ($first) is not the digest in flight ($inflight)"
[ "$(sql "SELECT count(*) FROM notification_digests WHERE state = 'sent'")" -eq 0 ] ||
  fail "a digest was marked sent before the kill"
echo "notify-crash: killed between the send and the mark of digest ${inflight% *} (${inflight#* }); $digests mail digests"

rm -f "$HOLD"
start
for _ in $(seq 1 600); do
  [ "$(sql "SELECT count(*) FROM notification_digests WHERE channel = 'mail' AND state = 'sent'")" -eq "$digests" ] && break
  sleep 0.1
done
[ "$(sql "SELECT count(*) FROM notification_digests WHERE channel = 'mail' AND state = 'sent'")" -eq "$digests" ] ||
  fail "not every digest was sent after the restart: $(sql "SELECT state, count(*) FROM notification_digests GROUP BY 1")"
# Each digest's address once, the one in flight twice; none missing.
expected=$(sql "SELECT address || ' ' || CASE WHEN address = '${inflight#* }' THEN 2 ELSE 1 END
  FROM notification_digests WHERE channel = 'mail' ORDER BY address COLLATE \"C\"")
[ "$(received)" = "$expected" ] || fail "messages per address differ:
$(diff <(echo "$expected") <(received) || true)"
# The same day again: nothing new is written or sent.
again=$("$BIN" notify run --as-of 2027-03-01 --format json 2>/dev/null)
[ "$(sql "SELECT count(*) FROM notification_digests")" -eq "$digests" ] || fail "a second run wrote digests"
sleep 3
[ "$(received)" = "$expected" ] || fail "a second run sent mail"
kill -TERM "$SERVER"; wait "$SERVER" || true; SERVER=
echo "notify-crash: $(wc -l <<<"$expected") recipients each got their digest once, the one in flight twice; a second run sent nothing"
echo "notify-crash: $failed failed"
[ "$failed" -eq 0 ]
