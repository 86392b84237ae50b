#!/usr/bin/env bash
# openapi-spec-validator (from PyPI, in the fuzzing virtual environment) on an OpenAPI file:
#   scripts/spec-validate.sh FILE
set -euo pipefail
cd "$(dirname "$0")/.."
FILE=$1
VENV=.venv-fuzz
if [ ! -x "$VENV/bin/openapi-spec-validator" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check 'schemathesis==4.32.5' 'openapi-spec-validator==0.7.2' >&2
fi
exec "$VENV/bin/openapi-spec-validator" "$FILE"
