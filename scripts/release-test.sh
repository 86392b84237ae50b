#!/usr/bin/env bash
# make test-release: the .deb installs and serves on a root with no source tree and no Swift toolchain.
#   scripts/release-test.sh [DEB]      (without DEB: scripts/release.sh builds one)
# The root is a Debian 12 made by debootstrap (minbase plus the package's Depends), cached as a
# tarball in ${DXSKILLS_CACHE:-~/.cache/dxskills}. Where debootstrap cannot reach Debian's mirror,
# the package is unpacked into an empty folder instead and run with the toolchain off PATH
# (RELEASE_ROOT=extract forces that). Against a fresh PostgreSQL cluster: db migrate (twice),
# doctor, admin tenant create, the service started as systemd would (the dxskills user, the
# settings file), imports and a report through it, then a clean stop. One line per check.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "release-test: run as root (chroot, useradd in the root)" >&2; exit 77; }
DEB=${1:-}
if [ -z "$DEB" ]; then DEB=$(scripts/release.sh | grep '\.deb$'); fi
DEB=$(readlink -f "$DEB")
CACHE=${DXSKILLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dxskills}
TMP=$(mktemp -d /tmp/dxskills-release-test.XXXXXX)
chmod 755 "$TMP"
ROOT=$TMP/root
PID=
MOUNTED=
cleanup() {
  if [ -n "$PID" ]; then kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  for m in $MOUNTED; do umount -l "$m" 2>/dev/null || true; done
  scripts/pg.sh stop "$TMP/pg" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "release-test: ok  $1"; }
ng() { failed=$((failed + 1)); echo "release-test: NG  $1" >&2; [ -z "${2:-}" ] || echo "$2" | head -n 20 >&2; }

