#!/usr/bin/env bash
# scripts/man-pages.sh BIN DIR [SCRATCH]: the man pages of the dxskills binary BIN, made by
# swift-argument-parser's own generate-manual (the tool of its GenerateManual plugin, from the
# checkout Package.resolved pins), gzipped into DIR/man1/dxskills.1.gz (English) and
# DIR/ja/man1/dxskills.1.gz (Japanese, DXSKILLS_LANG=ja).
# Not `swift package generate-manual` itself: that plugin builds every product again with the
# build settings of `swift package`, which has no --static-swift-stdlib, so it cannot share the
# release build's folder. generate-manual drops every character that is not ASCII; the help has
# Japanese in both languages, so each such character goes through it as ~UXXXX~ and is put back.
set -euo pipefail
BIN=$(readlink -f "$1")
DIR=$2
SCRATCH=${3:-.build}
cd "$(dirname "$0")/.."
CHECKOUT=$SCRATCH/checkouts/swift-argument-parser
[ -f "$CHECKOUT/Tools/generate-manual/GenerateManual.swift" ] \
  || { echo "man-pages: no generate-manual in $CHECKOUT (swift package resolve first)" >&2; exit 69; }
TOOLS=$SCRATCH/generate-manual
swift build --package-path "$CHECKOUT" --scratch-path "$TOOLS" -c release --product generate-manual >&2
GENERATE=$(swift build --package-path "$CHECKOUT" --scratch-path "$TOOLS" -c release --show-bin-path)/generate-manual
WORK=$(mktemp -d /tmp/dxskills-man.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
# What generate-manual runs as the tool: BIN's --experimental-dump-help, its non-ASCII characters as ~UXXXX~.
cat >"$WORK/dxskills" <<SH
#!/bin/sh
"$BIN" "\$@" | python3 -c 'import sys; sys.stdout.write("".join(c if ord(c) < 128 else "~U%04X~" % ord(c) for c in sys.stdin.read()))'
SH
chmod 755 "$WORK/dxskills"
DAY=$(date -u +%Y-%m-%d)
for lang in en ja; do
  out=$WORK/$lang
  mkdir -p "$out"
  env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 DXSKILLS_LANG=$lang "$GENERATE" "$WORK/dxskills" --date "$DAY" -o "$out" >&2
  target=$DIR/man1
  [ "$lang" = en ] || target=$DIR/$lang/man1
  mkdir -p "$target"
  for page in "$out"/*.1; do
    python3 -c 'import re, sys; sys.stdout.write(re.sub(r"~U([0-9A-F]{4,6})~", lambda m: chr(int(m.group(1), 16)), sys.stdin.read()))' \
      <"$page" | gzip -9n >"$target/$(basename "$page").gz"
  done
done
find "$DIR" -name '*.1.gz' | sort
