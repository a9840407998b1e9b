#!/usr/bin/env bash
# A test bed of real Incus hosts on this machine: containers cul8er-tb-1 .. cul8er-tb-N of image
# cul8er/debian12-host (nested: each runs systemd, its own incusd and sshd), reached by the tests
# over SSH at their own addresses on incusbr0, like a user's machines. See docs/testbed.md.
#
#   scripts/testbed-hosts.sh up [N]   make or repair hosts 1..N (default 3), in parallel; a host that
#                                     is already ready costs a few checks. Never shrinks the test bed:
#                                     hosts beyond N that exist are checked too. Writes the files below.
#                                     A host made from an older host image is made again.
#   scripts/testbed-hosts.sh status   one line a host: name, address, subnet, state, and whether its
#                                     incusd answers deploy@ over SSH (exit 1 when one does not)
#   scripts/testbed-hosts.sh clean    remove what earlier test runs left inside the hosts: every
#                                     inner instance, and the edge's topologies (its HAProxy stopped)
#   scripts/testbed-hosts.sh down     delete every cul8er-tb-* host (inner containers with it) and
#                                     the state files; keeps the keys and the image cache
#
# Host k: eth0 from the outer dnsmasq; inside, storage pool default (btrfs on btrfs, else dir), bridge cul8erbr0 at
# 10.210.k.1/24 (no NAT, no IPv6), the default profile on both, ip forwarding on (no routes between
# hosts: `cul8er setup` adds them), haproxy.service stopped and disabled, user deploy in the group of
# the Incus socket, root and deploy logins by key, the images cul8er/busybox, cul8er/debian12,
# cul8er/debian12-jvm and cul8er/userland, and a profile cul8er-userland that mounts this machine's
# /usr (and the /etc parts of the outer profile) read-only.
#
# The test-bed directory, ${CUL8ER_TESTBED_DIR:-/var/lib/cul8er/testbed}:
#   deploy_ed25519, admin_ed25519   client keys of deploy@ and root@ (made once)
#   known_hosts                     ADDRESS ssh-ed25519 KEY, each read from its host through incus exec
#   ssh_config                      Host cul8er-tb-K and Host ADDRESS: deploy, its key, known_hosts
#   hosts.tsv                       name<TAB>address<TAB>subnet, one line a host
#   images/FINGERPRINT/             the images exported from this machine's Incus (mounted read-only
#                                   into each host, which imports them from there)
#   logs/cul8er-tb-K.log            what the last `up` did on each host
# Environment: CUL8ER_TESTBED_DIR, CUL8ER_TESTBED_MEMORY (limits.memory of a host, default 1GiB).
set -euo pipefail

DIR=${CUL8ER_TESTBED_DIR:-/var/lib/cul8er/testbed}
MEMORY=${CUL8ER_TESTBED_MEMORY:-1GiB}
PREFIX=cul8er-tb-
MAX_HOSTS=20
HOST_IMAGE=cul8er/debian12-host
IMAGES=(cul8er/busybox cul8er/debian12 cul8er/debian12-jvm cul8er/debian12-postgres)   # required in every host
USERLAND_IMAGE=cul8er/userland                                  # with the profile below
USERLAND_PROFILE=cul8er-userland
OUTER=/opt/outer   # where this machine's paths appear inside a host
BRIDGE=cul8erbr0
BOOT_TIMEOUT=120   # s, systemd "running" in a host
ADDRESS_TIMEOUT=60 # s, eth0's address from the outer dnsmasq
SSH=(ssh -o BatchMode=yes -o ConnectTimeout=5)

log() { echo "testbed: $*"; }
die() { echo "testbed: ERROR: $*" >&2; exit 1; }
usage_error() { echo "testbed: $*" >&2; echo "usage: scripts/testbed-hosts.sh up [N] | status | clean | down | --help" >&2; exit 2; }

subnet_of() { echo "10.210.$1.0/24"; }
number_of() { echo "${1#"$PREFIX"}"; }

# Writes stdin to $1 atomically (a reader sees the old file or the new one, never half of one).
write_atomic() {
    local tmp="$1.tmp.$$"
    cat > "$tmp"
    mv -f "$tmp" "$1"
}

