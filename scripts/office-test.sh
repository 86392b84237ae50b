#!/usr/bin/env bash
# The Excel files as LibreOffice shows them: one file of each of the 11 reports (and the awkward
# tenant's four, scripts/xlsx-fixtures.sh) converted to CSV by headless LibreOffice Calc, and what it
# shows compared with the report's JSON (scripts/office-check.py): codes keep their zeros, text
# stays text, ratios show 66.7%, totals two decimals, dates 2026-04-01 or, with --date-style wareki
# (roles and certs expiring), 令和8年4月1日. Installs Debian's libreoffice-calc-nogui if soffice is
# missing (as root). No 100,000-row ranking here: scripts/xlsx-test.sh has it.
#   scripts/office-test.sh BIN DATABASE_URL CLUSTER
#   scripts/office-test.sh    (make test-office) builds, and runs on a throwaway cluster of its own;
#                             OFFICE_BIN=… takes that binary instead of building
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then
  BIN=${OFFICE_BIN:-}
  if [ -z "$BIN" ]; then
    scripts/build-deps.sh
    swift build --build-tests  # the same flags as `make test`, so neither rebuilds the other's modules
    BIN=$(swift build --show-bin-path)/dxskills
  fi
  CLUSTER=$(mktemp -d /tmp/dxskills-office.XXXXXX)
  trap 'scripts/pg.sh stop "$CLUSTER"; rm -rf "$CLUSTER"' EXIT
  URL=$(scripts/pg.sh cluster "$CLUSTER" dxskills_office)
  scripts/office-test.sh "$BIN" "$URL" "$CLUSTER"
  exit
fi
BIN=$1 URL=$2 CLUSTER=$3
if ! command -v soffice >/dev/null; then
  echo "office: installing libreoffice-calc-nogui from Debian's packages…" >&2
  if [ "$(id -u)" -ne 0 ]; then echo "run as root, or install libreoffice-calc-nogui yourself" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >&2
fi
LABEL=office
# shellcheck source=scripts/xlsx-fixtures.sh
source scripts/xlsx-fixtures.sh
# NAME TENANT DAY ARGS…: the report as JSON and as XLSX; LibreOffice reads them all at the end.
both() {
  local name=$1 tenant=$2 day=$3 style=iso; shift 3
  [ "${DATE_STYLE[*]}" = "--date-style wareki" ] && style=wareki
  local base=$WORK/$name-$tenant-$style
  if ! "$BIN" "$@" --format json >"$base.json" 2>"$base.err" ||
    ! "$BIN" "$@" --format xlsx -o "$base.xlsx" "${DATE_STYLE[@]}" 2>>"$base.err"; then
    failed=$((failed + 1)); echo "office: FAILED $name ($tenant): $(head -c 300 "$base.err")"; return
  fi
  echo "$name $tenant $style" >>"$WORK/office.list"
}

demo_city
# A second report in 和暦 beside roles: the certificates' expiry days.
DATE_STYLE=(--date-style wareki)
both expiring 139999 2025-04-01 certs expiring --within 3650 --as-of 2025-04-01
DATE_STYLE=()
awkward_tenant

# Every file in one start of LibreOffice per CSV: comma, ", UTF-8 (76), every text cell quoted
# (token 7), first the cells as shown (token 9 true), then their full values (token 9 false).
# A profile of our own, so that runs beside each other or a desktop's LibreOffice do not collide.
PROFILE=$WORK/profile
for kind in shown raw; do
  as_shown=$([ "$kind" = shown ] && echo true || echo false)
  started=$SECONDS
  soffice "-env:UserInstallation=file://$PROFILE" --headless --norestore \
    --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,$as_shown,false" \
    --outdir "$WORK/$kind" "$WORK"/*.xlsx >"$WORK/soffice-$kind.log" 2>&1 ||
    { echo "office: FAILED soffice --convert-to csv: $(tail -c 300 "$WORK/soffice-$kind.log")"; exit 1; }
  echo "office: LibreOffice $(soffice --version | cut -d' ' -f2) converted $(wc -l <"$WORK/office.list") files ($kind) in $((SECONDS - started)) s"
done

while read -r name tenant style; do
  base=$name-$tenant-$style
  shown=$WORK/shown/$base.csv raw=$WORK/raw/$base.csv
  if [ ! -f "$shown" ] || [ ! -f "$raw" ]; then
    failed=$((failed + 1)); echo "office: FAILED $name ($tenant, $style): LibreOffice wrote no CSV"; continue
  fi
  if out=$("$PY" scripts/office-check.py "$name" "$shown" "$raw" "$WORK/$base.json" "$style" 2>&1); then
    passed=$((passed + 1)); echo "office: $out ($tenant)"
  else
    failed=$((failed + 1)); echo "office: FAILED $name ($tenant, $style):"; echo "$out" | head -n 20
  fi
done <"$WORK/office.list"

echo "office: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
