#!/usr/bin/env bash
# Schemathesis (from PyPI, in a private virtual environment) against a running service's own
# OpenAPI document, with every check:  scripts/schemathesis.sh BASE_URL TOKEN [MAX_EXAMPLES [ROLE]]
# ROLE (hr, manager or staff: the token's role) puts Tests/Fuzz/role-ROLE.toml, the statuses that
# role must get, before the base Tests/Fuzz/schemathesis.toml. The run is bounded by FUZZ_TIMEOUT seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=$1 TOKEN=$2 EXAMPLES=${3:-25} ROLE=${4:-hr}
VENV=.venv-fuzz
if [ ! -x "$VENV/bin/schemathesis" ] || [ ! -x "$VENV/bin/openapi-spec-validator" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check 'schemathesis==4.32.5' 'openapi-spec-validator==0.7.2' >&2
fi
# The demo city's names for the parameters of Tests/Fuzz/values.toml; the claim
# is FUZZ_CLAIM (smoke files one for staff1, with an evidence file, before the fuzzers run).
export FUZZ_EMPLOYEE=${FUZZ_EMPLOYEE:-100105} FUZZ_UNIT=${FUZZ_UNIT:-B1011} FUZZ_COURSE=${FUZZ_COURSE:-DX-101}
export FUZZ_SKILL=${FUZZ_SKILL:-L-SEC} FUZZ_KIND=${FUZZ_KIND:-課} FUZZ_DAY=${FUZZ_DAY:-$(TZ=Asia/Tokyo date +%F)}
export FUZZ_YEAR=${FUZZ_YEAR:-$(TZ=Asia/Tokyo date +%Y%m | python3 -c 'd = input(); print(int(d[:4]) - (int(d[4:]) < 4))')}
export FUZZ_CLAIM=${FUZZ_CLAIM:-1}
CONFIG=$(mktemp --suffix=.toml) VALID=$(mktemp --suffix=.toml)
trap 'rm -f "$CONFIG" "$VALID"' EXIT
# The role's rules first: of the rules for one operation, the first listed applies.
cat "Tests/Fuzz/role-$ROLE.toml" Tests/Fuzz/schemathesis.toml >"$CONFIG"
cat "$CONFIG" Tests/Fuzz/values.toml >"$VALID"
# Both passes share the time bound.
deadline=$((SECONDS + ${FUZZ_TIMEOUT:-900}))
run() { # CONFIG ARGS…
  local config=$1; shift
  timeout "$((deadline - SECONDS > 1 ? deadline - SECONDS : 1))" "$VENV/bin/schemathesis" --config-file "$config" run \
    "$BASE/api/v1/openapi.yaml" --url "$BASE/api/v1" -H "Authorization: Bearer $TOKEN" --max-examples "$EXAMPLES" \
    --seed 20261124 --no-color "$@"
}
echo "schemathesis: every kind of data, every check but positive_data_acceptance"
run "$CONFIG" --checks all --exclude-checks positive_data_acceptance
echo "schemathesis: valid data naming the demo city's records, every check"
run "$VALID" --checks all --mode positive
