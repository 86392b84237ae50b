#!/usr/bin/env bash
# A private OpenLDAP directory for the sign-in tests, in a folder of ours.
#   scripts/slapd.sh start DIR   a fresh slapd seeded with Tests/Fixtures/ldap/seed.ldif on two free
#                                loopback ports (ldap:// for StartTLS, ldaps://), with its own CA and
#                                server certificate; prints the tests' environment as KEY=value lines
#                                (`eval "$(scripts/slapd.sh start DIR | sed 's/^/export /')"`)
#   scripts/slapd.sh stop DIR    stops it, if running (remove DIR yourself)
# The directory refuses every operation outside TLS (`security tls=1`), so a client that forgot
# StartTLS fails instead of passing unnoticed.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SLAPD=/usr/sbin/slapd
SUFFIX="dc=example,dc=lg,dc=jp"
SERVICE_DN="cn=dxskills,ou=services,$SUFFIX"
SERVICE_PASSWORD="dxskills-service-2026"  # matches the hash in seed.ldif

ensure_installed() {
  local missing=()
  [ -x "$SLAPD" ] || missing+=(slapd)
  command -v ldapwhoami >/dev/null || missing+=(ldap-utils)
  command -v openssl >/dev/null || missing+=(openssl)
  if [ ${#missing[@]} -eq 0 ]; then return; fi
  echo "installing ${missing[*]} from Debian's packages…" >&2
  if [ "$(id -u)" -ne 0 ]; then echo "run as root, or install ${missing[*]} yourself" >&2; exit 1; fi
  # Keep the package's own slapd from starting: only our private one should run.
  local policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy"
    trap "rm -f $policy" EXIT
  fi
  export DEBIAN_FRONTEND=noninteractive
  # Only what is missing: naming an installed package would upgrade it.
  apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# A CA and a certificate for 127.0.0.1/localhost that it signs, and a second CA that signs nothing.
make_certificates() {
  local dir=$1
  local key=(-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes)
  for ca in ca other-ca; do
    openssl req -x509 "${key[@]}" -keyout "$dir/$ca.key" -out "$dir/$ca.pem" -days 7 \
      -subj "/O=dxskills tests/CN=$ca" -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  done
  openssl req "${key[@]}" -keyout "$dir/server.key" -out "$dir/server.csr" -subj "/O=dxskills tests/CN=localhost" 2>/dev/null
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
    -out "$dir/server.pem" -days 7 -extfile <(printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" \
      "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth") 2>/dev/null
}

write_config() {
  local dir=$1
  cat >"$dir/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile $dir/slapd.pid
argsfile $dir/slapd.args
TLSCACertificateFile $dir/ca.pem
TLSCertificateFile $dir/server.pem
TLSCertificateKeyFile $dir/server.key
security tls=1
loglevel none

database mdb
suffix "$SUFFIX"
directory $dir/db
maxsize 16777216
# Anonymous may only bind; the service account reads everything but passwords; a user reads itself.
access to attrs=userPassword
  by anonymous auth
  by * none
access to *
  by dn.exact="$SERVICE_DN" read
  by self read
  by anonymous auth
  by * none
CONF
}

running() { [ -f "$1/slapd.pid" ] && kill -0 "$(cat "$1/slapd.pid")" 2>/dev/null; }

cmd=${1:?usage: slapd.sh start|stop DIR}
dir=${2:?DIR}
dir=$(mkdir -p "$dir" && cd "$dir" && pwd)

case "$cmd" in
  start)
    if running "$dir"; then cat "$dir/env"; exit 0; fi
    ensure_installed
    rm -rf "$dir/db" && mkdir -p "$dir/db"
    make_certificates "$dir"
    write_config "$dir"
    printf '%s' "$SERVICE_PASSWORD" >"$dir/bind.pw" && chmod 600 "$dir/bind.pw"
    slapadd -q -f "$dir/slapd.conf" -l "$ROOT/Tests/Fixtures/ldap/seed.ldif" >"$dir/slapadd.log" 2>&1 \
      || { cat "$dir/slapadd.log" >&2; exit 1; }
    starttls_port=$("$ROOT/scripts/pg.sh" free-port)
    ldaps_port=$("$ROOT/scripts/pg.sh" free-port)
    # slapd detaches itself; setsid keeps a Ctrl-C in the caller's terminal from reaching it.
    setsid "$SLAPD" -f "$dir/slapd.conf" -h "ldap://127.0.0.1:$starttls_port/ ldaps://127.0.0.1:$ldaps_port/" \
      >"$dir/slapd.log" 2>&1 </dev/null || { cat "$dir/slapd.log" >&2; exit 1; }
    for _ in $(seq 100); do
      if LDAPTLS_CACERT="$dir/ca.pem" LDAPTLS_REQCERT=demand ldapwhoami -x -ZZ -o nettimeout=1 \
        -H "ldap://127.0.0.1:$starttls_port" -D "$SERVICE_DN" -y "$dir/bind.pw" >/dev/null 2>&1; then
        cat >"$dir/env" <<ENV
DXSKILLS_TEST_LDAP_URL=ldap://127.0.0.1:$starttls_port
DXSKILLS_TEST_LDAPS_URL=ldaps://127.0.0.1:$ldaps_port
DXSKILLS_TEST_LDAP_CA=$dir/ca.pem
DXSKILLS_TEST_LDAP_OTHER_CA=$dir/other-ca.pem
DXSKILLS_TEST_LDAP_BASE_DN=$SUFFIX
DXSKILLS_TEST_LDAP_BIND_DN=$SERVICE_DN
DXSKILLS_TEST_LDAP_BIND_PASSWORD_FILE=$dir/bind.pw
ENV
        cat "$dir/env"
        exit 0
      fi
      sleep 0.1
    done
    echo "slapd did not answer on 127.0.0.1:$starttls_port within 10 s" >&2
    cat "$dir/slapd.log" >&2
    exit 1
    ;;
  stop)
    if running "$dir"; then
      pid=$(cat "$dir/slapd.pid")
      kill "$pid"
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.1; done
      echo "slapd ($pid) did not stop within 10 s" >&2
      exit 1
    fi
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
