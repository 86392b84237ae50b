#!/usr/bin/env bash
# The version of this source tree, from `git describe`:
#   a tag vX.Y.Z on HEAD             X.Y.Z
#   N commits after tag vX.Y.Z       X.Y.Z+N.gHASH
#   no tag (a clone without tags)    the last release in RELEASES and the commits since it:
#                                    X.Y.Z+N.gHASH
# and "+dirty" when the work tree has uncommitted changes. Only characters a Debian version
# allows, so the same string names the .deb.
set -euo pipefail
cd "$(dirname "$0")/.."
hash=$(git rev-parse --short=7 HEAD)
dirty=
git diff --quiet HEAD -- 2>/dev/null || dirty=.dirty
if described=$(git describe --tags --match 'v[0-9]*' 2>/dev/null); then
  described=${described#v}
  case "$described" in
    *-*-g*) base=${described%%-*}; rest=${described#*-}; n=${rest%%-*}; echo "$base+$n.g$hash$dirty" ;;
    *) if [ -n "$dirty" ]; then echo "$described+0.g$hash$dirty"; else echo "$described"; fi ;;
  esac
  exit 0
fi
# RELEASES: "VERSION COMMIT" per line, oldest first; comments start with #.
read -r base commit < <(grep -v '^#' RELEASES | awk 'NF >= 2' | tail -n 1)
if git merge-base --is-ancestor "$commit" HEAD 2>/dev/null; then
  n=$(git rev-list --count "$commit..HEAD")
else
  n=0
fi
if [ "$n" -eq 0 ] && [ -z "$dirty" ] && [ "$(git rev-parse HEAD)" = "$(git rev-parse "$commit" 2>/dev/null)" ]; then
  echo "$base"
else
  echo "$base+$n.g$hash$dirty"
fi
