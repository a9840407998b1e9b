#!/usr/bin/env bash
# The whole test suite: sets up what is missing (Incus and the other real components the
# integration tests use), then builds and runs unit and integration tests with coverage.
# The Debian images are built (when missing or stale) in the background while Maven compiles and
# runs the unit tests; the integration tests that need them wait for them (docs/images.md).
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
"$ROOT/scripts/setup.sh" --images-in-background
"$ROOT/scripts/test-tools.sh"   # promtool, which PromtoolIT runs on the metrics
"$ROOT/scripts/testbed-hosts.sh" clean   # what an earlier, interrupted run left in the test-bed hosts
cd "$ROOT"
exec mvn -B verify "$@"