# Names of the test-bed containers that exist, sorted by number.
existing_hosts() {
    incus list -f json | jq -r --arg p "$PREFIX" '.[].name | select(test("^" + $p + "[0-9]+$"))' \
        | sort -t- -k3,3n
}

lock() {   # one up or down at a time per test-bed directory
    mkdir -p "$DIR" || die "cannot create $DIR (set CUL8ER_TESTBED_DIR to a writable directory)"
    exec 9>"$DIR/.lock"
    flock -w 900 9 || die "another testbed-hosts.sh has held $DIR/.lock for 15 min"
}

preflight() {
    [ "$(id -u)" -eq 0 ] || die "must run as root (it drives this machine's Incus and writes $DIR)"
    local tool
    for tool in incus jq ssh ssh-keygen flock timeout; do
        command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (run scripts/setup.sh)"
    done
    timeout 10 incus query /1.0 >/dev/null 2>&1 || die "this machine's Incus does not answer (run scripts/setup.sh)"
}

# --- up: on this machine -------------------------------------------------------------------
ensure_key() {   # name comment
    local key="$DIR/$1"
    [ -s "$key" ] && [ -s "$key.pub" ] && return 0
    local tmp
    tmp=$(mktemp -d "$DIR/.key.XXXXXX")
    ssh-keygen -q -t ed25519 -N '' -C "$2" -f "$tmp/key" || die "ssh-keygen failed for $key"
    mv -f "$tmp/key.pub" "$key.pub"
    mv -f "$tmp/key" "$key"
    rmdir "$tmp"
    log "made the client key $key ($2)"
}

alias_target() {   # alias -> fingerprint, or nothing
    incus query "/1.0/images/aliases/$1" 2>/dev/null | jq -r '.target // empty' || true
}

# Exports image FP once into the cache (images/FP/image and, for a split image, image.root), checked
# against its fingerprint.
export_image() {   # alias fingerprint
    local alias=$1 fp=$2 dest="$DIR/images/$2" tmp
    [ -s "$dest/image" ] && return 0
    tmp=$(mktemp -d "$DIR/images/.export.XXXXXX")
    timeout 300 incus image export "$fp" "$tmp/image" >/dev/null \
        || { rm -rf "$tmp"; die "could not export $alias (${fp:0:12}) to $tmp"; }
    local sum
    sum=$(cat "$tmp/image" "$tmp"/image.root 2>/dev/null | sha256sum | cut -d' ' -f1)
    [ "$sum" = "$fp" ] || { rm -rf "$tmp"; die "the export of $alias does not match its fingerprint ${fp:0:12} (got ${sum:0:12})"; }
    rm -rf "$dest"
    mv "$tmp" "$dest"
    log "exported $alias (${fp:0:12}, $(du -sh "$dest" | cut -f1)) to $dest"
}

# The outer userland profile's disk devices, "device source path" a line.
userland_devices() {
    incus query "/1.0/profiles/$USERLAND_PROFILE" 2>/dev/null \
        | jq -r '.devices | to_entries[] | select(.value.type == "disk" and (.value.source // "") != "")
                 | "\(.key) \(.value.source) \(.value.path)"' || true
}

# The script each host runs as root (incus exec), with the environment set by provision. It waits
# for systemd and incusd, then makes what is missing and prints one line for each change.
read -r -d '' HOST_SCRIPT <<'EOF_HOST' || true
set -euo pipefail
export LC_ALL=C.UTF-8
say() { echo "$*"; }
die() { echo "ERROR: $*" >&2; exit 1; }
trap 'echo "ERROR: \`$BASH_COMMAND\` failed (line $LINENO of the set-up script)" >&2' ERR

# incusd is sometimes SIGKILLed seconds into a host's boot (cause unknown, seen under load):
# incus.service then waits up to 600 s in start-post for a daemon that is gone. A restart repairs
# it. Socket activation may start incus.service outside the boot transaction, so systemd can say
# 'running' before the kill: the check runs while waiting for incusd too.
repair_killed_incusd() {
    if [ "$(systemctl show -p ActiveState --value incus.service 2>/dev/null)" = activating ] \
        && [ "$(systemctl show -p MainPID --value incus.service 2>/dev/null)" = 0 ] \
        && [ "$(systemctl show -p ExecMainStatus --value incus.service 2>/dev/null)" = 9 ]; then
        systemctl reset-failed incus-startup.service 2>/dev/null || true
        timeout 90 systemctl restart incus.service || die "restarting incus.service, whose incusd was killed during boot, failed"
        timeout 60 systemctl restart incus-startup.service 2>/dev/null || true
        say "restarted incus.service: its incusd was killed during boot"
    fi
}

