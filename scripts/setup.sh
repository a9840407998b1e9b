#!/usr/bin/env bash
# C U L8er machine set-up: packages, a running Incus daemon, its storage/network/profiles
# and the locally built images. Idempotent: a second run changes nothing and says so.
#
#   bash scripts/setup.sh            set up (or check) this machine
#   bash scripts/setup.sh --verify   also launch throw-away containers to prove the images
#                                    work and snapshots too (done anyway whenever the pool, an
#                                    image or a profile changed)
#   bash scripts/setup.sh --images-in-background
#                                    build the Debian images (cul8er/debian12, -jvm, -host) in a
#                                    detached process instead of waiting for them; it writes its
#                                    progress to /run/cul8er/images.status and its output to
#                                    /var/log/cul8er-images.log (scripts/test.sh uses this; the
#                                    tests that need the images wait for them: docs/images.md)
#
# The storage pool is made as `incus admin init` would: btrfs on a loop file (a snapshot is a
# copy-on-write subvolume, so it costs the same whatever the instance holds), `dir` (every
# snapshot copies the instance's files) only where btrfs cannot work. A machine that already has
# the pool keeps it; for a `dir` pool the script prints how to move to btrfs. Environment:
#   CUL8ER_POOL_NAME=NAME         the pool to create or check (default: default)
#   CUL8ER_POOL_DRIVER=btrfs|dir  no choice: this driver or an error (default: btrfs, else dir)
#   CUL8ER_POOL_SIZE=30GiB        the loop file's size (default: as incus admin init, a fifth of
#                                 the free space under /var/lib/incus, 5 to 30 GiB; sparse)
#
# Supported: Debian 12 (bookworm), as root (re-executes itself with sudo otherwise).
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        keep=()   # sudo resets the environment: pass the pool settings on
        for v in CUL8ER_POOL_NAME CUL8ER_POOL_DRIVER CUL8ER_POOL_SIZE; do
            [ -z "${!v:-}" ] || keep+=("$v=${!v}")
        done
        exec sudo -- env "${keep[@]}" bash "$(readlink -f "${BASH_SOURCE[0]}")" "$@"
    fi
    echo "setup: must run as root (and sudo is not available)" >&2
    exit 1
fi

REPO=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)

# ---------------------------------------------------------------------------------------
# Everything this project needs from the distribution, in one place.
#   PACKAGES           installed from bookworm when missing
#   OPTIONAL_PACKAGES  installed only when the archive has them (apt-cache policy)
#   INCUS_PACKAGES     installed from bookworm-backports (Incus 6.0 LTS)
# The JDK and Maven are added only when `java` / `mvn` are absent.
PACKAGES=(haproxy openssh-server postgresql elixir wrk hyperfine busybox-static curl jq btrfs-progs
          mmdebstrap)
OPTIONAL_PACKAGES=(hey)
INCUS_PACKAGES=(incus-base dnsmasq-base)

# Incus objects created by this script (the Java client relies on these names).
INCUS_SOCKET=/var/lib/incus/unix.socket
INCUSD=/usr/libexec/incus/incusd
INCUSD_LOG=/var/log/incusd.log
POOL=${CUL8ER_POOL_NAME:-default}
POOL_DRIVER=${CUL8ER_POOL_DRIVER:-}
POOL_SIZE=${CUL8ER_POOL_SIZE:-}
BRIDGE=incusbr0
BRIDGE_CONFIG=(ipv4.address=10.147.0.1/24 ipv4.nat=false ipv6.address=none)
USERLAND_PROFILE=cul8er-userland
USERLAND_PROFILE_DESCRIPTION="Host /usr (and the /etc parts its programs need) read-only, for image cul8er/userland"
# device:host-path, each mounted read-only at the same path. /usr holds the programs;
# Debian's JDK keeps its conf/ and security files as symlinks into /etc/java-17-openjdk
# and /etc/ssl/certs/java; /usr/bin/java etc. are symlinks into /etc/alternatives.
USERLAND_DEVICES=(host-usr:/usr host-java-conf:/etc/java-17-openjdk host-ssl-certs:/etc/ssl/certs
                  host-alternatives:/etc/alternatives)
