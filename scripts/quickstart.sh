#!/usr/bin/env bash
# The README's first command: sets up what is missing on this machine (Incus, images, packages),
# builds C U L8er and runs the main job on the example topology.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
./cul8er validate -f examples/demo.cul8
