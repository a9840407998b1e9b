#!/usr/bin/env bash
# Many hosts (issue 12), on the test bed of real Incus hosts (scripts/testbed-hosts.sh up 3):
#   1. the no-change plan of the guide's production example (examples/production: postgres on db,
#      the BEAM app on web_1 and web_2, clustered) across 3 hosts, against the same example with
#      every resource on one host, side by side (hyperfine, alternating);
#   2. a rolling update of the app across the 2 web hosts under load sent to both hosts' edges
#      (wrk, 2 threads x 8 connections each): failed requests, and p99 during the update against
#      p99 of the same load just before it.
# Needs scripts/setup.sh done. Writes bench/results/manyhosts.txt. Bounded: every wrk run and
# deploy has a limit; the deployed topologies are destroyed at the end.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/results"
mkdir -p "$out"
work=$(mktemp -d)
runs=${RUNS:-10}
jar="$root/target/cul8er.jar"
testbed=/var/lib/cul8er/testbed
export CUL8ER_SSH_CONFIG=$testbed/ssh_config
export RELEASE_COOKIE=bench-$RANDOM$RANDOM
cul8er() { timeout 600 java -jar "$jar" "$@"; }
cleanup() {
  kill "${wrk1:-0}" "${wrk2:-0}" 2>/dev/null || true
  cul8er destroy production -f "$work/three/production.cul8" --yes >/dev/null 2>&1 || true
  cul8er destroy production1 -f "$work/one/production1.cul8" --yes >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

bash "$root/scripts/testbed-hosts.sh" up 3 >/dev/null
bash "$root/examples/hello-beam/build.sh" 1.0.0 1.1.0 >/dev/null
(cd "$root" && mvn -B -o -q package -DskipTests -Djacoco.skip=true >/dev/null)
mapfile -t addresses < <(cut -f2 "$testbed/hosts.tsv")

# The example as it is, and the same on one host (every resource on db, named production1).
mkdir -p "$work/three" "$work/one"
cp "$root/examples/production/production.cul8" "$work/three/"
sed -e 's/^topology :production do/topology :production1 do/' -e 's/on: :web_[12] do/on: :db do/' \
  "$root/examples/production/production.cul8" > "$work/one/production1.cul8"
ln -s "$root/examples/hello-beam/releases" "$work/three/releases"
ln -s "$root/examples/hello-beam/releases" "$work/one/releases"

{
  echo "Many hosts: $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
  cul8er setup production -f "$work/three/production.cul8" --user root --key "$testbed/admin_ed25519" \
    | tail -n 1
  cul8er setup production1 -f "$work/one/production1.cul8" --user root --key "$testbed/admin_ed25519" \
    | tail -n 1
  cul8er deploy production -f "$work/three/production.cul8" | tail -n 1
  cul8er deploy production1 -f "$work/one/production1.cul8" | tail -n 1

  echo
  echo "1. No-change plan, $runs runs each (the JVM's start included):"
  hyperfine --runs "$runs" --warmup 1 --style basic --export-json "$work/plan.json" \
    -n "3 hosts" "java -jar $jar plan production -f $work/three/production.cul8 --detailed-exitcode" \
    -n "1 host" "java -jar $jar plan production1 -f $work/one/production1.cul8 --detailed-exitcode" 2>&1 \
    | grep -E '^(Benchmark|  Time|  Range)' || true
  python3 - "$work/plan.json" <<'EOF'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
three, one = r["3 hosts"], r["1 host"]
print(f"   median 3 hosts {three['median']:.2f} s, 1 host {one['median']:.2f} s: ratio {three['median'] / one['median']:.2f}")
EOF

  echo
  echo "2. Rolling update 1.0.0 -> 1.1.0 of app_1 (web_1) and app_2 (web_2) under load at both edges:"
  for n in 1 2; do
    wrk -t2 -c8 -d15s --timeout 10s --latency "http://${addresses[$n]}:443/version" > "$work/before$n.txt" &
  done
  wait
  wrk -t2 -c8 -d120s --timeout 10s --latency "http://${addresses[1]}:443/version" > "$work/during1.txt" & wrk1=$!
  wrk -t2 -c8 -d120s --timeout 10s --latency "http://${addresses[2]}:443/version" > "$work/during2.txt" & wrk2=$!
  sleep 2
  start=$(date +%s.%N)
  cul8er deploy production -f "$work/three/production.cul8" --version 1.1.0 > "$work/deploy.txt"
  took=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
  kill -INT "$wrk1" "$wrk2" 2>/dev/null || true
  wait "$wrk1" "$wrk2" 2>/dev/null || true
  echo "   deploy: $took s, $(tail -n 1 "$work/deploy.txt")"
  for n in 1 2; do
    p99() { awk '$1 == "99%" { print $2 }' "$1"; }
    requests() { awk '/requests in/ { print $1 }' "$1"; }
    failed() { local f; f=$(awk '/Non-2xx|Socket errors/ { print }' "$1" | tr -s ' ' | paste -sd';' -); echo "${f:-none}"; }
    echo "   web_$n edge: before: $(requests "$work/before$n.txt") requests, p99 $(p99 "$work/before$n.txt");" \
      "during: $(requests "$work/during$n.txt") requests, p99 $(p99 "$work/during$n.txt"), failed: $(failed "$work/during$n.txt")"
  done
} | tee "$out/manyhosts.txt"
