#!/usr/bin/env bash
# Cluster formation benchmark (issue 6): fresh deploys of the 3-node JVM (JGroups) and BEAM
# examples; for each run, the time from the start of the deploy to full membership and the
# formation time after the last node's process started (what the deploy prints). RUNS each.
# Needs scripts/setup.sh done. Writes bench/results/cluster.txt.
set -euo pipefail
# Measured on cul8er/userland (busybox + the host's /usr), as its recorded figures were; the
# examples themselves default to the Debian images (bench/images/deploy.sh compares the two).
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/results"
mkdir -p "$out"
runs=${RUNS:-3}
work=$(mktemp -d)
"$root/cul8er" --version >/dev/null
head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$work/cookie"
names=()
trap 'for n in "${names[@]}"; do "$root/cul8er" destroy "$n" -f "$work/$n.cul8" --yes >/dev/null 2>&1 || true; done; rm -rf "$work"' EXIT

bench() { # example file topology
    local example=$1 file=$2 topology=$3 i name
    bash "$root/examples/$example/build.sh" >/dev/null
    for i in $(seq "$runs"); do
        name="bc$RANDOM"
        names+=("$name")
        sed -e "s/^topology :$topology do/topology :$name do/" \
            -e "s|cookie from: :system, key: \"[A-Z_]*\"|cookie from: :file, path: \"$work/cookie\"|" \
            -e 's|from_image "cul8er/debian12[a-z-]*"|from_image "cul8er/userland"\n    profiles ["default", "cul8er-userland"]|' \
            -e "s|runtime: |artifact: \"$root/examples/$example/releases/{name}-{version}.tar.gz\", runtime: |" \
            "$root/examples/$example/$file" > "$work/$name.cul8"
        local start end
        start=$(date +%s.%N)
        "$root/cul8er" deploy "$name" -f "$work/$name.cul8" > "$work/$name.out"
        end=$(date +%s.%N)
        formed=$(grep -o 'Cluster hello formed in [0-9.]* m\?s' "$work/$name.out" | awk '{print $5, $6}')
        awk -v e="$example" -v a="$start" -v b="$end" -v f="$formed" \
            'BEGIN {printf "%-14s deploy start to full membership %.2f s; formed %s after the last node started\n", e, b - a, f}'
        "$root/cul8er" destroy "$name" -f "$work/$name.cul8" --yes >/dev/null
    done
}

{
  echo "3-node clusters, $runs fresh deploys each (create, install, start, health, formation)"
  bench hello-cluster cluster.cul8 cluster
  bench hello-beam beam.cul8 beam
} | tee "$out/cluster.txt"
