#!/usr/bin/env bash
# Snapshot cost by storage driver. The same running instances (cul8er/busybox plus DATA_MB of
# random data each) on a btrfs pool (a loop file, as scripts/setup.sh makes it) and on a dir pool,
# side by side in one run: each round times one `incus snapshot create` of every instance of both
# pools (which pool goes first alternates), then deletes those snapshots, untimed.
# Reports per pool the median, mean, min and max of one snapshot, and the dir/btrfs ratio.
#   INSTANCES=3 ROUNDS=5 DATA_MB=50 bench/snapshot/run.sh        (about 1 min; as root)
# Needs scripts/setup.sh done (Incus, the image cul8er/busybox, btrfs-progs). Creates its own two
# pools and instances and deletes them at the end, also when interrupted.
# Writes bench/results/snapshot.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/results"
instances=${INSTANCES:-3} rounds=${ROUNDS:-5} data_mb=${DATA_MB:-50}
tag="bsnap$$"
pools=("$tag-btrfs" "$tag-dir")
work=$(mktemp -d)
mkdir -p "$out"

cleanup() {
    local p i
    for p in "${pools[@]}"; do
        for i in $(seq 1 "$instances"); do incus delete --force "$p-$i" >/dev/null 2>&1 || true; done
        incus storage delete "$p" >/dev/null 2>&1 || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

timeout 60 incus storage create "$tag-btrfs" btrfs size=$(( instances * data_mb * 2 / 1024 + 2 ))GiB >/dev/null
timeout 60 incus storage create "$tag-dir" dir >/dev/null
for p in "${pools[@]}"; do
    for i in $(seq 1 "$instances"); do
        timeout 120 incus launch cul8er/busybox "$p-$i" --storage "$p" >/dev/null
        timeout 120 incus exec "$p-$i" -- dd if=/dev/urandom of=/bench.data bs=1M count="$data_mb" 2>/dev/null
        timeout 60 incus exec "$p-$i" -- sync
    done
done

snapshot_ms() {   # instance snapshot -> milliseconds of `incus snapshot create`
    local t0
    t0=$(date +%s%N)
    timeout 120 incus snapshot create "$1" "$2" >/dev/null
    echo $(( ($(date +%s%N) - t0) / 1000000 ))
}

for r in $(seq 1 "$rounds"); do
    order=("${pools[@]}")
    [ $((r % 2)) -eq 1 ] || order=("${pools[1]}" "${pools[0]}")
    for p in "${order[@]}"; do
        for i in $(seq 1 "$instances"); do
            snapshot_ms "$p-$i" "r$r" >> "$work/${p##*-}.ms"
        done
    done
    for p in "${pools[@]}"; do
        for i in $(seq 1 "$instances"); do timeout 120 incus snapshot delete "$p-$i" "r$r" >/dev/null; done
    done
done

stats() {   # file of ms -> "median mean min max n"
    sort -n "$1" | awk '{v[NR] = $1; s += $1}
        END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
             printf "%d %d %d %d %d\n", m, s / NR, v[1], v[NR], NR}'
}
read -r b_med b_mean b_min b_max n <<<"$(stats "$work/btrfs.ms")"
read -r d_med d_mean d_min d_max _ <<<"$(stats "$work/dir.ms")"
{
    echo "incus snapshot create of a running cul8er/busybox instance holding $data_mb MB of data"
    echo "$instances instances per pool, $rounds rounds: $n snapshots per pool ($(date -u +%F), $(nproc) cores, Incus $(incus version | awk '/Server/ {print $3}'))"
    printf '%-6s  %8s  %8s  %8s  %8s\n' pool median mean min max
    printf '%-6s  %6d ms  %6d ms  %6d ms  %6d ms\n' btrfs "$b_med" "$b_mean" "$b_min" "$b_max"
    printf '%-6s  %6d ms  %6d ms  %6d ms  %6d ms\n' dir "$d_med" "$d_mean" "$d_min" "$d_max"
    awk -v d="$d_med" -v b="$b_med" -v dm="$d_mean" -v bm="$b_mean" \
        'BEGIN {printf "dir / btrfs: %.1f x (median), %.1f x (mean)\n", d / b, dm / bm}'
} | tee "$out/snapshot.txt"
