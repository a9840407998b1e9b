#!/usr/bin/env bash
# Builds the local images with images/build.sh and imports them into the local Incus, each under
# its alias, when missing or stale (its "cul8er.hash" is not the key build.sh computes now).
# Called by scripts/setup.sh; may be run by hand (as root) to bring images up to date.
#
#   scripts/images.sh [--status FILE] [--report FILE] ALIAS:VARIANT...
#
#   --status FILE   keep FILE up to date with the progress, for tests that wait for a build in the
#                   background (src/test/java/io/cul8er/images/DebianImages.java reads it):
#                     pid PID                  this process
#                     log PATH                 its output, when known (CUL8ER_IMAGES_LOG)
#                     ALIAS STATE [DETAIL]     per alias: waiting, checking, building, ready, failed
#                     state STATE [DETAIL]     running, done or failed
#   --report FILE   append "ALIAS" for every image imported or rebuilt
#
# Two runs never build one alias at once (a lock per alias under /run/cul8er/images.lock.d). A new
# build is checked before the alias moves to it: a Debian image must boot to systemd "running" with
# an IPv4 address on eth0.
# The build an alias pointed at before stays, without an alias, so two builds are kept per alias (the
# property cul8er.alias names the alias of each); older ones are deleted. See docs/images.md.
set -euo pipefail

REPO=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# Runs from a copy of itself and of images/, so that editing or checking out the work tree while a
# build runs (minutes, in the background of a test run) cannot change the build half-way, nor make
# its key disagree with what it built.
if [ -z "${CUL8ER_IMAGES_COPY:-}" ]; then
    copy=$(mktemp -d -t cul8er-images-src.XXXXXX)
    mkdir -p "$copy/scripts"
    cp "$REPO/scripts/images.sh" "$copy/scripts/images.sh"
    cp -a "$REPO/images" "$copy/images"
    CUL8ER_IMAGES_COPY=$copy exec bash "$copy/scripts/images.sh" "$@"
fi
BUILD="$REPO/images/build.sh"
RUN_DIR=/run/cul8er
LOCK_DIR="$RUN_DIR/images.lock.d"

STATUS="" REPORT=""
SPECS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --status) STATUS=$2; shift 2 ;;
        --report) REPORT=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -e/{/^set -e/d;p}' "$0"; exit 0 ;;
        -*) echo "images: unknown option '$1'" >&2; exit 2 ;;
        *:*) SPECS+=("$1"); shift ;;
        *) echo "images: '$1' is not ALIAS:VARIANT" >&2; exit 2 ;;
    esac
done

log() { echo "setup: $*"; }

declare -A STATE=()
OVERALL="running"
write_status() {
    [ -n "$STATUS" ] || return 0
    local tmp="$STATUS.tmp.$$" spec
    {
        echo "pid $$"
        [ -z "${CUL8ER_IMAGES_LOG:-}" ] || echo "log $CUL8ER_IMAGES_LOG"
        for spec in "${SPECS[@]}"; do
            echo "${spec%%:*} ${STATE[${spec%%:*}]}"
        done
        echo "state $OVERALL"
    } > "$tmp"
    chmod 0644 "$tmp"
    mv -f "$tmp" "$STATUS"
}
set_state() { STATE[$1]=$2; write_status; }
fail() { set_state "$1" "failed: $2"; log "ERROR: $1: $2"; }   # alias reason

FAILED=0
TMP=""
CHECK=""
LOCK_WAITER=""
finish() {
    local rc=$?
    [ -z "$LOCK_WAITER" ] || kill "$LOCK_WAITER" 2>/dev/null || true
    [ -z "$CHECK" ] || incus delete --force "$CHECK" >/dev/null 2>&1 || true
    [ -z "$TMP" ] || rm -rf "$TMP"
    rm -rf "$CUL8ER_IMAGES_COPY"
    if [ "$OVERALL" = running ]; then
        # Killed or died between steps: say so, for whoever waits.
        local spec a
        for spec in "${SPECS[@]}"; do
            a=${spec%%:*}
            case "${STATE[$a]}" in ready*|failed*) ;; *) STATE[$a]="failed: the image build stopped (exit $rc)" ;; esac
        done
        OVERALL="failed: the image build stopped (exit $rc)"
        write_status
    fi
}
trap finish EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
trap 'exit 129' HUP

for spec in "${SPECS[@]}"; do STATE[${spec%%:*}]=waiting; done
mkdir -p "$RUN_DIR" "$LOCK_DIR"
[ -z "$STATUS" ] || mkdir -p "$(dirname "$STATUS")"
write_status

