#!/usr/bin/env bash
# The tiers that need the real platform (integration, faults): brings the local platform up when it
# is not running (and takes it down again afterwards, also when tests fail), points the tests at
# it, and runs each tier named on the command line in turn. Every tier runs even when an earlier
# one failed; the exit status is non-zero when any failed.
#   test/run-on-platform.sh integration faults
#   test/run-on-platform.sh integration -- test/integration/sink/dlq.test.ts   (one tier, some files)
set -euo pipefail
cd "$(dirname "$0")/.."
bellyfed=./bin/bellyfed.js

tiers=()
while [[ $# -gt 0 && "$1" != "--" ]]; do tiers+=("$1"); shift; done
[[ "${1:-}" == "--" ]] && shift
[[ ${#tiers[@]} -gt 0 ]] || { echo "usage: $0 TIER... [-- MOCHA-ARGS...]" >&2; exit 2; }

started_here=0
if ! "$bellyfed" local status >/dev/null 2>&1; then
  started_here=1
  trap '"$bellyfed" local down || true' EXIT
  "$bellyfed" local up --skip-services
fi
eval "$("$bellyfed" local env)"
# The pinned AWS SDK runs on Node 20; its notice about 2027 releases is noise in test output.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
# Connectors, slots and databases of earlier runs that were killed before their cleanup.
npx tsx test/clean-leftovers.ts || echo "warning: could not clean up after earlier interrupted test runs (see above)" >&2

failed=0
for tier in "${tiers[@]}"; do
  BELLYFED_TEST_TIER="$tier" npx mocha --config "test/.mocharc.$tier.json" "$@" || failed=1
done
exit "$failed"
