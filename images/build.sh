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
#   debian12-host  debian12 plus Incus (bookworm-backports), openssh-server, HAProxy, nftables and
#                  iptables: a test host for nested Incus (see docs/images.md)
#
# The cache key ("hash") covers the variant name and every file under images/ the build uses (this
# script included); for a Debian variant also the exact version of every package it would install,
# resolved by a simulated apt-get install against package lists kept in CUL8ER_IMAGE_CACHE (default
# /var/cache/cul8er), refreshed when older than CUL8ER_APT_MAX_AGE seconds (default 600; 0: always).
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

VARIANTS="busybox|userland|debian12|debian12-jvm|debian12-host"
check_variant() {
    case "$1" in
        busybox|userland|debian12|debian12-jvm|debian12-host) ;;
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
        (cd "$HERE" && find build.sh "$FILES" -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
    } | sha256sum | cut -d' ' -f1
}

# Writes OUT/meta.tar.gz: metadata.yaml with the image properties read from stdin (YAML lines, indented
# two spaces) and the hostname and hosts templates of TEMPLATES.
write_meta() {   # out templates
    local out=$1 templates=$2
    rm -rf "$out/meta"
    mkdir -p "$out/meta/templates"
    install -m 0644 "$templates/hostname.tpl" "$out/meta/templates/hostname.tpl"
    install -m 0644 "$templates/hosts.tpl"    "$out/meta/templates/hosts.tpl"
    {
        echo "architecture: $(uname -m)"
        echo "creation_date: $(date +%s)"
        echo "properties:"
        echo "  architecture: $(uname -m)"
        cat
        cat <<EOF
templates:
  /etc/hostname:
    when: [create, copy, rename]
    template: hostname.tpl
  /etc/hosts:
    when: [create, copy, rename]
    template: hosts.tpl
EOF
    } > "$out/meta/metadata.yaml"
    tar --numeric-owner --owner=0 --group=0 --sort=name -C "$out/meta" -cf - . \
        | gzip -n > "$out/meta.tar.gz"
    rm -rf "$out/meta"
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

# --- Debian variants ----------------------------------------------------------------------
SUITE=bookworm
DEBIAN_FILES="debian"   # input directory (relative to HERE) of the Debian variants
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
CACHE=${CUL8ER_IMAGE_CACHE:-/var/cache/cul8er}
APT_MAX_AGE=${CUL8ER_APT_MAX_AGE:-600}

debian_packages() {   # variant -> what the build adds to minbase, one per line
    printf '%s\n' systemd-sysv iproute2 procps ca-certificates ifupdown isc-dhcp-client
    case "$1" in
        debian12-jvm)  echo openjdk-17-jre-headless ;;
        debian12-host) printf '%s\n' "incus-base/$SUITE-backports" dnsmasq-base iptables nftables \
                           openssh-server haproxy ;;
    esac
}

# The archive this machine's apt uses for SUITE (or SUITE-security), from `apt-cache policy`.
host_archive() {   # suite-suffix default
    local uri
    uri=$(apt-cache policy 2>/dev/null \
        | awk -v s="$SUITE$1/main" '$3 == s && $2 ~ /^https?:/ { print $2; exit }') || true
    echo "${uri:-$2}"
}

