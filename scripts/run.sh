#!/usr/bin/env bash
# make run: a private PostgreSQL under .pg/ (unless DATABASE_URL is set), migrations, demo data once,
# then the service on HOST:PORT. Ctrl-C stops the service gracefully, then the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=$(swift build --show-bin-path)/dxskills
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8080}

if [ -z "${DATABASE_URL:-}" ]; then
  PGPORT=${DXSKILLS_PGPORT:-54329}
  scripts/pg.sh init .pg "$PGPORT"
  scripts/pg.sh start .pg
  trap 'echo "stopping PostgreSQL…" >&2; scripts/pg.sh stop .pg' EXIT
  scripts/pg.sh bootstrap .pg dxskills
  PGPORT=$(scripts/pg.sh port .pg)
  export DATABASE_URL="postgres://dxskills@127.0.0.1:$PGPORT/dxskills"
fi

"$BIN" db migrate
"$BIN" admin demo
TOKEN=$("$BIN" admin token issue --tenant 139999 --user hr1 --expires-in-days 30 2>/dev/null)

"$BIN" serve --host "$HOST" --port "$PORT" &
SERVE_PID=$!
# A background job of a script ignores SIGINT, so forward Ctrl-C as SIGTERM: both stop it gracefully.
trap 'kill -TERM "$SERVE_PID" 2>/dev/null || true' INT TERM

for _ in $(seq 1 100); do
  curl -fsS "http://$HOST:$PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "$SERVE_PID" 2>/dev/null || { echo "the service did not start" >&2; exit 1; }
  sleep 0.2
done

URL="http://$HOST:$PORT"
cat <<BANNER

  dxskills is running at $URL   (API: $URL/api/v1, document: $URL/api/v1/openapi.yaml)
  Demo tenant 139999 みなと市. A token for hr1 (role hr), valid 30 days:

    $TOKEN

  Try, in another terminal:

$(scripts/run-examples.sh "$BIN" | sed "s|^|    DXSKILLS_URL=$URL DXSKILLS_TOKEN=$TOKEN |")

  Or open the dashboard at $URL/ and sign in with a demo user (demo tenant only):

    user          role        password
    hr1           人事課 (hr)   hr1-minato-demo
    manager1      所属長        manager1-minato-demo
    evaluator1    評価者        evaluator1-minato-demo
    staff1        職員          staff1-minato-demo
    admin1        管理者        admin1-minato-demo

  From the command line: dxskills login --url $URL --tenant 139999 --user hr1

  Ctrl-C stops the service and the database.

BANNER

status=0
while kill -0 "$SERVE_PID" 2>/dev/null; do
  wait "$SERVE_PID" || status=$?
done
exit "$status"
