#!/usr/bin/env bash
# Schemathesis (from PyPI, in a private virtual environment) against a running service's own
# OpenAPI document, with every check:  scripts/schemathesis.sh BASE_URL TOKEN [MAX_EXAMPLES [ROLE]]
# ROLE (hr, manager or staff: the token's role) adds Tests/Fuzz/role-ROLE.toml, the statuses that
# role must get, to the base Tests/Fuzz/schemathesis.toml. The run is bounded by FUZZ_TIMEOUT seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=$1 TOKEN=$2 EXAMPLES=${3:-25} ROLE=${4:-hr}
VENV=.venv-fuzz
if [ ! -x "$VENV/bin/schemathesis" ] || [ ! -x "$VENV/bin/openapi-spec-validator" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check 'schemathesis==4.32.5' 'openapi-spec-validator==0.7.2' >&2
fi
CONFIG=$(mktemp --suffix=.toml)
trap 'rm -f "$CONFIG"' EXIT
cat Tests/Fuzz/schemathesis.toml "Tests/Fuzz/role-$ROLE.toml" >"$CONFIG"
timeout "${FUZZ_TIMEOUT:-900}" "$VENV/bin/schemathesis" --config-file "$CONFIG" run "$BASE/api/v1/openapi.yaml" \
  --url "$BASE/api/v1" -H "Authorization: Bearer $TOKEN" --checks all --max-examples "$EXAMPLES" \
  --seed 20261124 --no-color
