#!/usr/bin/env bash
# make release: the offline install packages of this source tree, in dist/:
#   dist/dxskills_<version>_amd64.deb
#   dist/dxskills-<version>-linux-x86_64.tar.gz   the same files, under one folder
# One binary with the Swift runtime linked in (--static-swift-stdlib); its migrations, templates,
# stylesheet and OpenAPI document are built into it. Beside it: the systemd unit, the settings
# template, the operations guide, the licenses of every package it is built from, the man pages
# (English and Japanese) and the bash, zsh and fish completions.
#   RELEASE_CONFIGURATION=release (default) or debug: debug builds faster and is only for tests.
#   RELEASE_SCRATCH=.build-static (default): the build folder. Never .build: objects compiled for a
#   static Swift runtime cannot be linked with the shared one, nor the other way round.
# Prints the two paths. The version comes from scripts/version.sh (git describe).
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${RELEASE_CONFIGURATION:-release}
SCRATCH=${RELEASE_SCRATCH:-.build-static}
case "$CONFIG" in release | debug) ;; *) echo "release: RELEASE_CONFIGURATION is release or debug, not $CONFIG" >&2; exit 64 ;; esac
for tool in dpkg-deb ldd python3 git; do
  command -v "$tool" >/dev/null || { echo "release: $tool is needed (Debian: dpkg, libc-bin, python3, git)" >&2; exit 69; }
done

VERSION=$(scripts/version.sh)
COMMIT=$(git rev-parse HEAD)
BUILT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
# The version, commit and date go into the binary through CBuildInfo (see its build_info.c). The
# file exists only during this build, so that a later `swift build` of the tree says "dev" again.
mkdir -p .build-info
printf '#define DXSKILLS_VERSION "%s"\n#define DXSKILLS_COMMIT "%s"\n#define DXSKILLS_BUILD_DATE "%s"\n' \
  "$VERSION" "$COMMIT" "$BUILT" >.build-info/version.inc
forget_version() { rm -f .build-info/version.inc; touch Sources/CBuildInfo/build_info.c; }
trap forget_version EXIT
touch Sources/CBuildInfo/build_info.c

scripts/build-deps.sh
echo "release: building dxskills $VERSION ($CONFIG, Swift runtime linked statically)…" >&2
swift build --scratch-path "$SCRATCH" -c "$CONFIG" --static-swift-stdlib --product dxskills >&2
BIN=$(swift build --scratch-path "$SCRATCH" -c "$CONFIG" --static-swift-stdlib --show-bin-path)/dxskills
forget_version
trap - EXIT

# The binary must say its version and must not load a Swift library from the toolchain.
"$BIN" --version | grep -qF "dxskills $VERSION (commit $COMMIT" \
  || { echo "release: the binary says $("$BIN" --version), not $VERSION" >&2; exit 70; }
if ldd "$BIN" | grep -E 'libswift|libFoundation|libdispatch|libBlocksRuntime|/opt/swift' >&2; then
  echo "release: the binary loads Swift libraries (above); it must link them statically" >&2
  exit 70
fi

# Depends: the Debian package of each shared library the binary names itself (readelf's NEEDED;
# what those load in turn, their own packages depend on), found where ldd resolves it.
depends=$(readelf -d "$BIN" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | while read -r soname; do
  case "$soname" in ld-linux*) continue ;; esac # the dynamic loader, libc6's
  lib=$(ldd "$BIN" | awk -v so="$soname" '$1 == so && $3 ~ /^\// { print $3 }')
  dpkg -S "$(readlink -f "${lib:-/nonexistent}")" 2>/dev/null || dpkg -S "${lib:-/nonexistent}" 2>/dev/null \
    || echo "UNRESOLVED-$soname:"
done | cut -d: -f1 | sed 's/:amd64$//' | sort -u | paste -sd, - | sed 's/,/, /g')
if [[ "$depends" == *UNRESOLVED-* ]]; then
  echo "release: no Debian package found for: $(echo "$depends" | grep -o 'UNRESOLVED-[^,]*' | sed 's/UNRESOLVED-//' | paste -sd' ')" >&2
  exit 70
fi
[ -n "$depends" ] || { echo "release: could not find the packages of the binary's libraries (ldd, dpkg -S)" >&2; exit 70; }

