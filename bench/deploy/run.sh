#!/usr/bin/env bash
# Deploy benchmark (issue 3): `cul8er deploy` of ten containers, JVM start included, against
# two incus CLI scripts doing the same, sequential and all at once, side by side in one
# hyperfine run; then `cul8er plan` with no changes on those ten, and its API request count.
# Needs: scripts/setup.sh done, hyperfine. Writes bench/results/deploy-*.{json,md}.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/results"
mkdir -p "$out"
runs=${RUNS:-5}
"$root/cul8er" --version >/dev/null   # build before timing

hyperfine --runs "$runs" --warmup 1 --export-json "$out/deploy.json" --export-markdown "$out/deploy.md" \
  --prepare "$here/cleanup.sh" \
  -n "cul8er deploy" "$root/cul8er deploy bench10 -f $here/bench10.cul8 >/dev/null" \
  -n "incus sequential" "$here/incus-sequential.sh" \
  -n "incus all at once" "$here/incus-parallel.sh"

"$here/cleanup.sh"
"$root/cul8er" deploy bench10 -f "$here/bench10.cul8" >/dev/null
hyperfine --runs "$runs" --warmup 1 --export-json "$out/plan.json" --export-markdown "$out/plan.md" \
  -n "cul8er plan (no changes)" "$root/cul8er plan bench10 -f $here/bench10.cul8 --detailed-exitcode" \
  -n "java -version" "java -version"
"$root/cul8er" plan bench10 -f "$here/bench10.cul8" | head -1 | tee "$out/plan-requests.txt"
"$here/cleanup.sh"