deadline=$((SECONDS + BOOT_TIMEOUT)) state=""
while :; do
    # (right after the start systemd may not answer yet: "Failed to connect to bus")
    state=$(timeout 30 systemctl is-system-running --wait 2>/dev/null) || true
    repair_killed_incusd
    case "$state" in
        running) break ;;
        degraded) die "systemd is degraded; failed units: $(systemctl --failed --plain --no-legend | awk '{print $1}' | paste -sd' ')" ;;
    esac
    [ "$SECONDS" -lt "$deadline" ] || die "systemd did not reach 'running' within $BOOT_TIMEOUT s (it says '${state:-nothing}')"
    sleep 0.5
done
ready_by=$((SECONDS + 60))
until incus admin waitready --timeout=5 >/dev/null 2>&1; do
    repair_killed_incusd
    [ "$SECONDS" -lt "$ready_by" ] \
        || die "incusd did not become ready within 60 s ($(systemctl is-active incus.service) incus.service)"
done
socket=/var/lib/incus/unix.socket
group=$(stat -c %G "$socket")
[ "$group" != root ] || die "$socket belongs to group root: deploy could not use Incus without root"

if systemctl is-enabled --quiet haproxy 2>/dev/null || systemctl is-active --quiet haproxy; then
    systemctl disable --now haproxy >/dev/null 2>&1 || die "could not stop and disable haproxy.service"
    say "stopped and disabled haproxy.service (C U L8er runs its own edge)"
fi

sysctl_file=/etc/sysctl.d/60-cul8er-testbed.conf
if [ "$(cat "$sysctl_file" 2>/dev/null)" != "net.ipv4.ip_forward = 1" ]; then
    echo "net.ipv4.ip_forward = 1" > "$sysctl_file"
    say "wrote $sysctl_file"
fi
if [ "$(cat /proc/sys/net/ipv4/ip_forward)" != 1 ]; then
    sysctl -qw net.ipv4.ip_forward=1
    say "turned ip forwarding on"
fi

# As a user would on a new host: a pool, a bridge, and the default profile on both.
# btrfs where the host's disk is btrfs (this machine's pool): an instance is then a snapshot of its
# image instead of a copy of every file, which makes a create about 3x faster.
if ! incus storage show default >/dev/null 2>&1; then
    if [ "$(stat -f -c %T /var/lib/incus)" = btrfs ] && command -v btrfs >/dev/null; then
        incus storage create default btrfs source=/var/lib/incus/storage-pools/default >/dev/null
        say "created storage pool default (btrfs, a subvolume of this host's disk)"
    else
        incus storage create default dir >/dev/null
        say "created storage pool default (dir)"
    fi
fi
bridge_config=("ipv4.address=$GATEWAY" ipv4.nat=false ipv6.address=none)
if ! incus network show "$BRIDGE" >/dev/null 2>&1; then
    incus network create "$BRIDGE" "${bridge_config[@]}" >/dev/null
    say "created network $BRIDGE (${bridge_config[*]})"
else
    for kv in "${bridge_config[@]}"; do
        if [ "$(incus network get "$BRIDGE" "${kv%%=*}")" != "${kv#*=}" ]; then
            incus network set "$BRIDGE" "$kv"
            say "set $BRIDGE $kv"
        fi
    done
fi
ensure_device() {   # profile device type key=value...
    local profile=$1 dev=$2 type=$3 kv
    shift 3
    if ! incus profile device list "$profile" | grep -qx -- "$dev"; then
        incus profile device add "$profile" "$dev" "$type" "$@" >/dev/null
        say "added $dev ($type $*) to profile $profile"
        return
    fi
    for kv in "$@"; do
        if [ "$(incus profile device get "$profile" "$dev" "${kv%%=*}")" != "${kv#*=}" ]; then
            incus profile device set "$profile" "$dev" "$kv"
            say "set $kv on $dev of profile $profile"
        fi
    done
}
ensure_device default root disk path=/ pool=default
ensure_device default eth0 nic network="$BRIDGE" name=eth0

