#!/usr/bin/env bash
# The full fault matrix of the crash-consistency work (docs/deploys.md): a rolling update of three
# hello-web instances under load, with the Incus daemon, HAProxy, or the deploying process (SIGKILL,
# SIGINT) killed at each of eleven steps (staging, drain, snapshot, switch, check, enable, prune...),
# then `deploy` run again; every case checks no failed request outside HAProxy's own outage, one
# version everywhere, every instance UP in the edge, and `plan`/`status` agreeing with what runs.
# CI runs one step per kind (FaultMatrixIT); this runs all 55 cases, about 40 minutes,
# then RemoteFaultIT's ten cases on the test bed (CI runs two of them), about 17 minutes.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
exec mvn -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test='FaultMatrixIT,RemoteFaultIT' -Dfaults.all=true -Dremotefaults.all=true \
  -Djacoco.skip=true "$@"
