#!/usr/bin/env bash
# Start-up benchmark (issue 2): cold wall time of `./cul8er validate` on the guide's production
# example (with app_2 completed), next to `java -version`, in the same hyperfine run.
# Writes bench/results/startup.{json,md}.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/bench/results"
mkdir -p "$out"
file="$root/src/test/resources/dsl/guide/production-complete.cul8"
"$root/cul8er" validate -f "$file" >/dev/null   # build
"$root/cul8er" plan demo -f "$root/examples/demo.cul8" >/dev/null || true   # record the class-data archive
hyperfine --runs "${RUNS:-20}" --warmup 2 --export-json "$out/startup.json" --export-markdown "$out/startup.md" \
  -n "cul8er validate (guide production)" "$root/cul8er validate -f $file" \
  -n "java -version" "java -version"