# The tarball beside the .deb holds the same files under one folder.
TARBALL=${DEB%_amd64.deb}; TARBALL=$(dirname "$DEB")/dxskills-${TARBALL##*/dxskills_}-linux-x86_64.tar.gz
if [ -f "$TARBALL" ]; then
  listing=$(tar -tzf "$TARBALL")
  missing=
  for f in usr/bin/dxskills lib/systemd/system/dxskills.service etc/dxskills/dxskills.env \
    usr/share/doc/dxskills/THIRD_PARTY_LICENSES usr/share/doc/dxskills/operations.md usr/share/man/man1/dxskills.1.gz \
    usr/share/bash-completion/completions/dxskills; do
    grep -q "^dxskills-[^/]*/$f\$" <<<"$listing" || missing="$missing $f"
  done
  [ -z "$missing" ] && ok "the tarball holds the binary, the unit, the settings, the licenses and the guide" \
    || ng "the tarball lacks:$missing"
else
  ng "no tarball beside the .deb ($TARBALL)"
fi

depends=$(dpkg-deb -f "$DEB" Depends | tr -d ' ' | sed 's/([^)]*)//g')
mode=${RELEASE_ROOT:-chroot}
if [ "$mode" = chroot ]; then
  command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null 2>&1 || true
  key=$(echo "bookworm $depends" | sha256sum | cut -c1-12)
  base=$CACHE/bookworm-$key.tar
  if [ ! -s "$base" ] && command -v debootstrap >/dev/null; then
    echo "release-test: making a Debian 12 root with debootstrap (once; cached in $base)…" >&2
    mkdir -p "$CACHE" "$TMP/boot"
    if debootstrap --variant=minbase --include="$depends" bookworm "$TMP/boot" http://deb.debian.org/debian \
      >"$TMP/debootstrap.log" 2>&1; then
      tar -C "$TMP/boot" -cf "$base.part" . && mv "$base.part" "$base"
    else
      echo "release-test: debootstrap failed ($(tail -n 1 "$TMP/debootstrap.log")); unpacking into an empty folder instead" >&2
    fi
    rm -rf "$TMP/boot"
  fi
  [ -s "$base" ] || mode=extract
fi

mkdir -p "$ROOT"
if [ "$mode" = chroot ]; then
  tar -C "$ROOT" -xf "$base"
  mount --bind /proc "$ROOT/proc" && MOUNTED="$ROOT/proc"
  mount --bind /dev "$ROOT/dev" && MOUNTED="$ROOT/dev $MOUNTED"
  cp "$DEB" "$ROOT/tmp/dxskills.deb"
  # No network in the root: dpkg alone, with the Depends already there (as from an offline mirror).
  if out=$(chroot "$ROOT" dpkg -i /tmp/dxskills.deb 2>&1); then ok "dpkg -i in a Debian 12 root (debootstrap)"; else
    ng "dpkg -i in a Debian 12 root" "$out"; exit 1; fi
  inroot() { chroot "$ROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root "$@"; }
  # As systemd would run it: the package's user, by number (the names are the root's, not the host's).
  asservice() {
    local ids
    ids="$(chroot "$ROOT" id -u dxskills):$(chroot "$ROOT" id -g dxskills)"
    # exec: run in the background, the subshell becomes the service, so $! is the service's pid.
    exec chroot --userspec="$ids" "$ROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"
  }
  DXSKILLS=/usr/bin/dxskills
  if inroot getent passwd dxskills >/dev/null; then ok "the package made the system user dxskills"; else ng "no user dxskills"; fi
  perms=$(inroot stat -c '%a %U:%G' /etc/dxskills/dxskills.env)
  [ "$perms" = "640 root:dxskills" ] && ok "dxskills.env is 640 root:dxskills" || ng "dxskills.env is $perms, not 640 root:dxskills"
else
  dpkg-deb -x "$DEB" "$ROOT"
  ok "unpacked into an empty folder (no debootstrap root)"
  inroot() { env -i PATH="$ROOT/usr/bin:/usr/sbin:/usr/bin:/sbin:/bin" LANG=C.UTF-8 HOME="$TMP" "$@"; }
  asservice() { exec env -i PATH="$ROOT/usr/bin:/usr/sbin:/usr/bin:/sbin:/bin" LANG=C.UTF-8 HOME="$TMP" "$@"; }
  DXSKILLS=$ROOT/usr/bin/dxskills
fi

# Nothing of the build is reachable: no toolchain on PATH, no source tree in the root.
if inroot sh -c 'command -v swift swiftc' >/dev/null; then ng "a Swift toolchain is on the root's PATH"; else ok "no Swift toolchain on PATH"; fi
if find "$ROOT" -name Package.swift -o -name '*.sql' -o -name '*.mustache' 2>/dev/null | grep -q .; then
  ng "the root holds sources" "$(find "$ROOT" -name Package.swift -o -name '*.sql' -o -name '*.mustache' | head)"
else ok "the root holds no Package.swift, sql or templates"; fi
unit=$ROOT/lib/systemd/system/dxskills.service
missing=
for line in User=dxskills NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes \
  EnvironmentFile=/etc/dxskills/dxskills.env Restart=on-failure ExecStart=/usr/bin/dxskills; do
  grep -q "^$line" "$unit" || missing="$missing $line"
done
[ -z "$missing" ] && ok "the systemd unit is hardened and reads /etc/dxskills/dxskills.env" || ng "the unit lacks:$missing"
# systemd's own judgement of the unit's sandbox, where the host has systemd-analyze (0 best, 10 worst).
if command -v systemd-analyze >/dev/null; then
  exposure=$(systemd-analyze security --offline=yes --root="$ROOT" dxskills.service 2>/dev/null \
    | sed -n 's/.*Overall exposure level for dxskills.service: \([0-9.]*\).*/\1/p')
  if [ -n "$exposure" ] && awk -v e="$exposure" 'BEGIN { exit !(e <= 4.0) }'; then
    ok "systemd-analyze security: exposure $exposure (at most 4.0)"
  else
    ng "systemd-analyze security: exposure ${exposure:-unknown}, more than 4.0"
  fi
fi
[ -s "$ROOT/usr/share/doc/dxskills/THIRD_PARTY_LICENSES" ] && grep -q "postgres-nio" "$ROOT/usr/share/doc/dxskills/THIRD_PARTY_LICENSES" \
  && ok "THIRD_PARTY_LICENSES names the packages" || ng "THIRD_PARTY_LICENSES is missing or incomplete"
[ -s "$ROOT/usr/share/doc/dxskills/operations.md" ] && ok "operations.md is installed" || ng "no operations.md"
# The man pages (man -w where the root has man-db; a minbase root has none) and the completions
# (grep reads all of gzip's output: with -q, gzip would die of SIGPIPE and pipefail fail the check).
for page in man1 ja/man1; do
  file=$ROOT/usr/share/man/$page/dxskills.1.gz
  if gzip -dc "$file" 2>/dev/null | grep '^\.Dt DXSKILLS 1' >/dev/null; then ok "man page /usr/share/man/$page/dxskills.1.gz"; else
    ng "no man page /usr/share/man/$page/dxskills.1.gz"; fi
done
gzip -dc "$ROOT/usr/share/man/ja/man1/dxskills.1.gz" 2>/dev/null | grep '研修実績' >/dev/null \
  && ok "the Japanese man page is in Japanese" || ng "the Japanese man page has no 研修実績"
if inroot sh -c 'command -v man' >/dev/null; then
  out=$(inroot man -w dxskills 2>&1) && ok "man -w dxskills: $out" || ng "man -w dxskills" "$out"
fi
completions=$ROOT/usr/share/bash-completion/completions/dxskills
if out=$(inroot bash -c "source ${completions#"$ROOT"} 2>&1 && complete -p dxskills" 2>&1) || \
  out=$(bash -c "source '$completions' && complete -p dxskills" 2>&1); then
  ok "bash completion: $out"
else ng "bash completion /usr/share/bash-completion/completions/dxskills" "$out"; fi
for file in usr/share/zsh/vendor-completions/_dxskills usr/share/fish/vendor_completions.d/dxskills.fish; do
  grep -q 'import' "$ROOT/$file" 2>/dev/null && ok "completion /$file names the subcommands" || ng "no completion /$file"
done
version=$(inroot "$DXSKILLS" --version 2>&1) || true
[[ "$version" == "dxskills $(dpkg-deb -f "$DEB" Version) (commit "?*", built "?*")" ]] && ok "--version: $version" || ng "--version says: $version"

# A fresh cluster on the host; the root reaches it over 127.0.0.1.
URL=$(scripts/pg.sh cluster "$TMP/pg" dxskills)
if out=$(inroot DATABASE_URL="$URL" "$DXSKILLS" db migrate 2>&1); then ok "db migrate from / (the migrations are in the binary)"; else
  ng "db migrate" "$out"; exit 1; fi
out=$(inroot DATABASE_URL="$URL" "$DXSKILLS" db migrate 2>&1) && [[ "$out" == *"up to date"* ]] \
  && ok "db migrate again applies nothing" || ng "second db migrate" "$out"
out=$(inroot DATABASE_URL="$URL" "$DXSKILLS" doctor 2>&1) && ok "doctor: every check ok" || ng "doctor" "$out"
out=$(inroot DATABASE_URL="$URL" "$DXSKILLS" admin tenant create --code 131000 --name 試験市 2>&1) \
  && ok "admin tenant create" || ng "admin tenant create" "$out"
out=$(inroot DATABASE_URL="$URL" "$DXSKILLS" admin user add --tenant 131000 --name jinji1 --role hr 2>&1) \
  && ok "admin user add jinji1 (hr)" || ng "admin user add" "$out"
TOKEN=$(inroot DATABASE_URL="$URL" "$DXSKILLS" admin token issue --tenant 131000 --user jinji1 2>"$TMP/token.err") \
  && ok "admin token issue" || ng "admin token issue" "$(cat "$TMP/token.err")"

# The settings as an administrator writes them, and the service started as systemd would.
PORT=$(scripts/pg.sh free-port)
ENVFILE=$ROOT/etc/dxskills/dxskills.env
sed -i -e "s|^DXSKILLS_APP_DATABASE_URL=.*|DXSKILLS_APP_DATABASE_URL=${URL/dxskills@/dxskills_app@}|" \
  -e "s|^DXSKILLS_PORT=.*|DXSKILLS_PORT=$PORT|" "$ENVFILE"
mapfile -t settings < <(grep -E '^[A-Z_]+=' "$ENVFILE")
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
[ "$mode" = chroot ] || exec_start=${exec_start/\/usr\/bin\/dxskills/$DXSKILLS}
# shellcheck disable=SC2086
asservice "${settings[@]}" $exec_start >"$TMP/serve.out" 2>"$TMP/serve.log" &
PID=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
if curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then ok "serve as dxskills from dxskills.env: /readyz 200"; else
  ng "the service did not become ready" "$(cat "$TMP/serve.log")"; exit 1; fi
head -n 1 "$TMP/serve.log" | python3 -c 'import json,sys; json.loads(sys.stdin.readline())' 2>/dev/null \
  && ok "LOG_FORMAT=json from the settings file" || ng "the log is not JSON" "$(head -n 3 "$TMP/serve.log")"

# An import and a report through the service, with the client in the root.
client() { inroot DXSKILLS_URL="http://127.0.0.1:$PORT" DXSKILLS_TOKEN="$TOKEN" "$DXSKILLS" "$@"; }
mkdir -p "$ROOT/tmp/in"
printf 'code,name,kind,parent_code,valid_from\nT1,試験市役所,局,,2020-04-01\nT11,総務課,課,T1,2020-04-01\nT12,情報政策課,課,T1,2020-04-01\n' \
  >"$ROOT/tmp/in/units.csv"
printf 'employee_no,name,kana,job_track,employment_type,grade,unit_code,assigned_from,hired_on\n' >"$ROOT/tmp/in/staff.csv"
printf '%s\n' 000101,髙橋一郎,タカハシイチロウ,general,regular,主事,T11,2024-04-01,2024-04-01 \
  000102,山田花子,ヤマダハナコ,general,regular,主任,T11,2023-04-01,2020-04-01 \
  000103,佐藤次郎,サトウジロウ,information,regular,主事,T12,2025-04-01,2025-04-01 >>"$ROOT/tmp/in/staff.csv"
inroot_path() { if [ "$mode" = chroot ]; then echo "/tmp/in/$1"; else echo "$ROOT/tmp/in/$1"; fi; }
out=$(client import units "$(inroot_path units.csv)" 2>&1) && ok "import units" || ng "import units" "$out"
out=$(client import staff "$(inroot_path staff.csv)" 2>&1) && ok "import staff" || ng "import staff" "$out"
out=$(client import staff "$(inroot_path staff.csv)" --format json 2>&1) || true
headcount=$(client headcount --as-of 2026-04-01 --format json 2>&1) || true
if python3 - "$headcount" <<'PY'; then ok "headcount as of 2026-04-01: T1 3, T11 2, T12 1"; else ng "headcount" "$headcount"; fi
import json, sys
rows = {r["unit_code"]: r for r in json.loads(sys.argv[1])}
assert (rows["T1"]["headcount"], rows["T11"]["headcount"], rows["T12"]["headcount"]) == (3, 2, 1), rows
PY

kill -TERM "$PID"
code=0; wait "$PID" || code=$?
PID=
[ "$code" -eq 0 ] && ok "the service stopped cleanly on SIGTERM" || ng "the service exited $code on SIGTERM" "$(tail -n 5 "$TMP/serve.log")"
echo "release-test: $passed ok, $failed NG ($mode root, $(basename "$DEB"))"
[ "$failed" -eq 0 ]
