#!/usr/bin/env bash
# Copying an image a host lacks (issue 12), per image size. For each variant (cul8er/busybox,
# cul8er/debian12, cul8er/debian12-jvm) a build of its own is made on this machine (the image with
# its metadata re-dated: the same root file system, a fingerprint nobody has), then
#   1. `cul8er deploy` of one container from it on test-bed host 3: copied from this machine;
#   2. this machine's build deleted, `cul8er deploy` of one more on host 2: copied from host 3, through
#      this machine (host to host).
# The deploying JVM runs with -Xmx${HEAP:-64m}: an image bigger than the heap gets through only
# streamed. Reports each deploy's "copied N MB in T s (R MB/s)" line and its wall time.
#   VARIANTS="busybox debian12 debian12-jvm" bench/image-copy/run.sh      (as root)
# Needs `scripts/testbed-hosts.sh up 3` and the images of scripts/setup.sh. Deletes what it made
# (instances, builds on this machine and on the hosts), also when interrupted.
# Writes bench/results/image-copy.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/results"
variants=${VARIANTS:-busybox debian12 debian12-jvm}
heap=${HEAP:-64m}
testbed=${CUL8ER_TESTBED_DIR:-/var/lib/cul8er/testbed}
tag="bic$$"
work=$(mktemp -d)
mkdir -p "$out"
export CUL8ER_SSH_CONFIG="$testbed/ssh_config" CUL8ER_JAVA_OPTS="-Xmx$heap"
address() { awk -F'\t' -v n="cul8er-tb-$1" '$1 == n { print $2 }' "$testbed/hosts.tsv"; }
on() { ssh -F "$testbed/ssh_config" -o BatchMode=yes "cul8er-tb-$1" "$2"; }
fingerprints=()

cleanup() {
    local fp
    [ -f "$work/t.cul8" ] && (cd "$work" && "$root/cul8er" destroy "$tag" -f t.cul8 --yes >/dev/null 2>&1 || true)
    for fp in "${fingerprints[@]}"; do
        incus image delete "$fp" >/dev/null 2>&1 || true
        on 2 "incus image delete $fp" >/dev/null 2>&1 || true
        on 3 "incus image delete $fp" >/dev/null 2>&1 || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

host() { printf '  host :web_%s do\n    address "%s"\n    platform :debian\n    ssh user: "deploy", key: "%s"\n  end\n' \
    "$1" "$(address "$1")" "$testbed/deploy_ed25519"; }
box() { printf '  resource :%s, type: :container, on: :web_%s do\n    from_image "%s"\n    limits do\n      memory megabytes: 256\n    end\n  end\n' "$1" "$2" "$3"; }

# deploy LABEL: runs the deploy, prints its copy line and wall time
deploy() {
    local started ended line
    started=$(date +%s.%N)
    (cd "$work" && "$root/cul8er" deploy "$tag" -f t.cul8) > "$work/deploy.log" 2>&1 || { cat "$work/deploy.log"; exit 1; }
    ended=$(date +%s.%N)
    line=$(grep -o 'image [^:]*: copied .*' "$work/deploy.log" || echo "no copy")
    printf '%-14s %-24s %s; deploy %.1f s\n' "$variant" "$1" "$line" "$(awk -v a="$started" -v b="$ended" 'BEGIN { print b - a }')" | tee -a "$out/image-copy.txt"
}

{
    echo "# $(date -u +%FT%TZ) $(uname -n), load $(cut -d' ' -f1-3 /proc/loadavg), heap $heap"
} | tee -a "$out/image-copy.txt"
for variant in $variants; do
    alias="$tag/$variant"
    mkdir -p "$work/$variant/meta"
    (cd "$work/$variant" && incus image export "cul8er/$variant" img >/dev/null && tar -xzf img -C meta \
        && sed -i "s/^creation_date: .*/creation_date: $(date +%s)/" meta/metadata.yaml \
        && tar --numeric-owner -czf meta.tar.gz -C meta . && incus image import meta.tar.gz img.root --alias "$alias" >/dev/null)
    fp=$(cat "$work/$variant/meta.tar.gz" "$work/$variant/img.root" | sha256sum | cut -d' ' -f1)
    fingerprints+=("$fp")
    rm -rf "$work/$variant"
    { echo "topology :$tag do"; host 3; host 2; box "${variant//-/_}_3" 3 "$alias"; echo "end"; } > "$work/t.cul8"
    deploy "this machine -> host 3"
    incus image delete "$fp"
    { echo "topology :$tag do"; host 3; host 2; box "${variant//-/_}_3" 3 "$alias"; box "${variant//-/_}_2" 2 "$alias"; echo "end"; } > "$work/t.cul8"
    deploy "host 3 -> host 2"
    (cd "$work" && "$root/cul8er" destroy "$tag" -f t.cul8 --yes >/dev/null)
    on 2 "incus image delete $fp"
    on 3 "incus image delete $fp"
done
