#!/usr/bin/env bash
# Builds the local C U L8er container images.
#
#   images/build.sh hash     VARIANT          print the cache key of VARIANT
#   images/build.sh build    VARIANT OUTDIR   write OUTDIR/meta.tar.gz and OUTDIR/rootfs.tar.gz, print the key
#   images/build.sh versions VARIANT          print the Debian packages a build would install, "NAME VERSION"
#
# VARIANT is one of:
#   busybox        ~1 MB rootfs from the host's /bin/busybox (Debian's busybox-static), nothing
#                  downloaded: busybox init, DHCP on eth0, a web server on port 80
#   userland       the same, plus an empty /usr and lib -> usr/lib, lib64 -> usr/lib64, meant
#                  to be launched with the host's /usr mounted read-only on /usr (profile
#                  cul8er-userland), so the host's programs (java, haproxy, erl) run inside
#   debian12       Debian 12 (bookworm) minbase built by mmdebstrap from Debian's packages: systemd
#                  as init, iproute2, procps, ca-certificates, eth0 by DHCP (ifupdown, isc-dhcp-client)
#   debian12-jvm   debian12 plus openjdk-17-jre-headless
#   debian12-postgres  debian12 plus PostgreSQL 15 (Debian's postgresql), its cluster 15/main made
#                  by the package and started at boot
#   debian12-host  debian12 plus Incus (bookworm-backports), openssh-server, HAProxy, nftables and
#                  iptables: a test host for nested Incus (see docs/images.md)
#
# The cache key ("hash") covers the variant name and every file under images/ the build uses (for
# busybox and userland: this script, meta.sh, busybox/; for the Debian variants: meta.sh and debian/,
# whose build.sh holds their part of this script), and for a Debian variant the exact version of
# every package it would install, resolved by a simulated apt-get install against package lists kept
# in CUL8ER_IMAGE_CACHE (default /var/cache/cul8er), refreshed when older than CUL8ER_APT_MAX_AGE
# seconds (default 600; 0: always).
# So a Debian security update changes the key. The key is stored in the image as the property
# "cul8er.hash"; scripts/setup.sh rebuilds an image when it differs. docs/images.md has the details.
#
# Environment (Debian variants):
#   CUL8ER_DEBIAN_MIRROR           the Debian archive (default: the one in this machine's apt sources)
#   CUL8ER_DEBIAN_SECURITY_MIRROR  the security archive (default: the one in this machine's apt sources)
#   CUL8ER_PACKAGE_VERSIONS=FILE   "hash" and "versions" take the package list from FILE instead of
#                                  resolving it (for tests of the cache key); "build" refuses it
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUSYBOX=${BUSYBOX:-/bin/busybox}
FILES=busybox   # input directory (relative to HERE) shared by both variants

die() { echo "build.sh: $*" >&2; exit 1; }

# shellcheck source=images/meta.sh
. "$HERE/meta.sh"
# shellcheck source=images/debian/build.sh
. "$HERE/debian/build.sh"

VARIANTS="busybox|userland|debian12|debian12-jvm|debian12-postgres|debian12-host"
check_variant() {
    case "$1" in
        busybox|userland|debian12|debian12-jvm|debian12-postgres|debian12-host) ;;
        *) die "unknown variant '$1' ($VARIANTS)" ;;
    esac
}

is_debian() { case "$1" in debian12*) return 0 ;; *) return 1 ;; esac; }

