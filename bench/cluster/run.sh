#!/usr/bin/env bash
# Cluster formation benchmark (issues 6, 12): fresh deploys of the 3-node JVM (JGroups) and BEAM
# examples; for each, the time from the start of the deploy to full membership, the formation time
# after the last node's process started (what the deploy prints), and where the time went
# (breakdown.pl: plan, boot, stage, spawn, healthy, verified, exit; joined: the members' own logs).
#
#   RUNS=3 bench/cluster/run.sh                 this checkout, RUNS deploys of each example
#   BASE=main RUNS=5 bench/cluster/run.sh       BASE (any git revision: its cul8er and its examples)
#                                               against this checkout, alternated in one run
#   BASE=A NEW=B bench/cluster/run.sh           revision A against revision B
#   IMAGES=debian bench/cluster/run.sh          on the examples' own Debian images (systemd)
#   GRACE=60 bench/cluster/run.sh               the health checks' grace period (the examples' 10 s);
#                                               a pass ends the wait at once, so a longer grace lets
#                                               a loaded machine measure a slow start, not fail it
#   WARMUP=0 bench/cluster/run.sh               no untimed deploy first
#   TESTBED=1 IMAGES=debian bench/cluster/run.sh
#                                               on the test bed's hosts (scripts/testbed-hosts.sh
#                                               up 3), reached over SSH: side `one` puts the three
#                                               nodes on host 1, side `three` one node on each host,
#                                               alternated in one run; routes between the hosts'
#                                               container subnets by `cul8er setup` as root first
#
# Each side deploys its own examples (release, topology) with its own cul8er: one untimed deploy of
# each first (class-data archive, image unpacked in the pool), then rounds that alternate which side
# goes first. Needs scripts/setup.sh done. Writes bench/results/cluster.txt.
set -euo pipefail
# Measured on cul8er/userland (busybox + the host's /usr), as its recorded figures were, unless
# IMAGES=debian: the examples themselves default to the Debian images (systemd, their own runtime).
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/results"
mkdir -p "$out"
runs=${RUNS:-3}
work=$(mktemp -d)
head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$work/cookie"
sides=(new)
declare -A roots=([new]="$root")
if [ -n "${NEW:-}" ]; then
    git -C "$root" worktree add -q --detach "$work/new" "$NEW"
    roots[new]="$work/new"
fi
if [ -n "${BASE:-}" ]; then
    git -C "$root" worktree add -q --detach "$work/base" "$BASE"
    roots[base]="$work/base"
    sides=(base new)
fi
testbed=/var/lib/cul8er/testbed
if [ -n "${TESTBED:-}" ]; then
    [ -z "${BASE:-}${NEW:-}" ] || { echo "bench: TESTBED compares one host with three, with this checkout only" >&2; exit 2; }
    [ "$(wc -l < "$testbed/hosts.tsv" 2>/dev/null)" -ge 3 ] \
        || { echo "bench: the test bed has fewer than 3 hosts: scripts/testbed-hosts.sh up 3" >&2; exit 2; }
    export CUL8ER_SSH_CONFIG=$testbed/ssh_config
    sides=(one three)
    roots[one]=$root roots[three]=$root
