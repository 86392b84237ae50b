#!/usr/bin/env bash
# The test OpenID provider (scripts/oidc-provider.py, on pyop) in a folder of ours.
#   scripts/oidc.sh start DIR   venv (DIR/venv, or $OIDC_VENV; reused while scripts/oidc-requirements.txt
#                               is unchanged), keys and client secrets on first use, the OP on a free
#                               loopback port; waits for discovery, then prints the tests' variables:
#                                 DXSKILLS_TEST_OIDC_ISSUER=http://127.0.0.1:PORT
#                                 DXSKILLS_TEST_OIDC_CLIENT_ID=dxskills
#                                 DXSKILLS_TEST_OIDC_CLIENT_SECRET_FILE=DIR/client-secret
#                                 DXSKILLS_TEST_OIDC_OTHER_CLIENT_ID=dxskills-other
#                                 DXSKILLS_TEST_OIDC_PUBLIC_CLIENT_ID=dxskills-public
#   scripts/oidc.sh stop DIR    stops it, if running
set -euo pipefail
cd "$(dirname "$0")/.."

cmd=${1:?usage: oidc.sh start|stop DIR}
dir=${2:?DIR}
dir=$(mkdir -p "$dir" && cd "$dir" && pwd)
requirements=$PWD/scripts/oidc-requirements.txt

. scripts/venv.sh

running() { [ -f "$dir/op.pid" ] && kill -0 "$(cat "$dir/op.pid")" 2>/dev/null; }

case "$cmd" in
  start)
    venv=${OIDC_VENV:-$dir/venv}
    ensure_venv "$venv" "$requirements"
    python=$venv/bin/python
    [ -f "$dir/keys.json" ] || "$python" scripts/oidc-provider.py keygen "$dir"
    if ! running; then
      port=$(scripts/pg.sh free-port)
      echo "$port" >"$dir/port"
      setsid "$python" scripts/oidc-provider.py serve "$dir" "$port" >"$dir/op.log" 2>&1 </dev/null &
      echo $! >"$dir/op.pid"
    fi
    port=$(cat "$dir/port")
    issuer=http://127.0.0.1:$port
    if ! "$python" - "$issuer" "$(cat "$dir/op.pid")" <<'PY'; then
import os, sys, time, urllib.request
for _ in range(150):
    os.kill(int(sys.argv[2]), 0)  # gone: the log says why
    try:
        urllib.request.urlopen(sys.argv[1] + "/.well-known/openid-configuration", timeout=1).read()
        sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit(1)
PY
      echo "the OpenID provider did not answer at $issuer:" >&2
      tail -n 20 "$dir/op.log" >&2
      exit 1
    fi
    echo "DXSKILLS_TEST_OIDC_ISSUER=$issuer"
    echo "DXSKILLS_TEST_OIDC_CLIENT_ID=dxskills"
    echo "DXSKILLS_TEST_OIDC_CLIENT_SECRET_FILE=$dir/client-secret"
    echo "DXSKILLS_TEST_OIDC_OTHER_CLIENT_ID=dxskills-other"
    echo "DXSKILLS_TEST_OIDC_PUBLIC_CLIENT_ID=dxskills-public"
    ;;
  stop)
    if running; then
      kill "$(cat "$dir/op.pid")"
      for _ in $(seq 50); do running || break; sleep 0.1; done
    fi
    rm -f "$dir/op.pid"
    ;;
  *)
    echo "usage: oidc.sh start|stop DIR" >&2
    exit 2
    ;;
esac