# deploy@ uses Incus through its socket's group, root@ is for `cul8er setup`.
if ! id deploy >/dev/null 2>&1; then
    useradd -m -s /bin/bash deploy
    say "created user deploy"
fi
if ! id -nG deploy | tr ' ' '\n' | grep -qx "$group"; then
    usermod -a -G "$group" deploy
    say "added deploy to group $group (owner of $socket)"
fi
authorize() {   # user home key
    if [ "$(cat "$2/.ssh/authorized_keys" 2>/dev/null)" != "$3" ]; then
        install -d -m 0700 -o "$1" -g "$1" "$2/.ssh"
        echo "$3" > "$2/.ssh/authorized_keys.tmp"
        chown "$1:$1" "$2/.ssh/authorized_keys.tmp"
        chmod 0600 "$2/.ssh/authorized_keys.tmp"
        mv -f "$2/.ssh/authorized_keys.tmp" "$2/.ssh/authorized_keys"
        say "authorized the test-bed key of $1@"
    fi
}
authorize deploy /home/deploy "$DEPLOY_KEY"
authorize root /root "$ADMIN_KEY"
sshd_config=$(sshd -T 2>&1) || die "sshd -T failed: $sshd_config"
! grep -qx 'allowtcpforwarding no' <<<"$sshd_config" \
    || die "sshd has AllowTcpForwarding no: the Incus socket could not be tunnelled"
! grep -Eqx 'allowstreamlocalforwarding (no|remote)' <<<"$sshd_config" \
    || die "sshd refuses local streamlocal forwarding: the Incus socket could not be tunnelled"
! grep -qx 'permitrootlogin no' <<<"$sshd_config" || die "sshd has PermitRootLogin no"
systemctl is-active --quiet ssh || die "ssh.service is not active"

