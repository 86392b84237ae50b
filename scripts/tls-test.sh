#!/usr/bin/env bash
# DATABASE_URL's TLS options (sslmode, sslrootcert, sslcert, sslkey) with the real binary against a
# real server: a CA, a server certificate for localhost and 127.0.0.1 and a client certificate made
# with openssl, a throwaway cluster with ssl = on that takes TLS connections only (hostssl), and
# dxskills_app admitted only with its client certificate (clientcert=verify-full).
#   scripts/tls-test.sh BIN     one `ok` or `NG` line per check; exit 1 on any NG
set -euo pipefail
BIN=$(cd "$(dirname "${1:?usage: tls-test.sh BIN}")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."

if ! command -v openssl >/dev/null; then
  echo "openssl is not installed; installing it from Debian's packages…" >&2
  if [ "$(id -u)" -ne 0 ]; then echo "run as root, or install openssl yourself" >&2; exit 1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >&2
fi

DIR=$(mktemp -d /tmp/dxskills-tls.XXXXXX)
chmod 755 "$DIR"  # the postgres user must reach it
SERVE_PID=
cleanup() {
  [ -n "$SERVE_PID" ] && kill -TERM "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null
  scripts/pg.sh stop "$DIR" || true
  rm -rf "$DIR"
}
trap cleanup EXIT

# Certificates: two CAs (one the server's, one it never saw), the server's, and dxskills_app's.
C=$DIR/certs
mkdir -p "$C"
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
ca() { # NAME CN
  key "$C/$1.key"
  openssl req -x509 -new -key "$C/$1.key" -out "$C/$1.pem" -days 2 -subj "/CN=$2" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
}
leaf() { # NAME CN EXTENSIONS
  key "$C/$1.key"
  openssl req -new -key "$C/$1.key" -out "$C/$1.csr" -subj "/CN=$2" 2>/dev/null
  openssl x509 -req -in "$C/$1.csr" -CA "$C/ca.pem" -CAkey "$C/ca.key" -CAcreateserial -days 2 \
    -out "$C/$1.pem" -extfile <(printf '%s\n' "$3") 2>/dev/null
}
ca ca "dxskills tls-test CA"
ca other-ca "dxskills tls-test other CA"
leaf server localhost $'subjectAltName = DNS:localhost, IP:127.0.0.1\nextendedKeyUsage = serverAuth'
leaf client dxskills_app 'extendedKeyUsage = clientAuth'
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$C/server.key" "$C/server.pem" "$C/ca.pem"; fi
chmod 600 "$C/server.key"

# The cluster listens on 127.0.0.1 and 127.0.0.2: the certificate names only the first.
PORT=$(scripts/pg.sh free-port)
PG_FSYNC=off PG_EXTRA_CONF="listen_addresses = '127.0.0.1,127.0.0.2'
ssl = on
ssl_cert_file = '$C/server.pem'
ssl_key_file = '$C/server.key'
ssl_ca_file = '$C/ca.pem'" scripts/pg.sh init "$DIR" "$PORT"
cat >"$DIR/data/pg_hba.conf" <<'HBA'
local   all  all                        trust
hostssl all  dxskills_app  127.0.0.0/8  trust clientcert=verify-full
hostssl all  all           127.0.0.0/8  trust
HBA
[ "$(id -u)" -eq 0 ] && chown postgres: "$DIR/data/pg_hba.conf"
scripts/pg.sh start "$DIR"
scripts/pg.sh bootstrap "$DIR" dxskills_tls

failed=0
ok() { echo "ok  $1"; }
ng() { echo "NG  $1"; failed=$((failed + 1)); [ -z "${2:-}" ] || printf '%s\n' "$2" | head -n 8 | sed 's/^/      /'; }
url() { echo "postgres://${3:-dxskills}@$1:$PORT/dxskills_tls?$2"; }
# NAME URL: `db migrate` (or, the schema migrated, its check that nothing is pending) succeeds.
connects() {
  local out
  if out=$(DATABASE_URL=$2 "$BIN" db migrate 2>&1); then ok "$1"; else ng "$1" "$out"; fi
}
# NAME URL PATTERN: the command fails, and its message matches PATTERN (shown on the ok line).
refused() {
  local out code=0
  out=$(DATABASE_URL=$2 "$BIN" ${4:-db migrate} 2>&1) || code=$?
  if [ "$code" -ne 0 ] && grep -qiE -- "$3" <<<"$out"; then
    ok "$1 (exit $code: $(grep -iE -m1 -- "$3" <<<"$out"))"
  else
    ng "$1: exit $code, expected a failure matching /$3/" "$out"
  fi
}
# NAME APP_URL STATUS [PATTERN]: `serve` connecting as dxskills_app with APP_URL answers /readyz with
# STATUS within 10 s, and its log matches PATTERN.
serves() {
  local port log status=none
  port=$(scripts/pg.sh free-port)
  log=$DIR/serve.log
  DATABASE_URL=$(url 127.0.0.1 "sslmode=verify-full&sslrootcert=$C/ca.pem") DXSKILLS_APP_DATABASE_URL=$2 \
    "$BIN" serve --port "$port" 2>"$log" &
  SERVE_PID=$!
  for _ in $(seq 1 50); do
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz" || true)
    [ "$status" = "$3" ] && break
    sleep 0.2
  done
  kill -TERM "$SERVE_PID" 2>/dev/null || true
  wait "$SERVE_PID" 2>/dev/null || true
  SERVE_PID=
  if [ "$status" = "$3" ] && { [ -z "${4:-}" ] || grep -qE -- "$4" "$log"; }; then
    ok "$1 (/readyz $status${4:+; log: $(grep -oE -m1 -- "$4" "$log")})"
  else
    ng "$1: /readyz $status, expected $3${4:+ and /$4/ in the log}" "$(tail -n 8 "$log")"
  fi
}

CA=sslrootcert=$C/ca.pem
OTHER=sslrootcert=$C/other-ca.pem
CLIENT="sslcert=$C/client.pem&sslkey=$C/client.key"

connects "verify-full with the CA, to 127.0.0.1 (IP SAN): db migrate" "$(url 127.0.0.1 "sslmode=verify-full&$CA")"
connects "verify-full with the CA, to localhost (DNS SAN)" "$(url localhost "sslmode=verify-full&$CA")"
serves "serve as dxskills_app with its client certificate (sslcert, sslkey), verify-full" \
  "$(url localhost "sslmode=verify-full&$CA&$CLIENT" dxskills_app)" 200
serves "serve as dxskills_app without a client certificate" "$(url localhost "sslmode=verify-full&$CA" dxskills_app)" 503 \
  'connection requires a valid client certificate'
serves "serve with a CA that did not sign the server's certificate" \
  "$(url localhost "sslmode=verify-full&sslrootcert=$C/other-ca.pem&$CLIENT" dxskills_app)" 503 \
  "the server's certificate is not signed by sslrootcert"
refused "dxskills_app without its client certificate is refused by the server" \
  "$(url 127.0.0.1 "sslmode=verify-full&$CA" dxskills_app)" 'certificate' "db status"
refused "verify-full with a CA that did not sign the server's certificate" \
  "$(url 127.0.0.1 "sslmode=verify-full&$OTHER")" 'certificate'
refused "verify-full to 127.0.0.2, an address the certificate does not name" \
  "$(url 127.0.0.2 "sslmode=verify-full&$CA")" 'certificate|host'
connects "verify-ca to 127.0.0.2: the chain is checked, the name is not" "$(url 127.0.0.2 "sslmode=verify-ca&$CA")"
refused "verify-ca with the other CA" "$(url 127.0.0.2 "sslmode=verify-ca&$OTHER")" 'certificate'
connects "require without a CA: encrypted, the certificate unchecked" "$(url 127.0.0.2 "sslmode=require")"
refused "require with sslrootcert checks the chain like verify-ca (libpq)" "$(url 127.0.0.1 "sslmode=require&$OTHER")" \
  'certificate'
connects "prefer takes TLS from a server that offers it" "$(url 127.0.0.1 "sslmode=prefer")"
refused "sslmode=disable against a server that takes TLS only" "$(url 127.0.0.1 "sslmode=disable")" 'no encryption'
refused "no sslmode (disable) against it" "postgres://dxskills@127.0.0.1:$PORT/dxskills_tls" 'no encryption'
refused "a missing sslrootcert is named" "$(url 127.0.0.1 "sslmode=verify-full&sslrootcert=$DIR/nope.pem")" \
  "sslrootcert $DIR/nope.pem does not exist"
refused "sslcert without sslkey" "$(url 127.0.0.1 "sslmode=require&sslcert=$C/client.pem")" 'sslcert and sslkey go together'
refused "sslkey that is not sslcert's key" "$(url 127.0.0.1 "sslmode=require&sslcert=$C/client.pem&sslkey=$C/server.key")" \
  'is sslkey the key of sslcert'
refused "an unknown sslmode names the words there are" "$(url 127.0.0.1 "sslmode=verify_full")" \
  'not one of disable, allow, prefer, require, verify-ca, verify-full'

if [ "$failed" -eq 0 ]; then echo "tls: all passed"; else echo "tls: $failed NG"; exit 1; fi