# alias:variant (variant as understood by images/build.sh); scripts/images.sh builds and imports them.
IMAGES=(cul8er/busybox:busybox cul8er/userland:userland)
# Built from Debian's packages by mmdebstrap: minutes when cold, seconds when up to date.
DEBIAN_IMAGES=(cul8er/debian12:debian12 cul8er/debian12-jvm:debian12-jvm cul8er/debian12-host:debian12-host
               cul8er/debian12-postgres:debian12-postgres)
IMAGES_STATUS=/run/cul8er/images.status
IMAGES_LOG=/var/log/cul8er-images.log
# ---------------------------------------------------------------------------------------

case "$POOL_DRIVER" in
    ''|btrfs|dir) ;;
    *) echo "setup: CUL8ER_POOL_DRIVER is '$POOL_DRIVER'; use btrfs or dir" >&2; exit 2 ;;
esac

VERIFY=0
IMAGES_IN_BACKGROUND=0
for arg in "$@"; do
    case "$arg" in
        --verify) VERIFY=1 ;;
        --images-in-background) IMAGES_IN_BACKGROUND=1 ;;
        -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
        *) echo "setup: unknown argument '$arg'" >&2; exit 2 ;;
    esac
done

CHANGES=0
log() { echo "setup: $*"; }
changed() { CHANGES=$((CHANGES + 1)); log "$*"; }
die() { echo "setup: ERROR: $*" >&2; exit 1; }

export DEBIAN_FRONTEND=noninteractive
export LC_ALL=C.UTF-8