# Images, from the cache mounted at $OUTER/images, under this machine's aliases.
for spec in $IMAGES; do
    alias=${spec%%=*} fp=${spec#*=}
    if ! incus query "/1.0/images/$fp" >/dev/null 2>&1; then
        files=("$OUTER/images/$fp/image")
        [ ! -e "$OUTER/images/$fp/image.root" ] || files+=("$OUTER/images/$fp/image.root")
        out=$(incus image import "${files[@]}" 2>&1) || die "could not import $alias (${fp:0:12}): $out"
        say "imported $alias (${fp:0:12})"
    fi
    target=$(incus query "/1.0/images/aliases/$alias" 2>/dev/null | sed -n 's/.*"target": *"\([0-9a-f]*\)".*/\1/p') || true
    if [ "$target" != "$fp" ]; then
        [ -z "$target" ] || incus image alias delete "$alias"
        incus image alias create "$alias" "$fp"
        if [ -n "$target" ]; then
            # (the build it pointed at goes, unless another alias of the test bed wants it)
            [[ " $IMAGES " == *"=$target "* ]] || incus image delete "$target" >/dev/null 2>&1 || true
            say "moved alias $alias from ${target:0:12} to ${fp:0:12} (this machine's build)"
        else
            say "created alias $alias (${fp:0:12})"
        fi
    fi
done

# The outer profile's paths, mounted at $OUTER in this host, go to inner containers at their paths.
if [ -n "$USERLAND" ]; then
    if ! incus profile show "$USERLAND_PROFILE" >/dev/null 2>&1; then
        incus profile create "$USERLAND_PROFILE" >/dev/null
        say "created profile $USERLAND_PROFILE"
    fi
    mapfile -t devices <<<"$USERLAND"
    for spec in "${devices[@]}"; do
        read -r dev src path <<<"$spec"
        [ -d "$OUTER$src" ] || die "$OUTER$src is missing: this machine's $src is not mounted here"
        ensure_device "$USERLAND_PROFILE" "$dev" disk source="$OUTER$src" path="$path" readonly=true
    done
fi
EOF_HOST

# Makes host k as it should be (creating, starting or re-making its container when needed), runs
# HOST_SCRIPT in it and writes "address key" to $RUN/NAME. Prints what it changed.
provision() {   # k
    local k=$1 name="$PREFIX$1"
    hdie() { die "$name: $*"; }
    local json remake=""
    if json=$(incus query "/1.0/instances/$name" 2>/dev/null); then
        # A container under our name but of another shape is made again.
        local shape
        shape=$(jq -r '[.config["security.nesting"], .config["security.privileged"], .config["image.variant"]] | join(" ")' <<<"$json")
        [ "$shape" = "true true debian12-host" ] || remake="it is not a nested debian12-host container ($shape)"
        [ "$(jq -r .status <<<"$json")" != Error ] || remake="its state is Error"
        local base
        base=$(jq -r '.config["volatile.base_image"] // ""' <<<"$json")
        [ -n "$remake" ] || [ "$base" = "$HOST_FP" ] \
            || remake="it was made from ${base:0:12}, not from the current $HOST_IMAGE (${HOST_FP:0:12})"
        if [ -n "$remake" ]; then
            echo "re-making it: $remake"
            timeout 120 incus delete --force "$name" >/dev/null || hdie "could not delete it"
            json=""
        fi
    fi
    if [ -z "$json" ]; then
        timeout 120 incus init "$HOST_IMAGE" "$name" -c security.nesting=true -c security.privileged=true \
            -c limits.memory="$MEMORY" </dev/null >/dev/null || hdie "could not create it from $HOST_IMAGE"
        echo "created it from $HOST_IMAGE (${HOST_FP:0:12})"
        json=$(incus query "/1.0/instances/$name")
    fi
    if [ "$(jq -r '.config["limits.memory"] // ""' <<<"$json")" != "$MEMORY" ]; then
        incus config set "$name" limits.memory="$MEMORY" || hdie "could not set limits.memory=$MEMORY"
        echo "set limits.memory=$MEMORY"
    fi
    # This machine's paths, read-only: the image cache and what the userland profile mounts.
    local dev src path want=("testbed-images $DIR/images $OUTER/images")
    while read -r dev src path; do
        [ -z "$dev" ] || want+=("outer-$dev $src $OUTER$src")
    done <<<"$USERLAND"
    local spec
    for spec in "${want[@]}"; do
        read -r dev src path <<<"$spec"
        if [ "$(jq -r --arg d "$dev" '.devices[$d] // {} | "\(.source) \(.path) \(.readonly)"' <<<"$json")" != "$src $path true" ]; then
            incus config device remove "$name" "$dev" >/dev/null 2>&1 || true
            incus config device add "$name" "$dev" disk source="$src" path="$path" readonly=true >/dev/null \
                || hdie "could not mount $src at $path"
            echo "mounted $src read-only at $path"
        fi
    done
    case "$(jq -r .status <<<"$json")" in
        Running) ;;
        Frozen) incus start "$name" </dev/null || hdie "could not unfreeze it"; echo "unfroze it" ;;
        *) timeout 120 incus start "$name" </dev/null || hdie "could not start it"; echo "started it" ;;
    esac

    local out rc=0
    out=$(timeout $((BOOT_TIMEOUT + 300)) incus exec "$name" \
        --env BOOT_TIMEOUT="$BOOT_TIMEOUT" --env GATEWAY="10.210.$k.1/24" --env BRIDGE="$BRIDGE" \
        --env DEPLOY_KEY="$(cat "$DIR/deploy_ed25519.pub")" --env ADMIN_KEY="$(cat "$DIR/admin_ed25519.pub")" \
        --env IMAGES="${IMAGE_SPECS[*]}" --env OUTER="$OUTER" \
        --env USERLAND_PROFILE="$USERLAND_PROFILE" --env USERLAND="$USERLAND" \
        -- bash -c "$HOST_SCRIPT" </dev/null 2>&1) || rc=$?
    [ -z "$out" ] || printf '%s\n' "$out" | grep -v '^ERROR: ' || true
    [ "$rc" -ne 124 ] || hdie "the set-up inside it did not finish within $((BOOT_TIMEOUT + 300)) s"
    [ "$rc" -eq 0 ] || hdie "$(grep '^ERROR: ' <<<"$out" | sed 's/^ERROR: //' | tail -n 1 | grep . \
        || echo "the set-up inside it failed (exit $rc): $(tail -n 1 <<<"$out")")"

    local address="" deadline=$((SECONDS + ADDRESS_TIMEOUT))
    while [ -z "$address" ]; do
        address=$(incus query "/1.0/instances/$name/state" 2>/dev/null \
            | jq -r '[.network.eth0.addresses[]? | select(.family == "inet") | .address][0] // empty') || true
        [ -n "$address" ] && break
        [ "$SECONDS" -lt "$deadline" ] || hdie "eth0 got no IPv4 address from incusbr0's dnsmasq within $ADDRESS_TIMEOUT s"
        sleep 0.5
    done
    local key
    key=$(incus exec "$name" -- cat /etc/ssh/ssh_host_ed25519_key.pub </dev/null | awk '{print $1, $2}') \
        || hdie "could not read /etc/ssh/ssh_host_ed25519_key.pub"
    [[ "$key" == "ssh-ed25519 "* ]] || hdie "/etc/ssh/ssh_host_ed25519_key.pub holds no ed25519 key"
    echo "$address $key" > "$RUN/$name"
}