fi
# hosts SIDE: the topology's host blocks (host 1, or all three) and its resource's `on:`
hosts() {
    local n
    for n in $([ "$1" = one ] && echo 1 || echo 1 2 3); do
        printf '  host :h%s do\n    address "%s"\n    platform :debian\n    ssh user: "deploy"\n  end\n' \
            "$n" "$(sed -n "${n}p" "$testbed/hosts.tsv" | cut -f2)"
    done
    [ "$1" = one ] && echo "on: [:h1]" || echo "on: [:h1, :h2, :h3]"
}
# on SIDE I COMMAND...: runs COMMAND in member I's container, on this machine or its test-bed host
on() {
    local side=$1 i=$2; shift 2
    case $side in
        one) incus exec cul8er-tb-1 -- incus exec "$@" ;;
        three) incus exec "cul8er-tb-$i" -- incus exec "$@" ;;
        *) incus exec "$@" ;;
    esac
}
current=""   # "CUL8ER|TOPOLOGY FILE" of the deploy not destroyed yet
cleanup() {
    [ -z "$current" ] \
        || "${current%%|*}/cul8er" destroy "$(basename "${current#*|}" .cul8)" -f "${current#*|}" --yes >/dev/null 2>&1 || true
    [ -z "${BASE:-}" ] || git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true
    [ -z "${NEW:-}" ] || git -C "$root" worktree remove --force "$work/new" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

examples=("hello-cluster cluster.cul8 cluster hello-cluster" "hello-beam beam.cul8 beam hello_beam")
for side in "${sides[@]}"; do
    "${roots[$side]}/cul8er" --version >/dev/null   # builds that side's jar
    for spec in "${examples[@]}"; do
        read -r example _ <<<"$spec"
        bash "${roots[$side]}/examples/$example/build.sh" >/dev/null
    done
done

# deploy SIDE EXAMPLE FILE TOPOLOGY RELEASE: one fresh deploy, destroyed after; prints its breakdown.
deploy() {
    local side=$1 example=$2 file=$3 topology=$4 release=$5 sideroot=${roots[$1]} name i start end
    name="bc${side:0:1}$RANDOM"
    local image='s|from_image "cul8er/debian12[a-z-]*"|from_image "cul8er/userland"\n    profiles ["default", "cul8er-userland"]|'
    [ "${IMAGES:-userland}" = userland ] || image='s|^$||'
    sed -e "s/^topology :$topology do/topology :$name do/" \
        -e "s|cookie from: :system, key: \"[A-Z_]*\"|cookie from: :file, path: \"$work/cookie\"|" \
        -e "$image" \
        -e "s|grace_period seconds: [0-9]*|grace_period seconds: ${GRACE:-10}|" \
        -e "s|runtime: |artifact: \"$sideroot/examples/$example/releases/{name}-{version}.tar.gz\", runtime: |" \
        "$sideroot/examples/$example/$file" > "$work/$name.cul8"
    if [ -n "${TESTBED:-}" ]; then
        hosts "$side" > "$work/$name.hosts"
        perl -0pi -e 'BEGIN { local $/; open my $h, "<", shift @ARGV; ($hosts, $on) = <$h> =~ /\A(.*)(on: .*)\n\z/s }
            s/  host :local do\n.*?\n  end\n/$hosts/s; s/on: :local do/$on do/' "$work/$name.hosts" "$work/$name.cul8"
        [ "$side" = one ] || [ -f "$work/routed" ] || {
            "$sideroot/cul8er" setup "$name" -f "$work/$name.cul8" --user root --key "$testbed/admin_ed25519" >/dev/null
            touch "$work/routed"
        }
    fi
    current="$sideroot|$work/$name.cul8"
    start=$(date +%s.%N)
    "$sideroot/cul8er" deploy "$name" -f "$work/$name.cul8" 2>&1 \
        | perl -MTime::HiRes=time -ne 'BEGIN { $| = 1 } printf "%.3f %s", time, $_' > "$work/$name.out" \
        || { sed 's/^[0-9.]* //' "$work/$name.out" | tail -15 >&2
             "$sideroot/cul8er" destroy "$name" -f "$work/$name.cul8" --yes >/dev/null 2>&1; current=""; return 1; }
    end=$(date +%s.%N)
    : > "$work/$name.facts"
    for i in 1 2 3; do
        on "$side" "$i" "$name-node-$i" -- sh -c "for p in /opt/cul8er/$release/env /run/cul8er/$release.pid; do
                echo stat \$p \$(/usr/bin/stat -c %.9Y \$p); done
            if [ -d /run/systemd/system ]; then journalctl -q -o cat -u cul8er-$release; else cat /var/log/cul8er/$release.log; fi \\
                | sed 's/^/log /'" | sed "s/^/$name-node-$i /" >> "$work/$name.facts" || true
    done
    "$sideroot/cul8er" destroy "$name" -f "$work/$name.cul8" --yes >/dev/null
    current=""
    say "$(printf '%-14s %-4s %s' "$example" "$side" "$(perl "$here/breakdown.pl" "$work/$name.out" "$work/$name.facts" "$start" "$end" 3)")"
}
say() { echo "$*" | tee -a "$work/runs.txt"; }

warm=("${examples[@]}")
[ "${WARMUP:-1}" != 0 ] || warm=()
for spec in "${warm[@]}"; do   # warm-up, untimed (WARMUP=0: none)
    read -r example file topology release <<<"$spec"
    for side in "${sides[@]}"; do deploy "$side" "$example" "$file" "$topology" "$release" >/dev/null || true; done
done
: > "$work/runs.txt"
say "3-node clusters${TESTBED:+ on the test bed (one: 3 nodes on host 1; three: a node on each of 3 hosts)}: fresh deploys on ${IMAGES:-userland} images (create, install, start, health, formation), $runs rounds"
say "$(date -u +%Y-%m-%dT%H:%MZ), nproc $(nproc), load average before: $(cut -d' ' -f1-3 /proc/loadavg)" \
    "(shared machine); sides: ${sides[*]}${BASE:+ (base = $BASE, $(git -C "$root" rev-parse --short "$BASE"))}," \
    "new = ${NEW:+$NEW, }$(git -C "${roots[new]}" rev-parse --short HEAD)$(git -C "${roots[new]}" diff --quiet HEAD -- src examples || echo '+changes')"
for round in $(seq "$runs"); do
    order=("${sides[@]}")
    [ $((round % 2)) -eq 1 ] || order=($(printf '%s\n' "${sides[@]}" | tac))
    for spec in "${examples[@]}"; do
        read -r example file topology release <<<"$spec"
        for side in "${order[@]}"; do
            deploy "$side" "$example" "$file" "$topology" "$release" || say "$example $side FAILED (its output is above)"
        done
    done
    say "# after round $round: load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
{
  cat "$work/runs.txt"
  echo
  perl "$here/summary.pl" "$work/runs.txt"
} > "$out/cluster.txt"
echo
perl "$here/summary.pl" "$work/runs.txt"