debian_sources() {   # variant -> apt source lines, one per line
    local main security
    main=${CUL8ER_DEBIAN_MIRROR:-$(host_archive "" http://deb.debian.org/debian)}
    security=${CUL8ER_DEBIAN_SECURITY_MIRROR:-$(host_archive -security http://deb.debian.org/debian-security)}
    echo "deb [signed-by=$KEYRING] $main $SUITE main"
    echo "deb [signed-by=$KEYRING] $main $SUITE-updates main"
    echo "deb [signed-by=$KEYRING] $security $SUITE-security main"
    [ "$1" != debian12-host ] || echo "deb [signed-by=$KEYRING] $main $SUITE-backports main"
}

# Prints "NAME VERSION" for every package a build of the variant installs, sorted: the minbase set
# (Essential: yes, Priority: required, apt) plus the variant's packages, as `apt-get install
# --simulate` resolves them against an empty system with the build's sources. The package lists are
# kept per set of sources under $CACHE/apt/ and refreshed when older than APT_MAX_AGE seconds; when
# the archive cannot be reached, lists already there are used, with a warning.
resolve_versions() {
    local variant=$1
    if [ -n "${CUL8ER_PACKAGE_VERSIONS:-}" ]; then
        [ -r "$CUL8ER_PACKAGE_VERSIONS" ] || die "CUL8ER_PACKAGE_VERSIONS: cannot read $CUL8ER_PACKAGE_VERSIONS"
        LC_ALL=C sort "$CUL8ER_PACKAGE_VERSIONS"
        return
    fi
    [ -r "$KEYRING" ] || die "$KEYRING missing (apt-get install debian-archive-keyring)"
    local sources key dir
    sources=$(debian_sources "$variant")
    key=$(sha256sum <<<"$sources" | cut -c1-16)
    dir="$CACHE/apt/$key"
    mkdir -p "$dir/etc/apt/apt.conf.d" "$dir/etc/apt/preferences.d" "$dir/etc/apt/sources.list.d" \
        "$dir/var/lib/apt/lists/partial" "$dir/var/cache/apt/archives/partial" "$dir/var/lib/dpkg" \
        || die "cannot create $dir (set CUL8ER_IMAGE_CACHE to a writable directory)"
    [ -e "$dir/var/lib/dpkg/status" ] || : > "$dir/var/lib/dpkg/status"
    printf '%s\n' "$sources" > "$dir/etc/apt/sources.list"
    cat > "$dir/apt.conf" <<EOF
Dir "$dir/";
Dir::State::status "$dir/var/lib/dpkg/status";
Dir::Etc::Parts "$dir/etc/apt/apt.conf.d";
Dir::Etc::PreferencesParts "$dir/etc/apt/preferences.d";
Dir::Etc::SourceParts "$dir/etc/apt/sources.list.d";
APT::Architecture "$(dpkg --print-architecture)";
APT::Architectures { "$(dpkg --print-architecture)"; };
APT::Install-Recommends "false";
Acquire::Languages "none";
EOF
    local pkgs
    mapfile -t pkgs < <(debian_packages "$variant")
    (
        flock 9
        export APT_CONFIG="$dir/apt.conf"
        local stamp="$dir/updated" age
        age=$(( $(date +%s) - $(stat -c %Y "$stamp" 2>/dev/null || echo 0) ))
        if [ "$age" -ge "$APT_MAX_AGE" ]; then
            if apt-get -q update >"$dir/update.log" 2>&1 && ! grep -q '^[WE]:' "$dir/update.log"; then
                touch "$stamp"
            elif [ -e "$stamp" ]; then
                echo "build.sh: warning: apt-get update failed ($(grep -m1 '^[WE]:' "$dir/update.log"));" \
                    "using the package lists of $(date -u -r "$stamp" '+%F %T UTC')" >&2
            else
                die "apt-get update failed for $variant (see $dir/update.log): $(grep -m1 '^[WE]:' "$dir/update.log")"
            fi
        fi
        local sim
        sim=$(apt-get install --simulate -q '?or(?essential,?priority(required))' apt "${pkgs[@]}" 2>&1) \
            || die "cannot resolve the packages of $variant: $(tail -n 5 <<<"$sim")"
        sed -n -E 's/^Inst ([^ ]+) \(([^ ]+) .*/\1 \2/p' <<<"$sim" | LC_ALL=C sort -u
    ) 9>"$dir/lock"
}

debian_hash() {   # variant versions -> key
    local variant=$1 versions=$2
    [ -n "$versions" ] || die "no package versions for $variant"
    {
        echo "variant $variant"
        echo "suite $SUITE"
        (cd "$HERE" && find build.sh "$DEBIAN_FILES" -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
        echo "packages"
        printf '%s\n' "$versions"
    } | sha256sum | cut -d' ' -f1
}

debian_key() {   # variant -> key
    local versions
    versions=$(resolve_versions "$1") || exit 1
    debian_hash "$1" "$versions"
}

build_debian() {
    local variant=$1 out=$2
    [ -z "${CUL8ER_PACKAGE_VERSIONS:-}" ] || die "CUL8ER_PACKAGE_VERSIONS is for hash and versions only, not build"
    command -v mmdebstrap >/dev/null 2>&1 || die "mmdebstrap missing (apt-get install mmdebstrap)"
    [ "$(id -u)" -eq 0 ] || die "building $variant needs root (mmdebstrap --mode=root)"
    local versions hash
    versions=$(resolve_versions "$variant") || exit 1
    hash=$(debian_hash "$variant" "$versions")

    mkdir -p "$out"
    rm -rf "$out/meta" "$out/rootfs.tar.gz" "$out/meta.tar.gz"
    printf '%s\n' "$versions" > "$out/packages.resolved"
    local sources=() includes
    mapfile -t sources < <(debian_sources "$variant")
    includes=$(debian_packages "$variant" | paste -sd, -)
    local hook
    hook=$(printf '%q ' "$HERE/$DEBIAN_FILES/customize.sh" "$variant")
    hook+='"$1" '$(printf '%q' "$out")
    # Documentation, manual pages and translations are left out (copyright files are kept); the
    # empty man1 directory stays, for the update-alternatives links of openjdk's postinst.
    if ! mmdebstrap --variant=minbase --mode=root --format=tar \
        --include="$includes" \
        --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
        --aptopt='Acquire::Languages "none"' \
        --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
        --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias' \
        --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
        --customize-hook="$hook" \
        "$SUITE" - "${sources[@]}" 2>"$out/mmdebstrap.log" | gzip -n > "$out/rootfs.tar.gz"; then
        die "mmdebstrap failed for $variant (log $out/mmdebstrap.log): $(grep -E '^E: |error' "$out/mmdebstrap.log" \
            | grep -Ev '^E: (setup failed|mmdebstrap failed|Sub-process)' | tail -n 3 | cut -c1-200 | paste -sd' ' -)"
    fi
    if ! cmp -s "$out/packages.resolved" "$out/packages.installed"; then
        echo "build.sh: note: $variant installed other versions than resolved (the archive changed during" \
            "the build?); the next setup rebuilds it:" >&2
        diff "$out/packages.resolved" "$out/packages.installed" | grep '^[<>]' | head -n 10 >&2 || true
    fi
    local debver
    debver=$(cat "$out/debian_version")
    write_meta "$out" "$HERE/$DEBIAN_FILES/templates" <<EOF
  os: debian
  release: $SUITE
  version: "$debver"
  variant: $variant
  serial: "$(date -u +%Y%m%d_%H%M)"
  description: "C U L8er $variant image (Debian $debver, systemd)"
  cul8er.hash: "$hash"
EOF
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
