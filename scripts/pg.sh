#!/usr/bin/env bash
# A private PostgreSQL 15 cluster in a folder of ours: init, start, stop, bootstrap.
#   scripts/pg.sh init DIR PORT     create the cluster on first use (trust auth, 127.0.0.1 only)
#   scripts/pg.sh start DIR         start it (detached from the terminal, so Ctrl-C reaches only the service)
#   scripts/pg.sh stop DIR          fast shutdown, if running
#   scripts/pg.sh bootstrap DIR DB  the owner role dxskills and database DB, if missing
#   scripts/pg.sh port DIR          the cluster's port
#   scripts/pg.sh cluster DIR [DB]  a throwaway cluster: init on a free port, fsync off (unless PG_FSYNC=on), start,
#                                   bootstrap DB (default dxskills_template); prints its URL
#                                   postgres://dxskills@127.0.0.1:PORT/DB. Remove it with
#                                   `pg.sh stop DIR` and rm -rf DIR.
#   scripts/pg.sh free-port         a TCP port on 127.0.0.1 that is free now (for any service)
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

ensure_installed() {
  if [ ! -x "$PGBIN/initdb" ]; then
    echo "PostgreSQL 15 is not installed; installing it from Debian's packages…" >&2
    if [ "$(id -u)" -ne 0 ]; then echo "run as root, or install postgresql-15 yourself" >&2; exit 1; fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq postgresql-15 >&2
  fi
}

# initdb refuses to run as root: run the server as the postgres user then.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The one place that picks a free port: the kernel's choice for port 0.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

port_of() { sed -n 's/^port = \([0-9]*\).*/\1/p' "$1/data/postgresql.auto.conf" | tail -n 1; }

cmd=${1:?usage: pg.sh init|start|stop|bootstrap|port|cluster DIR … or pg.sh free-port}
if [ "$cmd" = free-port ]; then free_port; exit 0; fi
dir=${2:?DIR}
dir=$(mkdir -p "$dir" && cd "$dir" && pwd)

case "$cmd" in
  init)
    port=${3:?PORT}
    ensure_installed
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
      as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
      # 400 connections: make test runs every suite at once, each test with a database and two pools
      # of its own, beside services the tests start (each with its pool and its notification loop).
      as_owner tee -a "$dir/data/postgresql.auto.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 400
fsync = ${PG_FSYNC:-on}
timezone = 'Asia/Tokyo'
${PG_EXTRA_CONF:-}
CONF
    fi
    ;;
  start)
    ensure_installed
    if ! as_owner "$PGBIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      as_owner setsid "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
        || { tail -n 20 "$dir/server.log" >&2; exit 1; }
    fi
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    ;;
  bootstrap)
    db=${3:?DB}
    port=$(port_of "$dir")
    psql() { as_owner "$PGBIN/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
    if [ -z "$(psql -c "SELECT 1 FROM pg_roles WHERE rolname = 'dxskills'")" ]; then
      psql -c "CREATE ROLE dxskills LOGIN CREATEDB CREATEROLE"
    fi
    if [ -z "$(psql -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
      psql -c "CREATE DATABASE \"$db\" OWNER dxskills"
    fi
    ;;
  port) port_of "$dir" ;;
  cluster)
    db=${3:-dxskills_template}
    chmod 755 "$dir"  # the postgres user must reach it (mktemp -d makes 700)
    # Durability buys nothing in a cluster that is thrown away (PG_FSYNC=on for a benchmark).
    PG_FSYNC=${PG_FSYNC:-off} "$0" init "$dir" "$(free_port)"
    "$0" start "$dir"
    "$0" bootstrap "$dir" "$db"
    echo "postgres://dxskills@127.0.0.1:$(port_of "$dir")/$db"
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
