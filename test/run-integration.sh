#!/usr/bin/env bash
# Integration tests on the real platform: brings the local platform up when it is not running
# (and then takes it down again afterwards, also when tests fail), points the tests at it, runs them.
set -euo pipefail
cd "$(dirname "$0")/.."
bellyfed=./bin/bellyfed.js

started_here=0
if ! "$bellyfed" local status >/dev/null 2>&1; then
  started_here=1
  trap '"$bellyfed" local down || true' EXIT
  "$bellyfed" local up --skip-services
fi
eval "$("$bellyfed" local env)"
BELLYFED_TEST_TIER=integration npx mocha --config test/.mocharc.integration.json "$@"
