#!/usr/bin/env bash
# A throwaway OpenSSH server on loopback, for the SSH tests and benchmarks of C U L8er.
#
#   sshd.sh start DIR PORT ADDR...   make DIR (0700): host key, client key, sshd_config, ssh_config,
#                                    known_hosts.trusted; start sshd on ADDR:PORT for every ADDR
#   sshd.sh stop DIR                 stop the sshd started in DIR and its sessions (files stay)
#   sshd.sh clean DIR                stop, then delete DIR
#
# Who may log in, each with its own generated key only (no passwords, no PAM):
#   root              (PermitRootLogin prohibit-password)
#   cul8er-test       an ordinary user in the group that owns the Incus socket ($INCUS_SOCKET,
#                     default /var/lib/incus/unix.socket), so it may use the tunnelled socket
#   cul8er-outsider   an ordinary user NOT in that group: the socket is refused to it
# The two users are created on this machine if missing (idempotent; password locked with '*', no
# sudo). Test-only choices, on purpose: StrictModes is off because DIR lives under /tmp; the keys
# are read by `cat` as root (AuthorizedKeysCommand) since DIR is private to root; local forwarding
# only (OpenSSH refuses direct-streamlocal channels when AllowTcpForwarding is "no": the two share
# one permission), no remote forwarding. It listens on loopback addresses only.
#
# Files in DIR afterwards:
#   id_ed25519[.pub]       the client key of root
#   id_ed25519.USER[.pub]  the client key of cul8er-test and of cul8er-outsider
#   ssh_config             Host * with User cul8er-test, Port, its IdentityFile, UserKnownHostsFile
#   known_hosts.trusted    the host key for every ADDR:PORT (copy to known_hosts to trust it)
#   sshd.pid, sshd.log     (the log has one "Accepted publickey for USER" line per session)
set -euo pipefail

log() { echo "sshd.sh: $*" >&2; }
die() { echo "sshd.sh: ERROR: $*" >&2; exit 1; }
SSHD=${SSHD:-/usr/sbin/sshd}
INCUS_SOCKET=${INCUS_SOCKET:-/var/lib/incus/unix.socket}
TEST_USER=cul8er-test
OUTSIDER=cul8er-outsider

# An ordinary local user that can log in with a key only ('*': no password, yet not locked,
# which sshd without PAM would refuse).
ensure_user() {
    local user=$1
    id -u "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/sh --password '*' "$user" \
        || id -u "$user" >/dev/null 2>&1 || die "could not create the user $user"
}

# cul8er-test in the Incus socket's group, cul8er-outsider out of it.
ensure_users() {
    ensure_user "$TEST_USER"
    ensure_user "$OUTSIDER"
    if [ ! -S "$INCUS_SOCKET" ]; then
        log "no Incus socket at $INCUS_SOCKET: $TEST_USER is in no socket group"
        return 0
    fi
    local group
    group=$(stat -c %G "$INCUS_SOCKET")
    id -nG "$TEST_USER" | tr ' ' '\n' | grep -qx "$group" || usermod -a -G "$group" "$TEST_USER"
    if id -nG "$OUTSIDER" | tr ' ' '\n' | grep -qx "$group"; then gpasswd -d "$OUTSIDER" "$group" >/dev/null; fi
}

start() {
    local dir=$1 port=$2; shift 2
    [ $# -ge 1 ] || die "give at least one loopback address"
    [ -x "$SSHD" ] || die "$SSHD not found: install openssh-server"
    for addr in "$@"; do
        case $addr in 127.*) ;; *) die "$addr is not a loopback address" ;; esac
    done
    mkdir -p "$dir" /run/sshd
    chmod 700 "$dir"
    dir=$(cd "$dir" && pwd)
    [ -f "$dir/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C cul8er-test-host -f "$dir/ssh_host_ed25519_key"
    [ -f "$dir/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C cul8er-test-client -f "$dir/id_ed25519"
    cp "$dir/id_ed25519.pub" "$dir/authorized_keys.root"
    ensure_users
    for user in "$TEST_USER" "$OUTSIDER"; do
        [ -f "$dir/id_ed25519.$user" ] || ssh-keygen -q -t ed25519 -N '' -C "$user" -f "$dir/id_ed25519.$user"
        cp "$dir/id_ed25519.$user.pub" "$dir/authorized_keys.$user"
    done
    local cat
    cat=$(readlink -f "$(command -v cat)")
    {
        for addr in "$@"; do echo "ListenAddress $addr:$port"; done
        cat <<CONF
HostKey $dir/ssh_host_ed25519_key
PidFile $dir/sshd.pid
AuthorizedKeysFile none
AuthorizedKeysCommand $cat $dir/authorized_keys.%u
AuthorizedKeysCommandUser root
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
AllowTcpForwarding local
AllowStreamLocalForwarding local
X11Forwarding no
PermitTTY no
MaxStartups 200:30:400
MaxSessions 50
LogLevel INFO
CONF
    } > "$dir/sshd_config"
    : > "$dir/known_hosts.trusted"
    for addr in "$@"; do
        echo "[$addr]:$port $(cut -d' ' -f1,2 "$dir/ssh_host_ed25519_key.pub")" >> "$dir/known_hosts.trusted"
    done
    cat > "$dir/ssh_config" <<CONF
Host *
  User $TEST_USER
  Port $port
  IdentityFile $dir/id_ed25519.$TEST_USER
  UserKnownHostsFile $dir/known_hosts
CONF
    stop "$dir" 2>/dev/null || true
    rm -f "$dir/sshd.pid"
    "$SSHD" -t -f "$dir/sshd_config" || die "sshd rejected $dir/sshd_config"
    "$SSHD" -f "$dir/sshd_config" -E "$dir/sshd.log"
    for _ in $(seq 1 100); do
        [ -s "$dir/sshd.pid" ] && { log "sshd $(cat "$dir/sshd.pid") listening on port $port of $*"; return 0; }
        sleep 0.05
    done
    die "sshd did not start within 5 s; see $dir/sshd.log"
}

stop() {
    local dir=$1 pid
    [ -s "$dir/sshd.pid" ] || return 0
    pid=$(cat "$dir/sshd.pid")
    # Only the listener we started (its command line names our config file), and the sessions it
    # forked, so that the host is really gone for clients that are already connected.
    if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dir/sshd_config"; then
        local children
        children=$(ps -o pid= --ppid "$pid" || true)
        kill "$pid" $children 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    fi
    rm -f "$dir/sshd.pid"
}

usage() { sed -n '2,7p' "$0" >&2; exit 2; }

case "${1:-}" in
    start) [ $# -ge 4 ] || usage; shift; start "$@" ;;
    stop) [ $# -eq 2 ] || usage; stop "$2" ;;
    clean) [ $# -eq 2 ] || usage; stop "$2"; rm -rf "$2" ;;
    *) usage ;;
esac