input_hash() {
    local variant=$1
    [ -x "$BUSYBOX" ] || die "$BUSYBOX missing (apt-get install busybox-static)"
    {
        echo "variant $variant"
        echo "busybox $(sha256sum < "$BUSYBOX" | cut -d' ' -f1)"
        (cd "$HERE" && find build.sh meta.sh "$FILES" -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
    } | sha256sum | cut -d' ' -f1
}

build() {
    local variant=$1 out=$2
    local hash bbver root
    hash=$(input_hash "$variant")
    bbver=$(dpkg-query -W -f='${Version}' busybox-static 2>/dev/null || true)
    local banner
    banner=$("$BUSYBOX" 2>&1 || true)
    banner=${banner%%$'\n'*}
    case "$banner" in BusyBox*) ;; *) die "$BUSYBOX is not busybox" ;; esac
    [ -n "$bbver" ] || bbver=$(awk '{print $2}' <<<"$banner")
    if ldd "$BUSYBOX" >/dev/null 2>&1; then
        die "$BUSYBOX is dynamically linked; install busybox-static"
    fi

    mkdir -p "$out"
    root="$out/rootfs"
    rm -rf "$root"
    mkdir -p "$root"

    # Directory skeleton. /usr stays empty (userland mounts the host's /usr there).
    (cd "$root" && mkdir -p bin sbin etc/init.d etc/udhcpc dev proc sys run tmp root \
        home mnt usr var/log var/tmp var/lib)
    ln -s ../run "$root/var/run"
    ln -s ../run/lock "$root/var/lock"
    chmod 1777 "$root/tmp" "$root/var/tmp"
    chmod 0700 "$root/root"

    install -m 0755 "$BUSYBOX" "$root/bin/busybox"
    # Applet links, like `busybox --install -s` but kept out of /usr (which userland
    # overmounts): usr/bin/X -> bin/X, usr/sbin/X -> sbin/X; all point at /bin/busybox.
    local p d
    if "$BUSYBOX" --list-full >/dev/null 2>&1; then
        "$BUSYBOX" --list-full
    else
        "$BUSYBOX" --list | sed 's|^|bin/|'
    fi | while read -r p; do
        case "$p" in
            usr/bin/*)  d="bin/${p#usr/bin/}" ;;
            usr/sbin/*) d="sbin/${p#usr/sbin/}" ;;
            bin/*|sbin/*) d="$p" ;;
            *) continue ;;
        esac
        [ -e "$root/$d" ] || [ -L "$root/$d" ] || ln -s /bin/busybox "$root/$d"
    done
    ln -sfn /bin/busybox "$root/sbin/init"
    [ -L "$root/bin/sh" ] || ln -s /bin/busybox "$root/bin/sh"

    # Configuration from images/busybox/.
    local src="$HERE/$FILES"
    install -m 0644 "$src/inittab"        "$root/etc/inittab"
    install -m 0755 "$src/rcS"            "$root/etc/init.d/rcS"
    install -m 0755 "$src/dhcp"           "$root/etc/init.d/dhcp"
    install -m 0755 "$src/udhcpc.script"  "$root/etc/udhcpc/default.script"
    install -m 0644 "$src/passwd"         "$root/etc/passwd"
    install -m 0644 "$src/group"          "$root/etc/group"
    install -m 0640 "$src/shadow"         "$root/etc/shadow"
    install -m 0644 "$src/nsswitch.conf"  "$root/etc/nsswitch.conf"
    install -m 0644 "$src/profile"        "$root/etc/profile"
    : > "$root/etc/resolv.conf"
    echo "cul8er" > "$root/etc/hostname"
    printf '127.0.0.1\tlocalhost\n' > "$root/etc/hosts"

    if [ "$variant" = userland ]; then
        ln -s usr/lib   "$root/lib"
        ln -s usr/lib64 "$root/lib64"
        # userland runs the user's own server; no web server of ours on port 80.
        printf '#!/bin/sh\nexec sleep 2147483647\n' > "$root/etc/init.d/httpd-if-present"
    else
        install -m 0755 "$src/httpd" "$root/etc/init.d/httpd-if-present"
    fi
    chmod 0755 "$root/etc/init.d/httpd-if-present"

    write_meta "$out" "$src/templates" <<EOF
  os: busybox
  release: "$bbver"
  variant: $variant
  description: "C U L8er $variant image (busybox $bbver)"
  cul8er.hash: "$hash"
EOF
    tar --numeric-owner --owner=0 --group=0 --sort=name -C "$root" -cf - . \
        | gzip -n > "$out/rootfs.tar.gz"
    rm -rf "$root"
    echo "$hash"
}

cmd=${1:-}
case "$cmd" in
    hash)
        [ $# -eq 2 ] || die "usage: $0 hash VARIANT"; check_variant "$2"
        if is_debian "$2"; then debian_key "$2"; else input_hash "$2"; fi ;;
    build)
        [ $# -eq 3 ] || die "usage: $0 build VARIANT OUTDIR"; check_variant "$2"
        if is_debian "$2"; then build_debian "$2" "$3"; else build "$2" "$3"; fi ;;
    versions)
        [ $# -eq 2 ] || die "usage: $0 versions VARIANT"; check_variant "$2"
        is_debian "$2" || die "$2 is not built from Debian packages"
        resolve_versions "$2" ;;
    *) die "usage: $0 {hash VARIANT | build VARIANT OUTDIR | versions VARIANT}" ;;
esac
