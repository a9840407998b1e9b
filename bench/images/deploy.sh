#!/usr/bin/env bash
# Debian images vs busybox (issue 11): a fresh `cul8er deploy` of examples/hello-web (3 instances,
# JVM start, health checks, edge) on cul8er/debian12-jvm (systemd, its own JRE) against the same on
# cul8er/userland (busybox init, the host's /usr read-only), in one run. Rounds alternate which side
# goes first; before each timed deploy the side's previous deploy is destroyed (not timed). One
# untimed round first, so that both images are unpacked in the storage pool already.
# Needs scripts/setup.sh done (both images). RUNS=N rounds (default 5).
# Writes bench/results/images-deploy.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/results"
mkdir -p "$out"
runs=${RUNS:-5}
work=$(mktemp -d)
sides=(debian userland)
declare -A name port
for side in "${sides[@]}"; do
    name[$side]="bi${side:0:1}$RANDOM"
    port[$side]=$((18600 + RANDOM % 300))
done
[ "${port[debian]}" != "${port[userland]}" ] || port[userland]=$((port[debian] + 1))
cleanup() {
    for side in "${sides[@]}"; do
        "$root/cul8er" destroy "${name[$side]}" -f "$work/$side.cul8" --yes >/dev/null 2>&1 || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

for image in cul8er/debian12-jvm cul8er/userland; do
    incus image info "$image" >/dev/null 2>&1 || { echo "no image $image: run scripts/setup.sh" >&2; exit 1; }
done
bash "$root/examples/hello-web/build.sh" >/dev/null
"$root/cul8er" --version >/dev/null   # build before timing
example="$root/examples/hello-web/hello.cul8"
grep -q 'from_image "cul8er/debian12-jvm"' "$example" || { echo "$example is not on cul8er/debian12-jvm" >&2; exit 1; }
for side in "${sides[@]}"; do
    image_line='s|^$||'
    [ "$side" = debian ] || image_line='s|from_image "cul8er/debian12-jvm"|from_image "cul8er/userland"\n    profiles ["default", "cul8er-userland"]|'
    sed -e "s/^topology :hello do/topology :${name[$side]} do/" -e "s/as: 8080/as: ${port[$side]}/" \
        -e "$image_line" \
        -e "s|runtime: :jvm|runtime: :jvm, artifact: \"$root/examples/hello-web/releases/{name}-{version}.tar.gz\"|" \
        "$example" > "$work/$side.cul8"
done

deploy() { # side -> seconds (fails loudly)
    local side=$1 start end
    "$root/cul8er" destroy "${name[$side]}" -f "$work/$side.cul8" --yes >/dev/null
    start=$(date +%s.%N)
    "$root/cul8er" deploy "${name[$side]}" -f "$work/$side.cul8" > "$work/$side.out" 2>&1 \
        || { cat "$work/$side.out" >&2; return 1; }
    end=$(date +%s.%N)
    curl -fsS --max-time 5 "http://127.0.0.1:${port[$side]}/version" >/dev/null \
        || { echo "$side: the edge did not answer after the deploy" >&2; return 1; }
    # Per instance: create to running with an address ("wait until X runs"), install, health.
    grep -o 'done: wait until [^ ]* runs ([0-9.]* m\?s)' "$work/$side.out" | sed "s/.*(\(.*\))/$side boot \1/" >> "$work/phases"
    grep -oE '^  [a-z0-9]+-web-[0-9] .* install [0-9.]+ m?s, health [0-9.]+ m?s' "$work/$side.out" \
        | sed -E "s/.* install ([0-9.]+ m?s), health ([0-9.]+ m?s)/$side install \1\n$side health \2/" >> "$work/phases"
    awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f\n", b - a}'
}

for side in "${sides[@]}"; do deploy "$side" >/dev/null; done   # warm-up: images unpacked in the pool
: > "$work/times"
: > "$work/phases"
for round in $(seq "$runs"); do
    order=("${sides[@]}")
    [ $((round % 2)) -eq 1 ] || order=(userland debian)
    for side in "${order[@]}"; do
        seconds=$(deploy "$side")
        echo "$side $seconds" >> "$work/times"
    done
done

{
    echo "fresh deploy of hello-web x3 (create, boot, install, health, edge), $runs rounds alternating;"
    echo "$(date -u +%Y-%m-%d), nproc $(nproc), load average before: $(cut -d' ' -f1-3 /proc/loadavg) (shared machine)"
    awk '
        { t[$1] = t[$1] " " $2; n[$1]++; s[$1] += $2; q[$1] += $2 * $2 }
        END {
            for (side in n) {
                split(substr(t[side], 2), v, " "); m = n[side]
                for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] < v[i]) { x = v[i]; v[i] = v[j]; v[j] = x }
                med[side] = (m % 2) ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
                mean = s[side] / m; sd = sqrt(q[side] / m - mean * mean)
                printf "%-9s mean %6.2f s  sd %5.2f  median %6.2f  min %6.2f  max %6.2f  runs:%s\n",
                    side, mean, sd, med[side], v[1], v[m], t[side]
                means[side] = mean
            }
            printf "ratio debian/userland: mean %.2f, median %.2f\n",
                means["debian"] / means["userland"], med["debian"] / med["userland"]
        }' "$work/times"
    echo "per instance, mean over every timed deploy (boot: create to running with an address):"
    awk '{ v = $3; if ($4 == "ms") v /= 1000; s[$1 " " $2] += v; n[$1 " " $2]++ }
        END { for (k in s) printf "  %-16s %5.2f s (%d)\n", k, s[k] / n[k], n[k] }' "$work/phases" | sort
} | tee "$out/images-deploy.txt"
