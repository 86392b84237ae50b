#!/usr/bin/env bash
# The tests' SMTP servers (scripts/smtp-server.py, on aiosmtpd) in a folder of ours.
#   scripts/smtp.sh start DIR   venv (DIR/venv, or $SMTP_VENV; reused while scripts/smtp-requirements.txt
#                               is unchanged), a test CA and a server certificate for localhost on
#                               first use, four servers on free loopback ports; waits for them, then
#                               prints the tests' variables:
#                                 DXSKILLS_TEST_SMTP_PLAIN=smtp://127.0.0.1:PORT       no TLS, no AUTH
#                                 DXSKILLS_TEST_SMTP_STARTTLS=smtp://dxskills@localhost:PORT?starttls=required
#                                 DXSKILLS_TEST_SMTP_SMTPS=smtps://dxskills@localhost:PORT
#                                 DXSKILLS_TEST_SMTP_REFUSE=smtp://127.0.0.1:PORT      greets with 554
#                                 DXSKILLS_TEST_SMTP_PASSWORD_FILE=DIR/password
#                                 DXSKILLS_TEST_SMTP_CA_FILE=DIR/ca.pem                signs the servers
#                                 DXSKILLS_TEST_SMTP_OTHER_CA_FILE=DIR/other-ca.pem    signs nothing
#                                 DXSKILLS_TEST_SMTP_DIR=DIR/mail                      what they received
#   scripts/smtp.sh stop DIR    stops them, if running
set -euo pipefail
cd "$(dirname "$0")/.."

cmd=${1:?usage: smtp.sh start|stop DIR}
dir=${2:?DIR}
dir=$(mkdir -p "$dir" && cd "$dir" && pwd)
requirements=$PWD/scripts/smtp-requirements.txt

. scripts/venv.sh

running() { [ -f "$dir/smtp.pid" ] && kill -0 "$(cat "$dir/smtp.pid")" 2>/dev/null; }

certificates() {
  local ext=$dir/server.ext
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' >"$ext"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=dxskills test mail CA" \
    -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 3650 \
    -extfile "$ext" -out "$dir/server.pem" 2>/dev/null
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=some other CA" \
    -keyout "$dir/other-ca.key" -out "$dir/other-ca.pem" 2>/dev/null
}

case "$cmd" in
  start)
    venv=${SMTP_VENV:-$dir/venv}
    ensure_venv "$venv" "$requirements"
    [ -f "$dir/server.pem" ] || certificates
    [ -f "$dir/password" ] || { head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$dir/password"; }
    if ! running; then
      ports=()
      for _ in 1 2 3 4; do
        port=$(scripts/pg.sh free-port)
        while [[ " ${ports[*]} " == *" $port "* ]]; do port=$(scripts/pg.sh free-port); done
        ports+=("$port")
      done
      echo "${ports[*]}" >"$dir/ports"
      rm -f "$dir/smtp.log"
      setsid "$venv/bin/python" scripts/smtp-server.py serve "$dir" "${ports[@]}" >"$dir/smtp.log" 2>&1 </dev/null &
      echo $! >"$dir/smtp.pid"
    fi
    read -r plain starttls smtps refuse <"$dir/ports"
    for _ in $(seq 150); do
      grep -q '^ready' "$dir/smtp.log" 2>/dev/null && break
      running || break
      sleep 0.2
    done
    if ! grep -q '^ready' "$dir/smtp.log" 2>/dev/null; then
      echo "the test SMTP servers did not start:" >&2
      tail -n 20 "$dir/smtp.log" >&2
      exit 1
    fi
    echo "DXSKILLS_TEST_SMTP_PLAIN=smtp://127.0.0.1:$plain"
    echo "DXSKILLS_TEST_SMTP_STARTTLS=smtp://dxskills@localhost:$starttls?starttls=required"
    echo "DXSKILLS_TEST_SMTP_SMTPS=smtps://dxskills@localhost:$smtps"
    echo "DXSKILLS_TEST_SMTP_REFUSE=smtp://127.0.0.1:$refuse"
    echo "DXSKILLS_TEST_SMTP_PASSWORD_FILE=$dir/password"
    echo "DXSKILLS_TEST_SMTP_CA_FILE=$dir/ca.pem"
    echo "DXSKILLS_TEST_SMTP_OTHER_CA_FILE=$dir/other-ca.pem"
    echo "DXSKILLS_TEST_SMTP_DIR=$dir/mail"
    ;;
  stop)
    if running; then
      kill "$(cat "$dir/smtp.pid")"
      for _ in $(seq 50); do running || break; sleep 0.1; done
    fi
    rm -f "$dir/smtp.pid"
    ;;
  *)
    echo "usage: smtp.sh start|stop DIR" >&2
    exit 2
    ;;
esac