check_ssh() {   # name address: deploy@ reaches its incusd and root@ logs in, with the files written
    local name=$1 out
    out=$(timeout 20 "${SSH[@]}" -F "$DIR/ssh_config" "$name" incus query /1.0 2>&1 >/dev/null) \
        || die "$name: deploy@$2 cannot use Incus over SSH: ${out:-timed out}"
    out=$(timeout 20 "${SSH[@]}" -F "$DIR/ssh_config" -i "$DIR/admin_ed25519" -l root "$name" true 2>&1) \
        || die "$name: root@$2 cannot log in over SSH: ${out:-timed out}"
}

# Starts one background job a host, waits for all, and dies naming each that failed.
run_parallel() {   # what-for function log-suffix names...
    local what=$1 fn=$2 suffix=$3 failed=0 name
    shift 3
    declare -A pids=()
    for name in "$@"; do
        "$fn" "$name" >"$LOGS/$name$suffix" 2>&1 </dev/null &
        pids[$name]=$!
    done
    for name in "$@"; do
        if ! wait "${pids[$name]}"; then
            failed=$((failed + 1))
            grep 'ERROR: ' "$LOGS/$name$suffix" | tail -n 3 | sed 's/^/  /' >&2 || true
        fi
    done
    [ "$failed" -eq 0 ] || die "$what failed on $failed of $# host(s) (logs: $LOGS/)"
}

provision_job() { provision "$(number_of "$1")"; }
check_job() { check_ssh "$1" "$(awk '{print $1}' "$RUN/$1")"; }

