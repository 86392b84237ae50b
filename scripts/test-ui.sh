#!/usr/bin/env bash
# make test-ui: the web dashboard in headless Chromium (Debian's chromium + chromium-driver, driven by
# Selenium from PyPI in .venv-ui/) against a throwaway cluster with the demo city. Screenshots of
# every page go to build/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

# A Japanese font too, or the screenshots show boxes instead of text.
# poppler-utils reads the printed PDFs back (pdfinfo, pdftotext, pdftoppm).
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! fc-list :lang=ja 2>/dev/null | grep -q . ||
  ! command -v pdftotext >/dev/null; then
  echo "test-ui: installing chromium, chromium-driver, a Japanese font and poppler-utils from Debian's packages…" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "run as root, or install chromium, chromium-driver, fonts-ipafont-gothic and poppler-utils yourself" >&2; exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq chromium chromium-driver fonts-ipafont-gothic poppler-utils >&2
fi
VENV=.venv-ui
if ! "$VENV/bin/python" -c 'import selenium' 2>/dev/null; then
  echo "test-ui: installing selenium into $VENV/…" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q 'selenium>=4.20,<5' >&2
fi

scripts/build-deps.sh
swift build --build-tests  # the same flags as `make test`, so neither rebuilds the other's modules
BIN=$(swift build --show-bin-path)/dxskills

CLUSTER=$(mktemp -d /tmp/dxskills-ui.XXXXXX)
LOG=$(mktemp)
PID=
cleanup() {
  [ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  scripts/pg.sh stop "$CLUSTER"; rm -rf "$CLUSTER" "$LOG"
}
trap cleanup EXIT
export DATABASE_URL
DATABASE_URL=$(scripts/pg.sh cluster "$CLUSTER" dxskills_ui)
"$BIN" db migrate >/dev/null
"$BIN" admin demo >/dev/null 2>&1
for user in admin1 hr1 manager1 evaluator1 staff1; do
  export "DXSKILLS_UI_TOKEN_$user=$("$BIN" admin token issue --tenant 139999 --user "$user" 2>/dev/null)"
done

PORT=$(scripts/pg.sh free-port)
"$BIN" serve --port "$PORT" 2>"$LOG" &
PID=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

mkdir -p build/screenshots
export DXSKILLS_UI_URL="http://127.0.0.1:$PORT" DXSKILLS_UI_BIN=$BIN DXSKILLS_UI_SCREENSHOTS=build/screenshots
code=0
"$VENV/bin/python" -m unittest -v Tests/UI/test_dashboard.py || code=$?
if [ "$code" -ne 0 ]; then echo "test-ui: the service log ends with:" >&2; tail -n 30 "$LOG" >&2; fi
if grep -q "$DXSKILLS_UI_TOKEN_hr1" "$LOG"; then echo "test-ui: FAILED a token appears in the service log" >&2; code=1; fi
exit "$code"
