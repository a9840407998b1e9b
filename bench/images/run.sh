#!/usr/bin/env bash
# Debian image builds (issue 11): for each variant, the time of a cold build (images/build.sh build:
# mmdebstrap downloads and installs every package, then the rootfs is compressed), the sizes of the
# result (rootfs.tar.gz, and unpacked: the sum of the file sizes in the tarball), and the cost of a
# cache hit: images/build.sh hash with fresh package lists (what setup pays per image when nothing
# changed), with lists refreshed (CUL8ER_APT_MAX_AGE=0, once every 10 min), and scripts/images.sh
# on an image that is up to date (hash + Incus lookups), when the alias exists.
#   VARIANTS="debian12 debian12-jvm debian12-host" BUILDS=1 RUNS=5 bench/images/run.sh   (as root)
# Builds into a temporary directory and imports nothing. Needs mmdebstrap and hyperfine
# (scripts/setup.sh installs both). Writes bench/results/images.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/results"
variants=(${VARIANTS:-debian12 debian12-jvm debian12-host})
builds=${BUILDS:-1} runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
report="$out/images.txt"

{
    echo "date: $(date -u '+%F %T UTC')"
    echo "machine: $(nproc) CPUs, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME"), mmdebstrap $(mmdebstrap --version | awk '{print $2}')"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    printf '%-14s %-10s %-12s %-12s %-10s %s\n' variant build_s rootfs_gz unpacked packages load_after
} | tee "$report"

# Fresh lists first, so that the cold builds time mmdebstrap and not a refresh of the lists.
for v in "${variants[@]}"; do bash "$root/images/build.sh" hash "$v" >/dev/null; done

for v in "${variants[@]}"; do
    for b in $(seq 1 "$builds"); do
        rm -rf "$work/$v"
        t0=$(date +%s%N)
        bash "$root/images/build.sh" build "$v" "$work/$v" >/dev/null
        ms=$(( ($(date +%s%N) - t0) / 1000000 ))
        gz=$(stat -c %s "$work/$v/rootfs.tar.gz")
        unpacked=$(tar -tvzf "$work/$v/rootfs.tar.gz" | awk '{s += $3} END {print s}')
        printf '%-14s %-10s %-12s %-12s %-10s %s\n' "$v" "$(awk -v m="$ms" 'BEGIN {printf "%.1f", m / 1000}')" \
            "$(numfmt --to=iec --suffix=B "$gz")" "$(numfmt --to=iec --suffix=B "$unpacked")" \
            "$(wc -l < "$work/$v/packages.installed")" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$report"
    done
done

echo | tee -a "$report"
echo "cache hit (hyperfine, $runs runs):" | tee -a "$report"
cmds=()
for v in "${variants[@]}"; do
    cmds+=(-n "hash $v (lists fresh)" "bash $root/images/build.sh hash $v")
done
cmds+=(-n "hash debian12 (lists refreshed)" "env CUL8ER_APT_MAX_AGE=0 bash $root/images/build.sh hash debian12")
hyperfine -N --runs "$runs" --warmup 1 --export-markdown "$work/hit.md" "${cmds[@]}" >/dev/null
cat "$work/hit.md" | tee -a "$report"

if incus query /1.0/images/aliases/cul8er/debian12 >/dev/null 2>&1; then
    echo | tee -a "$report"
    echo "scripts/images.sh with the three aliases up to date:" | tee -a "$report"
    hyperfine -N --runs "$runs" --warmup 1 --export-markdown "$work/images.md" \
        "bash $root/scripts/images.sh cul8er/debian12:debian12 cul8er/debian12-jvm:debian12-jvm cul8er/debian12-host:debian12-host" \
        >/dev/null
    cat "$work/images.md" | tee -a "$report"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$report"
