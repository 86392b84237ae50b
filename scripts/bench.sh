#!/usr/bin/env bash
# make bench: a release build, the load tools, then scripts/bench.py on a private cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v pgbench >/dev/null || [ -x /usr/lib/postgresql/15/bin/pgbench ] || need+=(postgresql-15)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "install ${need[*]} (Debian packages) first" >&2; exit 1; fi
  echo "installing ${need[*]} from Debian's packages…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq "${need[@]}" >&2
fi
export PATH=/usr/lib/postgresql/15/bin:$PATH
scripts/build-deps.sh
swift build -c release
python3 scripts/bench.py