DIST=$PWD/dist
STAGE=$(mktemp -d /tmp/dxskills-release.XXXXXX)
cleanup() { rm -rf "$STAGE"; }
trap cleanup EXIT
ROOT=$STAGE/root
install -d "$ROOT/usr/bin" "$ROOT/lib/systemd/system" "$ROOT/etc/dxskills" "$ROOT/usr/share/doc/dxskills" "$ROOT/DEBIAN"
if [ "$CONFIG" = release ]; then
  strip --strip-debug -o "$ROOT/usr/bin/dxskills" "$BIN"
else
  install -m 755 "$BIN" "$ROOT/usr/bin/dxskills"
fi
chmod 755 "$ROOT/usr/bin/dxskills"
install -m 644 packaging/dxskills.service "$ROOT/lib/systemd/system/dxskills.service"
install -m 640 packaging/dxskills.env "$ROOT/etc/dxskills/dxskills.env"
install -m 644 docs/operations.md docs/mail.md docs/reference.md README.md SECURITY.md "$ROOT/usr/share/doc/dxskills/"
# The man pages, English and Japanese (man -L ja dxskills), from the binary's own help (scripts/man-pages.sh).
scripts/man-pages.sh "$BIN" "$ROOT/usr/share/man" "$SCRATCH" >/dev/null
# Shell completions as ArgumentParser writes them, with the English help (LANG=C).
install -d "$ROOT/usr/share/bash-completion/completions" "$ROOT/usr/share/zsh/vendor-completions" \
  "$ROOT/usr/share/fish/vendor_completions.d"
complete_as() { env -u LC_ALL -u LC_MESSAGES -u DXSKILLS_LANG LANG=C "$BIN" --generate-completion-script "$1"; }
complete_as bash >"$ROOT/usr/share/bash-completion/completions/dxskills"
complete_as zsh >"$ROOT/usr/share/zsh/vendor-completions/_dxskills"
complete_as fish >"$ROOT/usr/share/fish/vendor_completions.d/dxskills.fish"
chmod 644 "$ROOT/usr/share/bash-completion/completions/dxskills" "$ROOT/usr/share/zsh/vendor-completions/_dxskills" \
  "$ROOT/usr/share/fish/vendor_completions.d/dxskills.fish"
swift package --scratch-path "$SCRATCH" show-dependencies --format json 2>/dev/null | scripts/third-party-licenses.py "$VERSION" \
  >"$ROOT/usr/share/doc/dxskills/THIRD_PARTY_LICENSES"
cat >"$ROOT/usr/share/doc/dxskills/copyright" <<TEXT
dxskills $VERSION (commit $COMMIT, built $BUILT)

The licenses of the packages dxskills is built from, and of the Swift runtime linked into it, are in
/usr/share/doc/dxskills/THIRD_PARTY_LICENSES.
TEXT

install -m 755 packaging/postinst packaging/prerm packaging/postrm "$ROOT/DEBIAN/"
echo /etc/dxskills/dxskills.env >"$ROOT/DEBIAN/conffiles"
cat >"$ROOT/DEBIAN/control" <<TEXT
Package: dxskills
Version: $VERSION
Architecture: amd64
Maintainer: dxskills maintainers <dxskills@localhost>
Section: misc
Priority: optional
Installed-Size: $(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
Depends: $depends, passwd
Suggests: postgresql (>= 15), pgbouncer
Description: digital skills of a municipality's staff
 Training, certifications, skill levels, DX推進リーダー, targets, career plans and ratings of a
 municipality's staff, with coverage as of any day and previews of planned transfers: a service
 on PostgreSQL with a web dashboard and a command-line client (/usr/bin/dxskills).
 See /usr/share/doc/dxskills/operations.md to install, configure and run it.
TEXT

mkdir -p "$DIST"
DEB=$DIST/dxskills_${VERSION}_amd64.deb
TAR=$DIST/dxskills-${VERSION}-linux-x86_64.tar.gz
dpkg-deb --root-owner-group -Zxz --build "$ROOT" "$DEB" >&2
# The tarball: the same files under dxskills-VERSION/, for servers that install without dpkg.
TOP=dxskills-$VERSION
mkdir "$STAGE/$TOP"
(cd "$ROOT" && tar --exclude=./DEBIAN -cf - .) | (cd "$STAGE/$TOP" && tar -xf -)
tar --owner=0 --group=0 --numeric-owner -C "$STAGE" -czf "$TAR" "$TOP"
echo "$DEB"
echo "$TAR"