# One lock per alias: two runs never build the same image at once (the second waits, then finds it
# up to date), while the busybox images never wait behind a Debian build.
LOCK_FD=""
lock_alias() {   # alias
    local file="$LOCK_DIR/$(tr '/' '_' <<<"$1").lock"
    exec {LOCK_FD}>"$file"
    if ! flock -n "$LOCK_FD"; then
        log "another run is building $1 ($file); waiting for it"
        # In the background, so that a signal ends the wait at once (the lock is the open file's, shared).
        flock "$LOCK_FD" &
        LOCK_WAITER=$!
        wait "$LOCK_WAITER"
        LOCK_WAITER=""
    fi
}
unlock_alias() { exec {LOCK_FD}>&-; LOCK_FD=""; }

image_fingerprint() {   # alias -> fingerprint or empty
    incus query "/1.0/images/aliases/$1" 2>/dev/null | jq -r '.target // empty' || true
}
image_property() {      # fingerprint key -> value or empty; fails when Incus does not answer (3 tries)
    local json
    for _ in 1 2 3; do
        if json=$(incus query "/1.0/images/$1" 2>/dev/null); then
            jq -r --arg k "$2" '.properties[$k] // empty' <<<"$json"
            return 0
        fi
        sleep 2
    done
    return 1
}

# A Debian image must boot: systemd "running" (no failed unit) and an IPv4 address on eth0.
CHECK_WHY=""
check_debian() {   # fingerprint variant -> 0, or 1 with the reason in CHECK_WHY
    local fp=$1 variant=$2 state ip="" flags=()
    CHECK="cul8er-images-check-$$-$RANDOM"
    CHECK_WHY=""
    [ "$variant" != debian12-host ] || flags=(-c security.nesting=true -c security.privileged=true)
    local err
    if ! err=$(incus launch "$fp" "$CHECK" "${flags[@]}" 2>&1 >/dev/null); then
        CHECK_WHY="could not launch it: $err"
    else
        # (right after the launch systemd may not answer yet: "Failed to connect to bus")
        state=""
        for _ in $(seq 1 200); do
            state=$(timeout 120 incus exec "$CHECK" -- systemctl is-system-running --wait 2>/dev/null) || true
            [ -z "$state" ] || break
            sleep 0.3
        done
        if [ "$state" != running ]; then
            CHECK_WHY="systemd says '${state:-nothing}', failed units: $(incus exec "$CHECK" -- \
                systemctl --failed --plain --no-legend 2>/dev/null | awk '{print $1}' | paste -sd' ' -)"
        else
            for _ in $(seq 1 100); do
                ip=$(incus exec "$CHECK" -- ip -4 -o addr show dev eth0 2>/dev/null | awk '{print $4; exit}') || true
                [ -z "$ip" ] || break
                sleep 0.3
            done
            [ -n "$ip" ] || CHECK_WHY="eth0 got no IPv4 address within 30 s"
        fi
    fi
    incus delete --force "$CHECK" >/dev/null 2>&1 || true
    CHECK=""
    [ -z "$CHECK_WHY" ]
}

# Keeps the alias's current build and the one it replaced (or, when it replaced none, the newest
# other build of the alias); deletes its other builds (those whose cul8er.alias names it).
prune() {   # alias current-fingerprint previous-fingerprint-or-empty
    local alias=$1 current=$2 previous=$3 fp
    incus query "/1.0/images?recursion=1" \
        | jq -r --arg a "$alias" --arg cur "$current" --arg prev "$previous" \
            '[.[] | select(.properties["cul8er.alias"] == $a and .fingerprint != $cur)]
             | if $prev != "" then map(select(.fingerprint != $prev))
               else sort_by(.uploaded_at) | reverse | .[1:] end | .[].fingerprint' \
        | while read -r fp; do
            incus image delete "$fp" >/dev/null 2>&1 && log "deleted image ${fp:0:12}, an older build of $alias"
        done
}

