#!/usr/bin/env bash
# Builds the local C U L8er container images from Debian's busybox-static.
# Nothing is downloaded: the only binary is the host's /bin/busybox.
#
#   images/build.sh hash  VARIANT          print the input hash of VARIANT
#   images/build.sh build VARIANT OUTDIR   write OUTDIR/meta.tar.gz and OUTDIR/rootfs.tar.gz
#
# VARIANT is one of:
#   busybox   ~1 MB rootfs: /bin/busybox + applet links, busybox init, DHCP on eth0
#   userland  the same, plus an empty /usr and lib -> usr/lib, lib64 -> usr/lib64, meant
#             to be launched with the host's /usr mounted read-only on /usr (profile
#             cul8er-userland), so the host's programs (java, haproxy, erl) run inside.
#
# The input hash covers the variant name, the busybox binary and every file under
# images/ used by the build (this script included). It is stored in the image as the
# property "cul8er.hash"; scripts/setup.sh rebuilds an image when it differs.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUSYBOX=${BUSYBOX:-/bin/busybox}
FILES=busybox   # input directory (relative to HERE) shared by both variants

die() { echo "build.sh: $*" >&2; exit 1; }

check_variant() {
    case "$1" in
        busybox|userland) ;;
        *) die "unknown variant '$1' (busybox|userland)" ;;
    esac
}

input_hash() {
    local variant=$1
    [ -x "$BUSYBOX" ] || die "$BUSYBOX missing (apt-get install busybox-static)"
    {
        echo "variant $variant"
        echo "busybox $(sha256sum < "$BUSYBOX" | cut -d' ' -f1)"
        (cd "$HERE" && find build.sh "$FILES" -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
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
    rm -rf "$root" "$out/meta"
    mkdir -p "$root" "$out/meta/templates"

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

    install -m 0644 "$src/templates/hostname.tpl" "$out/meta/templates/hostname.tpl"
    install -m 0644 "$src/templates/hosts.tpl"    "$out/meta/templates/hosts.tpl"
    cat > "$out/meta/metadata.yaml" <<EOF
architecture: $(uname -m)
creation_date: $(date +%s)
properties:
  architecture: $(uname -m)
  os: busybox
  release: "$bbver"
  variant: $variant
  description: "C U L8er $variant image (busybox $bbver)"
  cul8er.hash: "$hash"
templates:
  /etc/hostname:
    when: [create, copy, rename]
    template: hostname.tpl
  /etc/hosts:
    when: [create, copy, rename]
    template: hosts.tpl
EOF

    tar --numeric-owner --owner=0 --group=0 --sort=name -C "$out/meta" -cf - . \
        | gzip -n > "$out/meta.tar.gz"
    tar --numeric-owner --owner=0 --group=0 --sort=name -C "$root" -cf - . \
        | gzip -n > "$out/rootfs.tar.gz"
    rm -rf "$root" "$out/meta"
    echo "$hash"
}

cmd=${1:-}
case "$cmd" in
    hash)  [ $# -eq 2 ] || die "usage: $0 hash VARIANT"; check_variant "$2"; input_hash "$2" ;;
    build) [ $# -eq 3 ] || die "usage: $0 build VARIANT OUTDIR"; check_variant "$2"; build "$2" "$3" ;;
    *) die "usage: $0 {hash VARIANT | build VARIANT OUTDIR}" ;;
esac
