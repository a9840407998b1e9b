#!/usr/bin/env bash
# The whole test suite: sets up what is missing (Incus and the other real components the
# integration tests use), then builds and runs unit and integration tests with coverage.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
exec mvn -B verify "$@"
