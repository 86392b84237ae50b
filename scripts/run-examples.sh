#!/usr/bin/env bash
# The example commands `make run` prints (one per line, without the DXSKILLS_* prefix); the smoke test runs them.
BIN=$1
echo "$BIN units tree --lang ja"
echo "$BIN headcount --as-of 2026-04-01"
echo "$BIN staff list --unit ${DEMO_UNIT:-S101110} --format csv"