cmd_up() {
    local n=$1 k name
    preflight
    lock
    HOST_FP=$(alias_target "$HOST_IMAGE")
    [ -n "$HOST_FP" ] || die "image $HOST_IMAGE is missing on this machine (scripts/setup.sh builds it)"
    mkdir -p "$DIR/images"
    LOGS="$DIR/logs"
    mkdir -p "$LOGS"
    ensure_key deploy_ed25519 "cul8er-testbed deploy@"
    ensure_key admin_ed25519 "cul8er-testbed root@"

    IMAGE_SPECS=()
    USERLAND=$(userland_devices)
    local images=("${IMAGES[@]}") alias fp
    if [ -n "$USERLAND" ]; then
        images+=("$USERLAND_IMAGE")
    else
        log "warning: no profile $USERLAND_PROFILE on this machine: the hosts get neither it nor $USERLAND_IMAGE"
    fi
    for alias in "${images[@]}"; do
        fp=$(alias_target "$alias")
        [ -n "$fp" ] || die "image $alias is missing on this machine (scripts/setup.sh builds it)"
        export_image "$alias" "$fp"
        IMAGE_SPECS+=("$alias=$fp")
    done
    # Exports no alias points at any more (an image rebuilt since) go, and those a killed run left.
    local cached
    for cached in "$DIR"/images/* "$DIR"/images/.export.*; do
        [ -e "$cached" ] || continue
        [[ " ${IMAGE_SPECS[*]} " == *"=${cached##*/} "* ]] || { rm -rf "$cached"; log "removed the stale export ${cached##*/}"; }
    done

    RUN=$(mktemp -d -t cul8er-testbed.XXXXXX)
    # (stopped, the jobs stop too; what they did is repaired by the next up)
    trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$RUN"' EXIT
    trap 'exit 143' TERM
    trap 'exit 130' INT
    # The test bed never shrinks (a test using 3 hosts may run while another asks for 1): hosts that
    # exist beyond n are checked and listed too.
    local m=$n
    for name in $(existing_hosts); do
        k=$(number_of "$name")
        [ "$k" -le "$m" ] || { m=$k; log "$name exists beyond $n: checked and listed too (down deletes it)"; }
    done
    local names=()
    for k in $(seq 1 "$m"); do names+=("$PREFIX$k"); done
    local t0=$SECONDS
    log "making or checking ${#names[@]} host(s) in parallel (what each did: $LOGS/)"
    run_parallel "making the hosts" provision_job .log "${names[@]}"

    local address key
    {
        for name in "${names[@]}"; do
            read -r address key < "$RUN/$name"
            printf '%s\t%s\t%s\n' "$name" "$address" "$(subnet_of "$(number_of "$name")")"
        done
    } | write_atomic "$DIR/hosts.tsv"
    # Every host knows the others by name (/etc/hosts), as hosts of a fleet usually do through DNS:
    # a topology may name its hosts cul8er-tb-K (examples/production), and setup resolves them there.
    local entries
    entries=$(awk -F'\t' '{ print $2 " " $1 }' "$DIR/hosts.tsv")
    for name in "${names[@]}"; do
        incus exec "$name" -- sh -c 'sed -i "/ # cul8er-testbed\$/d" /etc/hosts
            while read -r a n; do echo "$a $n # cul8er-testbed"; done >> /etc/hosts' <<<"$entries" \
            || die "$name: could not write the test bed's names into /etc/hosts"
    done
    for name in "${names[@]}"; do
        read -r address key < "$RUN/$name"
        echo "$address $key"
    done | write_atomic "$DIR/known_hosts"
    for name in "${names[@]}"; do
        read -r address key < "$RUN/$name"
        for pattern in "$name" "$address"; do
            cat <<EOF
Host $pattern
    HostName $address
    User deploy
    IdentityFile $DIR/deploy_ed25519
    IdentitiesOnly yes
    UserKnownHostsFile $DIR/known_hosts
    StrictHostKeyChecking yes

EOF
        done
    done | write_atomic "$DIR/ssh_config"
    run_parallel "the SSH check" check_job .ssh.log "${names[@]}"

    for name in "${names[@]}"; do
        read -r address key < "$RUN/$name"
        [ ! -s "$LOGS/$name.log" ] || sed "s/^/testbed: $name: /" "$LOGS/$name.log"
        log "$name ready at $address ($(subnet_of "$(number_of "$name")"), deploy@ and root@ over SSH)"
    done
    log "${#names[@]} host(s) ready in $((SECONDS - t0)) s: $DIR/hosts.tsv, CUL8ER_SSH_CONFIG=$DIR/ssh_config"
}

