# Sourced by the fixture scripts: `ensure_venv VENV REQUIREMENTS` makes a Python venv with the
# requirements installed from PyPI, and reuses it while the requirements file is unchanged.

# Debian's python3 has no ensurepip until python3-venv is installed (and a minimal system no python3).
make_venv() {
  if ! { command -v python3 >/dev/null && python3 -m venv "$1" >/dev/null 2>&1; }; then
    rm -rf "$1"
    echo "python3 cannot make a venv; installing python3-venv from Debian's packages…" >&2
    if [ "$(id -u)" -ne 0 ]; then echo "run as root, or install python3-venv yourself" >&2; exit 1; fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq python3 python3-venv >&2
    python3 -m venv "$1"
  fi
}

ensure_venv() {
  local venv=$1 requirements=$2 stamp
  stamp=$(sha256sum "$requirements" | cut -d' ' -f1)
  if [ "$(cat "$venv/.requirements" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$venv"
    make_venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements" >&2
    echo "$stamp" >"$venv/.requirements"
  fi
}