ensure() {   # alias variant
    local alias=$1 variant=$2 want old_fp out new_fp why size
    set_state "$alias" checking
    old_fp=$(image_fingerprint "$alias")
    if ! want=$(bash "$BUILD" hash "$variant" 2>"$TMP/hash.err"); then
        why=$(tail -n 1 "$TMP/hash.err")
        if [ -n "$old_fp" ]; then
            log "cannot tell whether $alias is up to date ($why); keeping ${old_fp:0:12}"
            set_state "$alias" "ready ${old_fp:0:12} (not checked: $why)"
            return 0
        fi
        fail "$alias" "cannot build it: $why"
        return 1
    fi
    cat "$TMP/hash.err" >&2
    local have=""
    if [ -n "$old_fp" ] && ! have=$(image_property "$old_fp" cul8er.hash); then
        # (a daemon restarting must not cost a rebuild)
        log "cannot read the key of $alias (${old_fp:0:12}): Incus does not answer; keeping it"
        set_state "$alias" "ready ${old_fp:0:12} (not checked: Incus did not answer)"
        return 0
    fi
    if [ -n "$old_fp" ] && [ "$have" = "$want" ]; then
        log "image $alias already up to date (${old_fp:0:12})"
        set_state "$alias" "ready ${old_fp:0:12}"
        return 0
    fi
    [ -z "$old_fp" ] || log "image $alias is stale (key ${have:0:12}, now ${want:0:12}): building it"
    set_state "$alias" building
    out="$TMP/$variant"
    local t0=$SECONDS
    if ! bash "$BUILD" build "$variant" "$out" >/dev/null 2>"$TMP/build.err"; then
        # The build's own log outlives this run's temporary directory.
        local kept="/var/log/cul8er-images.$variant.log"
        cp "$out/mmdebstrap.log" "$kept" 2>/dev/null || kept=""
        fail "$alias" "the build failed: $(tail -n 3 "$TMP/build.err" | sed "s|$out/mmdebstrap.log|${kept:-gone}|" | paste -sd' ' -)"
        return 1
    fi
    local built_s=$((SECONDS - t0))
    # A split image's fingerprint is sha256(metadata tarball + rootfs tarball).
    new_fp=$(cat "$out/meta.tar.gz" "$out/rootfs.tar.gz" | sha256sum | cut -d' ' -f1)
    # (ensure runs with errexit off, as the left of ||: every step that matters is checked)
    if ! incus query "/1.0/images/$new_fp" >/dev/null 2>&1; then
        if ! why=$(incus image import "$out/meta.tar.gz" "$out/rootfs.tar.gz" 2>&1 >/dev/null); then
            fail "$alias" "importing the new build failed: $why"
            return 1
        fi
    fi
    if ! why=$(incus image set-property "$new_fp" cul8er.alias "$alias" 2>&1); then
        fail "$alias" "could not set cul8er.alias on ${new_fp:0:12}: $why"
        return 1
    fi
    size=$(du -h "$out/rootfs.tar.gz" | cut -f1)
    rm -rf "$out"
    case "$variant" in
        debian*)
            if ! check_debian "$new_fp" "$variant"; then
                incus image delete "$new_fp" >/dev/null 2>&1 || true
                fail "$alias" "the new build does not boot ($CHECK_WHY); deleted it${old_fp:+, $alias stays at ${old_fp:0:12}}"
                return 1
            fi ;;
    esac
    if [ -n "$old_fp" ]; then
        # The build being replaced stays (without an alias) as the alias's previous build.
        [ -n "$(image_property "$old_fp" cul8er.alias || echo unknown)" ] \
            || incus image set-property "$old_fp" cul8er.alias "$alias" >/dev/null 2>&1 || true
        # Re-point the alias in one request, so a concurrent launch never misses it.
        why=$(incus query -X PUT "/1.0/images/aliases/$alias" \
            -d "{\"target\": \"$new_fp\", \"description\": \"C U L8er $variant image\"}" 2>&1 >/dev/null) \
            || { fail "$alias" "could not point $alias at ${new_fp:0:12}: $why"; return 1; }
    else
        why=$(incus image alias create "$alias" "$new_fp" --description "C U L8er $variant image" 2>&1 >/dev/null) \
            || { fail "$alias" "could not create alias $alias for ${new_fp:0:12}: $why"; return 1; }
    fi
    if [ -n "$old_fp" ] && [ "$old_fp" != "$new_fp" ]; then
        log "rebuilt image $alias (${new_fp:0:12}, $size rootfs, built in ${built_s} s; ${old_fp:0:12} kept as its previous build)"
    else
        log "imported image $alias (${new_fp:0:12}, $size rootfs, built in ${built_s} s)"
    fi
    prune "$alias" "$new_fp" "$old_fp"
    [ -z "$REPORT" ] || echo "$alias" >> "$REPORT"
    set_state "$alias" "ready ${new_fp:0:12}"
}

TMP=$(mktemp -d -t cul8er-images.XXXXXX)
for spec in "${SPECS[@]}"; do
    lock_alias "${spec%%:*}"
    ensure "${spec%%:*}" "${spec#*:}" || FAILED=$((FAILED + 1))
    unlock_alias
done
if [ "$FAILED" -gt 0 ]; then
    OVERALL="failed: $FAILED image(s) could not be built"
    write_status
    exit 1
fi
OVERALL=done
write_status