# --- status and down -----------------------------------------------------------------------
cmd_status() {
    preflight
    local rows
    rows=$(incus list -f json | jq -r --arg p "$PREFIX" '.[] | select(.name | test("^" + $p + "[0-9]+$"))
        | [.name, ([.state.network.eth0.addresses[]? | select(.family == "inet") | .address][0] // "-"),
           (.status | ascii_upcase)] | @tsv' | sort -t- -k3,3n)
    # Hosts the files name that are gone.
    local name address _ bad=0
    if [ -r "$DIR/hosts.tsv" ]; then
        while IFS=$'\t' read -r name address _; do
            grep -q "^$name"$'\t' <<<"$rows" || rows+=$'\n'"$name"$'\t'"$address"$'\t'MISSING
        done < "$DIR/hosts.tsv"
    fi
    rows=$(sed '/^$/d' <<<"$rows")
    if [ -z "$rows" ]; then
        log "no test-bed hosts (scripts/testbed-hosts.sh up N makes them)"
        return 0
    fi
    RUN=$(mktemp -d -t cul8er-testbed-status.XXXXXX)
    trap 'rm -rf "$RUN"' EXIT
    local state
    while IFS=$'\t' read -r name address state; do
        if [ "$state" = RUNNING ] && [ -r "$DIR/ssh_config" ]; then
            ( timeout 20 "${SSH[@]}" -F "$DIR/ssh_config" "$name" incus query /1.0 >/dev/null 2>&1 \
                && echo yes > "$RUN/$name" || echo no > "$RUN/$name" ) </dev/null &
        else
            echo no > "$RUN/$name"
        fi
    done <<<"$rows"
    wait
    local answer
    while IFS=$'\t' read -r name address state; do
        answer=$(cat "$RUN/$name")
        printf '%s\t%s\t%s\t%s\tincus-over-ssh=%s\n' "$name" "$address" "$(subnet_of "$(number_of "$name")")" "$state" "$answer"
        [ "$state" = RUNNING ] && [ "$answer" = yes ] || bad=$((bad + 1))
    done <<<"$rows"
    [ "$bad" -eq 0 ]
}

cmd_clean() {
    preflight
    lock
    local name count=0 failed=0
    declare -A pids=()
    for name in $(existing_hosts); do
        # shellcheck disable=SC2016 # expanded inside the host
        timeout 180 incus exec "$name" -- sh -c '
            for i in $(incus list -c n -f csv); do incus delete --force "$i" || exit 1; done
            systemctl stop cul8er-edge.service 2>/dev/null || true
            rm -f /var/lib/cul8er/edge/topologies.d/* /var/lib/cul8er/edge/server-state
            [ ! -f /var/lib/cul8er/edge/haproxy.cfg ] || sed -i "/^# topology /,\$d" /var/lib/cul8er/edge/haproxy.cfg' \
            </dev/null >/dev/null 2>&1 &
        pids[$name]=$!
    done
    for name in "${!pids[@]}"; do
        count=$((count + 1))
        wait "${pids[$name]}" || { echo "testbed: ERROR: could not clean $name within 180 s" >&2; failed=$((failed + 1)); }
    done
    [ "$failed" -eq 0 ] || die "$failed host(s) could not be cleaned"
    log "clean: $count host(s) hold no instances and no edge topologies"
}

cmd_down() {
    preflight
    lock
    local name failed=0
    declare -A pids=()
    for name in $(existing_hosts); do
        timeout 120 incus delete --force "$name" </dev/null >/dev/null 2>&1 &
        pids[$name]=$!
    done
    for name in "${!pids[@]}"; do
        if wait "${pids[$name]}"; then
            log "deleted $name"
        else
            echo "testbed: ERROR: could not delete $name within 120 s" >&2
            failed=$((failed + 1))
        fi
    done
    rm -f "$DIR/hosts.tsv" "$DIR/ssh_config" "$DIR/known_hosts"
    rm -rf "$DIR/logs"
    [ "$failed" -eq 0 ] || die "$failed host(s) could not be deleted"
    log "down: ${#pids[@]} host(s) deleted; kept the keys and the image cache in $DIR"
}

# --- arguments -----------------------------------------------------------------------------
case "${1:-}" in
    up)
        [ $# -le 2 ] || usage_error "up takes one argument, the number of hosts"
        n=${2:-3}
        [[ "$n" =~ ^[1-9][0-9]*$ ]] && [ "$n" -le "$MAX_HOSTS" ] \
            || usage_error "up: the number of hosts must be a whole number from 1 to $MAX_HOSTS, not '$n'"
        cmd_up "$n" ;;
    status) [ $# -eq 1 ] || usage_error "status takes no argument"; cmd_status ;;
    clean) [ $# -eq 1 ] || usage_error "clean takes no argument"; cmd_clean ;;
    down) [ $# -eq 1 ] || usage_error "down takes no argument"; cmd_down ;;
    -h|--help|help) sed -n '2,/^set -e/{/^set -e/d;s/^# \{0,1\}//;p}' "$0" ;;
    '') usage_error "missing command" ;;
    *) usage_error "unknown command '$1'" ;;
esac
