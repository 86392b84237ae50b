#!/usr/bin/env bash
# The Debian libraries the build links (system-library targets of Package.swift): OpenLDAP's client
# (libldap-dev) and libxlsxwriter (libxlsxwriter-dev). Installs what is missing, as root; otherwise
# says what to install.
set -euo pipefail
need=()
for package in libldap-dev libxlsxwriter-dev; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || need+=("$package")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "the build needs Debian's ${need[*]}: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
echo "installing ${need[*]} from Debian's packages…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "${need[@]}" >&2 || { apt-get update -qq >&2 && apt-get install -y -qq "${need[@]}" >&2; }