# --- 1. distribution ---------------------------------------------------------------------
unsupported() {
    cat >&2 <<EOF
setup: unsupported system: ${1}
setup: this script automates Debian 12 (bookworm) only. Elsewhere install by hand:
  - a JDK 17 and Maven 3
  - Incus >= 6.0 (daemon + client, with dnsmasq for managed bridges)
  - haproxy, openssh-server, postgresql
  - elixir and the Erlang/OTP it needs
  - wrk (and hey if available), hyperfine
  - busybox-static (a statically linked busybox at /bin/busybox)
  - mmdebstrap (builds the Debian images from Debian's packages)
  - curl, jq
then re-run this script on Debian 12, or follow its steps (Incus init, images) by hand.
EOF
    exit 1
}

[ -r /etc/os-release ] || unsupported "no /etc/os-release"
OS_ID=$(. /etc/os-release && echo "${ID:-}")
OS_CODENAME=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
OS_NAME=$(. /etc/os-release && echo "${PRETTY_NAME:-$ID}")
if [ "$OS_ID" != debian ] || [ "$OS_CODENAME" != bookworm ]; then
    unsupported "$OS_NAME"
fi
log "detected $OS_NAME"

# --- 2. packages -------------------------------------------------------------------------
is_installed() {
    [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null)" = "ii " ]
}

APT_UPDATED=0
apt_update_once() {
    if [ "$APT_UPDATED" -eq 0 ]; then
        log "apt-get update"
        apt-get -o DPkg::Lock::Timeout=300 update -qq
        APT_UPDATED=1
    fi
}

# Keep package maintainer scripts from starting daemons (sshd on :22, postgres, haproxy)
# while we install: tests start what they need themselves (scripts/services.sh).
POLICY_RC=/usr/sbin/policy-rc.d
POLICY_RC_OURS=0
block_service_starts() {
    if [ ! -e "$POLICY_RC" ]; then
        printf '#!/bin/sh\n# temporary, from C U L8er scripts/setup.sh\nexit 101\n' > "$POLICY_RC"
        chmod 0755 "$POLICY_RC"
        POLICY_RC_OURS=1
    fi
}
unblock_service_starts() {
    if [ "$POLICY_RC_OURS" -eq 1 ]; then
        rm -f "$POLICY_RC"
        POLICY_RC_OURS=0
    fi
}

TMPDIR_SETUP=""
CHECK_INSTANCES=()
cleanup() {
    unblock_service_starts
    local c
    for c in "${CHECK_INSTANCES[@]}"; do
        incus delete --force "$c" >/dev/null 2>&1 || true
    done
    [ -z "$TMPDIR_SETUP" ] || rm -rf "$TMPDIR_SETUP"
}
trap cleanup EXIT

apt_install() {   # apt_install [apt options...] -- packages...
    local opts=()
    while [ "$1" != "--" ]; do opts+=("$1"); shift; done
    shift
    block_service_starts
    apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${opts[@]}" "$@"
    unblock_service_starts
}

missing=()
if ! command -v java >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
    is_installed openjdk-17-jdk-headless || missing+=(openjdk-17-jdk-headless)
fi
if ! command -v mvn >/dev/null 2>&1; then
    is_installed maven || missing+=(maven)
fi
for p in "${PACKAGES[@]}"; do
    is_installed "$p" || missing+=("$p")
done
optional_missing=()
for p in "${OPTIONAL_PACKAGES[@]}"; do
    is_installed "$p" || optional_missing+=("$p")
done
if [ "${#optional_missing[@]}" -gt 0 ]; then
    apt_update_once
    for p in "${optional_missing[@]}"; do
        cand=$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ {print $2}')
        if [ -n "$cand" ] && [ "$cand" != "(none)" ]; then
            missing+=("$p")
        else
            log "optional package $p is not in this archive, skipped"
        fi
    done
fi
if [ "${#missing[@]}" -gt 0 ]; then
    apt_update_once
    log "installing ${missing[*]}"
    apt_install -- "${missing[@]}"
    changed "installed ${missing[*]}"
else
    log "packages already installed"
fi

# Incus from bookworm-backports.
BACKPORTS_FILE=/etc/apt/sources.list.d/bookworm-backports.sources
backports_configured() {
    [ -e "$BACKPORTS_FILE" ] && return 0
    local f
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        # (no `grep | grep -q` under pipefail: an early exit would SIGPIPE the writer)
        grep -Eq '^[^#]*\<bookworm-backports\>' "$f" && return 0
    done
    return 1
}

# Prints "URI KEYRING" of the machine's main Debian source (empty keyring if none given).
debian_source() {
    local f=/etc/apt/sources.list.d/debian.sources
    if [ -f "$f" ]; then
        # deb822: the stanza whose Suites include plain "bookworm".
        awk '
            function flush() {
                if (suites ~ /(^| )bookworm( |$)/ && uris != "" && !done) {
                    split(uris, u, " "); print u[1], key; done = 1
                }
                suites = ""; uris = ""; key = ""
            }
            /^[[:space:]]*#/ { next }
            /^[[:space:]]*$/ { flush(); next }
            /^Suites:/   { sub(/^Suites:[[:space:]]*/, "");   suites = $0 }
            /^URIs:/     { sub(/^URIs:[[:space:]]*/, "");     uris = $0 }
            /^Signed-By:/ { sub(/^Signed-By:[[:space:]]*/, ""); key = ($0 ~ /^\//) ? $0 : "" }
            END { flush() }
        ' "$f"
        return
    fi
    if [ -f /etc/apt/sources.list ]; then
        # one-line format: deb [signed-by=KEY ...] URI bookworm COMPONENTS
        awk '
            /^[[:space:]]*deb[[:space:]]/ {
                key = ""; i = 2
                if ($2 ~ /^\[/) {
                    while (i <= NF) {
                        if ($i ~ /signed-by=/) { k = $i; sub(/.*signed-by=/, "", k); sub(/\]$/, "", k); key = k }
                        if ($i ~ /\]$/) { i++; break }
                        i++
                    }
                }
                if ($(i+1) == "bookworm") { print $i, key; exit }
            }
        ' /etc/apt/sources.list
    fi
}

incus_missing=()
for p in "${INCUS_PACKAGES[@]}"; do
    is_installed "$p" || incus_missing+=("$p")
done
if [ "${#incus_missing[@]}" -gt 0 ]; then
    if backports_configured; then
        log "bookworm-backports already configured"
    else
        read -r deb_uri deb_key < <(debian_source) || true
        deb_uri=${deb_uri:-http://deb.debian.org/debian}
        if [ -z "${deb_key:-}" ] && [ -f /usr/share/keyrings/debian-archive-keyring.gpg ]; then
            deb_key=/usr/share/keyrings/debian-archive-keyring.gpg
        fi
        {
            echo "# Added by C U L8er scripts/setup.sh (Incus 6.0 LTS comes from backports)"
            echo "Types: deb"
            echo "URIs: $deb_uri"
            echo "Suites: bookworm-backports"
            echo "Components: main"
            [ -z "${deb_key:-}" ] || echo "Signed-By: $deb_key"
        } > "$BACKPORTS_FILE"
        changed "added $BACKPORTS_FILE ($deb_uri)"
        APT_UPDATED=0
    fi
    apt_update_once
    log "installing ${incus_missing[*]} from bookworm-backports"
    apt_install -t bookworm-backports -- "${INCUS_PACKAGES[@]}"
    changed "installed ${INCUS_PACKAGES[*]} (bookworm-backports)"
else
    log "incus already installed ($(dpkg-query -W -f='${Version}' incus-base))"
fi

# --- 3. the daemon -----------------------------------------------------------------------
incus_answers() {
    timeout 10 incus query /1.0 >/dev/null 2>&1
}

if [ -d /run/systemd/system ]; then
    if incus_answers; then
        log "incus daemon already running"
    else
        systemctl enable --now incus.socket incus.service
        incus admin waitready --timeout=60
        changed "started incus (systemd)"
    fi
else
    if incus_answers; then
        log "incus daemon already running"
    elif pgrep --ns $$ --nslist pid -f '^([^ ]*/)?incusd( --|$)' >/dev/null 2>&1; then
        # (not pidof: each container's "[lxc monitor]" process is an incusd too; --ns: the incusd
        # of a nested host, such as a test-bed host, runs in its own PID namespace and is not ours)
        log "incusd is starting, waiting for it"
        incus admin waitready --timeout=60 || die "incusd runs but does not answer (see $INCUSD_LOG)"
    else
        [ -x "$INCUSD" ] || die "$INCUSD missing"
        # The socket's group may use Incus: incus-admin (the Debian package creates it), as the
        # packaged service does, so that joining it is enough; root only when it does not exist.
        socket_group=root
        getent group incus-admin >/dev/null 2>&1 && socket_group=incus-admin
        # Fully detached: own session, no controlling terminal, stdio away from this shell.
        setsid nohup "$INCUSD" --group "$socket_group" >>"$INCUSD_LOG" 2>&1 </dev/null &
        disown 2>/dev/null || true
        incus admin waitready --timeout=60 || die "incusd did not become ready (see $INCUSD_LOG)"
        changed "started incusd (pid $(pgrep --ns $$ --nslist pid -nf '^([^ ]*/)?incusd( --|$)'), socket $INCUS_SOCKET of group $socket_group, log $INCUSD_LOG)"
    fi
fi

# --- 4. storage, network, default profile -------------------------------------------------
# Why a loop-file btrfs pool cannot work on this machine; prints nothing when it can.
btrfs_unusable_reason() {
    if ! grep -qw btrfs /proc/filesystems; then
        modprobe btrfs >/dev/null 2>&1 || true
        if ! grep -qw btrfs /proc/filesystems; then
            echo "the kernel has no btrfs (not in /proc/filesystems, and modprobe btrfs did not add it)"
            return
        fi
    fi
    if ! command -v mkfs.btrfs >/dev/null 2>&1; then
        echo "mkfs.btrfs is missing (package btrfs-progs)"
        return
    fi
    if [ ! -e /dev/loop-control ]; then
        echo "this machine has no loop devices (/dev/loop-control is missing)"
        return
    fi
    # Attaching a file proves more than finding a free device (a container may see but not use them).
    local probe dev
    probe=$(mktemp -p "${TMPDIR:-/tmp}" cul8er-loop-probe.XXXXXX)
    truncate -s 1M "$probe"
    if dev=$(timeout 10 losetup --find --show "$probe" 2>&1); then
        losetup -d "$dev" 2>/dev/null || true
        rm -f "$probe"
    else
        rm -f "$probe"
        echo "a loop device cannot be attached here (losetup: ${dev##*: })"
    fi
}

# As `incus admin init`: a fifth of the free space under /var/lib/incus, between 5 and 30 GiB.
# The loop file is sparse: it takes disk space only as instances write.
default_pool_size() {
    local free_gib size
    free_gib=$(( $(df --output=avail -B1 /var/lib/incus | tail -1) / 1024 / 1024 / 1024 ))
    size=$(( free_gib / 5 ))
    [ "$size" -ge 5 ] || size=5
    [ "$size" -le 30 ] || size=30
    echo "${size}GiB"
}

# Prints "DRIVER REASON": the driver a new pool gets, and why.
choose_pool_driver() {
    local why
    if [ "$POOL_DRIVER" = dir ]; then
        echo "dir CUL8ER_POOL_DRIVER=dir asks for it"
        return
    fi
    why=$(btrfs_unusable_reason)
    if [ -z "$why" ]; then
        echo "btrfs copy-on-write snapshots"
    elif [ "$POOL_DRIVER" = btrfs ]; then
        echo "none CUL8ER_POOL_DRIVER=btrfs, but btrfs cannot work here: $why"
    else
        echo "dir btrfs cannot work here: $why"
    fi
}

advise_btrfs() {   # the pool exists with the dir driver
    local why
    why=$(btrfs_unusable_reason)
    if [ -n "$why" ]; then
        log "storage pool $POOL uses dir (every snapshot copies the instance's files); btrfs cannot work here: $why"
        return
    fi
    local root_here=0
    [ "$(incus profile device get default root pool 2>/dev/null)" != "$POOL" ] || root_here=1
    log "storage pool $POOL uses dir: each snapshot copies the instance's files, where a btrfs"
    log "snapshot shares them (docs/incus.md). New machines get btrfs; this one keeps dir until you"
    log "move it, with no test or deploy running:"
    if [ "$root_here" -eq 1 ]; then
        log "  # 1. no instance may be left on the pool: used_by must list only /1.0/profiles/default"
    else
        log "  # 1. no instance may be left on the pool: used_by must be empty"
    fi
    log "  incus storage show $POOL"
    log "  # 2. free the pool, delete it, and let this script create it again, as btrfs"
    [ "$root_here" -eq 0 ] || log "  incus profile device remove default root"
    log "  incus storage delete $POOL"
    if [ "$POOL" = default ]; then
        log "  bash scripts/setup.sh"
    else
        log "  CUL8ER_POOL_NAME=$POOL bash scripts/setup.sh"
    fi
}

POOL_CHANGED=0
if incus storage show "$POOL" >/dev/null 2>&1; then
    pool_driver=$(incus query "/1.0/storage-pools/$POOL" | jq -r .driver)
    log "storage pool $POOL already exists ($pool_driver)"
    [ "$pool_driver" != dir ] || advise_btrfs
else
    read -r pool_driver pool_why < <(choose_pool_driver)
    [ "$pool_driver" != none ] || die "$pool_why"
    if [ "$pool_driver" = btrfs ]; then
        size=${POOL_SIZE:-$(default_pool_size)}
        if err=$(timeout 120 incus storage create "$POOL" btrfs size="$size" 2>&1 >/dev/null); then
            changed "created storage pool $POOL (btrfs, $pool_why, on a sparse loop file of $size: /var/lib/incus/disks/$POOL.img)"
        elif [ "$POOL_DRIVER" = btrfs ]; then
            die "CUL8ER_POOL_DRIVER=btrfs, but Incus could not create pool $POOL: $err"
        else
            pool_driver=dir
            pool_why="Incus could not create a btrfs pool: ${err#Error: }"
        fi
    fi
    if [ "$pool_driver" = dir ]; then
        timeout 120 incus storage create "$POOL" dir >/dev/null
        changed "created storage pool $POOL (dir, so every snapshot copies the instance's files: $pool_why)"
    fi
    POOL_CHANGED=1
fi

if incus network show "$BRIDGE" >/dev/null 2>&1; then
    net_ok=1
    for kv in "${BRIDGE_CONFIG[@]}"; do
        k=${kv%%=*} v=${kv#*=}
        cur=$(incus network get "$BRIDGE" "$k" 2>/dev/null || true)
        if [ "$cur" != "$v" ]; then
            incus network set "$BRIDGE" "$k=$v"
            changed "set $BRIDGE $k=$v (was '${cur}')"
            net_ok=0
        fi
    done
    [ "$net_ok" -eq 0 ] || log "network $BRIDGE already exists"
else
    incus network create "$BRIDGE" "${BRIDGE_CONFIG[@]}" >/dev/null
    changed "created network $BRIDGE (${BRIDGE_CONFIG[*]})"
fi

# When incusd starts it flushes the bridge's addresses and adds them again (~20 ms); the kernel then
# drops every route through the bridge, and for that moment packets for the containers (the edge's,
# health checks) would fail, or follow the default route out of this machine. A last-resort route
# for the container subnet through an empty bridge of our own ("hold") keeps them on this host and
# drops them quietly instead: TCP sends them again a second later, when the real route is back.
HOLD=cul8erhold
BRIDGE_SUBNET=$(ip -4 route show dev "$BRIDGE" proto kernel scope link | awk 'NR == 1 {print $1}')
if ! ip link show "$HOLD" >/dev/null 2>&1; then
    ip link add "$HOLD" type bridge
    changed "created $HOLD, an empty bridge that holds container traffic while incusd restarts"
fi
ip link set "$HOLD" up
ip route del unreachable "$BRIDGE_SUBNET" 2>/dev/null && changed "removed the unreachable route of an earlier set-up" || true
if ip route show "$BRIDGE_SUBNET" dev "$HOLD" 2>/dev/null | grep -q .; then
    log "fallback route for $BRIDGE_SUBNET through $HOLD already set"
else
    ip route add "$BRIDGE_SUBNET" dev "$HOLD" metric 4294967295
    changed "added a fallback route for $BRIDGE_SUBNET through $HOLD (container traffic stays on this host while incusd restarts)"
fi

profile_has_device() {   # profile device
    local devs
    devs=$(incus profile device list "$1" 2>/dev/null) || return 1
    grep -qx -- "$2" <<<"$devs"
}
if profile_has_device default eth0; then
    log "default profile already has eth0"
else
    incus profile device add default eth0 nic network="$BRIDGE" name=eth0 >/dev/null
    changed "added eth0 (nic on $BRIDGE) to the default profile"
fi
if profile_has_device default root; then
    log "default profile already has root (on pool $(incus profile device get default root pool))"
else
    incus profile device add default root disk path=/ pool="$POOL" >/dev/null
    changed "added root (disk on pool $POOL) to the default profile"
fi

PROFILE_CHANGED=0
if incus profile show "$USERLAND_PROFILE" >/dev/null 2>&1; then
    log "profile $USERLAND_PROFILE already exists"
else
    incus profile create "$USERLAND_PROFILE" >/dev/null
    incus profile set "$USERLAND_PROFILE" --property description="$USERLAND_PROFILE_DESCRIPTION" \
        >/dev/null 2>&1 || true
    changed "created profile $USERLAND_PROFILE"
    PROFILE_CHANGED=1
fi
for spec in "${USERLAND_DEVICES[@]}"; do
    dev=${spec%%:*} src=${spec#*:}
    if profile_has_device "$USERLAND_PROFILE" "$dev"; then
        log "profile $USERLAND_PROFILE already has $dev"
    elif [ ! -e "$src" ]; then
        log "host has no $src, profile $USERLAND_PROFILE left without $dev"
    else
        incus profile device add "$USERLAND_PROFILE" "$dev" disk \
            source="$src" path="$src" readonly=true >/dev/null
        changed "added $dev ($src read-only) to profile $USERLAND_PROFILE"
        PROFILE_CHANGED=1
    fi
done

# --- 5. images ---------------------------------------------------------------------------
# Each image carries the key of its build in the property "cul8er.hash" (images/build.sh: its inputs
# and, for the Debian images, the versions of the packages it installs); scripts/images.sh rebuilds
# an image whose key differs, checks it, re-points the alias and keeps the build before it.
IMAGES_CHANGED=0
TMPDIR_SETUP=$(mktemp -d -t cul8er-setup.XXXXXX)
report="$TMPDIR_SETUP/images.report"
: > "$report"
bash "$REPO/scripts/images.sh" --report "$report" "${IMAGES[@]}" || die "the busybox images could not be built"
if [ "$IMAGES_IN_BACKGROUND" -eq 1 ]; then
    # Detached (own session, no terminal), so it outlives this script and the test run started next.
    : > "$IMAGES_LOG"
    setsid env CUL8ER_IMAGES_LOG="$IMAGES_LOG" bash "$REPO/scripts/images.sh" --status "$IMAGES_STATUS" \
        "${DEBIAN_IMAGES[@]}" >>"$IMAGES_LOG" 2>&1 </dev/null &
    log "building or checking the Debian images in the background (pid $!): progress in $IMAGES_STATUS, output in $IMAGES_LOG"
else
    CUL8ER_IMAGES_LOG="" bash "$REPO/scripts/images.sh" --status "$IMAGES_STATUS" --report "$report" \
        "${DEBIAN_IMAGES[@]}" || die "the Debian images could not be built (above)"
fi
while read -r _; do   # (scripts/images.sh said what it did)
    CHANGES=$((CHANGES + 1))
    IMAGES_CHANGED=1
done < "$report"

# --- verification (only when something changed, or with --verify) --------------------------
wait_ipv4() {   # instance timeout_s -> prints the address
    local name=$1 deadline=$((SECONDS + $2)) ip
    while [ "$SECONDS" -lt "$deadline" ]; do
        ip=$(incus list "$name" -c 4 -f csv 2>/dev/null || true)
        ip=${ip#\"}; ip=${ip%% *}
        if [ -n "$ip" ]; then echo "$ip"; return 0; fi
        sleep 0.2
    done
    return 1
}

if [ "$VERIFY" -eq 1 ] || [ "$POOL_CHANGED" -eq 1 ] || [ "$IMAGES_CHANGED" -eq 1 ] || [ "$PROFILE_CHANGED" -eq 1 ]; then
    suffix="$$-$RANDOM"
    c1="cul8er-setup-bb-$suffix" c2="cul8er-setup-ul-$suffix"
    CHECK_INSTANCES=("$c1" "$c2")
    incus launch cul8er/busybox "$c1" --storage "$POOL" >/dev/null
    ip1=$(wait_ipv4 "$c1" 20) || die "$c1 (cul8er/busybox) got no IPv4 within 20 s"
    [ "$(incus exec "$c1" -- sh -c 'echo ok')" = ok ] || die "exec in $c1 failed"
    t0=$(date +%s%N)
    timeout 60 incus snapshot create "$c1" cul8er-setup-check >/dev/null || die "snapshot of $c1 on pool $POOL failed"
    snap_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    log "verified cul8er/busybox: $c1 RUNNING at $ip1 on pool $POOL, exec ok, snapshot in $snap_ms ms"

    incus launch cul8er/userland "$c2" -p default -p "$USERLAND_PROFILE" --storage "$POOL" >/dev/null
    ip2=$(wait_ipv4 "$c2" 20) || die "$c2 (cul8er/userland) got no IPv4 within 20 s"
    host_java=$(readlink -f "$(command -v java)")
    case "$host_java" in
        /usr/*) ;;
        *) die "host java ($host_java) is not under /usr, the userland image cannot see it" ;;
    esac
    jv=$(incus exec "$c2" -- "$host_java" -version 2>&1) || die "java did not run in $c2: $jv"
    jv=${jv%%$'\n'*}
    # A real program needs more than -version: java.security, cacerts, /usr/bin/java.
    incus exec "$c2" -- sh -c 'cat > /tmp/Check.java' <<'EOF_JAVA'
public class Check {
    public static void main(String[] a) throws Exception {
        new java.security.SecureRandom().nextInt();
        javax.net.ssl.SSLContext.getDefault().getDefaultSSLParameters();
        System.out.println("java-ok " + java.util.UUID.randomUUID());
    }
}
EOF_JAVA
    jr=$(incus exec "$c2" -- java /tmp/Check.java 2>&1) || die "Java program failed in $c2: $jr"
    case "$jr" in java-ok*) ;; *) die "Java program in $c2 said: $jr" ;; esac
    log "verified cul8er/userland: $c2 at $ip2 runs $host_java ($jv) and a Java program"

    for c in "${CHECK_INSTANCES[@]}"; do incus delete --force "$c" >/dev/null; done
    CHECK_INSTANCES=()
fi

later=""
[ "$IMAGES_IN_BACKGROUND" -eq 0 ] || later="; the Debian images are still being checked or built in the background ($IMAGES_STATUS)"
if [ "$CHANGES" -eq 0 ]; then
    log "nothing to change: this machine is already set up$later"
else
    log "done ($CHANGES change(s))$later"
fi
