#!/usr/bin/env bash
# A refactoring check: every report of two dxskills binaries on the same demo city must be the same
# bytes.   scripts/compare-reports.sh OLD_BIN NEW_BIN
# Runs scripts/report-snapshot.sh for both (at once, each on its own cluster) into a temp dir and
# `diff -r`s the two; exits 1 and shows the diff on any difference (KEEP=1 keeps the snapshots).
set -euo pipefail
OLD=${1:?usage: compare-reports.sh OLD_BIN NEW_BIN} NEW=${2:?NEW_BIN}
cd "$(dirname "$0")/.."
TMP=$(mktemp -d /tmp/dxskills-compare.XXXXXX)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$TMP"' EXIT
scripts/report-snapshot.sh "$OLD" "$TMP/old" 2>"$TMP/old.log" & A=$!
scripts/report-snapshot.sh "$NEW" "$TMP/new" 2>"$TMP/new.log" & B=$!
failed=0
wait "$A" || { failed=1; echo "compare-reports: the snapshot of $OLD failed:" >&2; cat "$TMP/old.log" >&2; }
wait "$B" || { failed=1; echo "compare-reports: the snapshot of $NEW failed:" >&2; cat "$TMP/new.log" >&2; }
[ "$failed" -eq 0 ] || exit 2
if diff -r "$TMP/old" "$TMP/new"; then
  echo "compare-reports: identical ($(find "$TMP/old" -type f | wc -l) files)"
else
  echo "compare-reports: FAILED the reports differ (diff above: < $OLD, > $NEW)${KEEP:+; kept in $TMP}" >&2
  exit 1
fi
