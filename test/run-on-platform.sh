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
# The pinned AWS SDK runs on Node 20; its notice about 2027 releases is noise in test output.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
BELLYFED_TEST_TIER=integration npx mocha --config test/.mocharc.integration.json "$@"
