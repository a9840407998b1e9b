# Sourced by images/build.sh: the Debian variants (debian12, debian12-jvm, debian12-postgres,
# debian12-host), built by
# mmdebstrap. Every file of images/debian/ (this one included) and images/meta.sh is part of their
# cache key, images/build.sh is not: its busybox part can change without rebuilding them.
SUITE=bookworm
DEBIAN_FILES="debian"   # input directory (relative to HERE) of the Debian variants
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
CACHE=${CUL8ER_IMAGE_CACHE:-/var/cache/cul8er}
APT_MAX_AGE=${CUL8ER_APT_MAX_AGE:-600}

debian_packages() {   # variant -> what the build adds to minbase, one per line
    printf '%s\n' systemd-sysv iproute2 procps ca-certificates ifupdown isc-dhcp-client
    case "$1" in
        debian12-jvm)  echo openjdk-17-jre-headless ;;
        debian12-postgres) echo postgresql ;;
        debian12-host) printf '%s\n' "incus-base/$SUITE-backports" dnsmasq-base iptables nftables \
                           openssh-server haproxy btrfs-progs ;;
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

write_if_changed() {   # file <- stdin
    local new
    new=$(cat)
    [ -f "$1" ] && [ "$(cat "$1")" = "$new" ] || printf '%s\n' "$new" > "$1"
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
    # Written only when they change: a newer sources.list makes apt rebuild its cache (seconds).
    write_if_changed "$dir/etc/apt/sources.list" <<<"$sources"
    write_if_changed "$dir/apt.conf" <<EOF
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
        (cd "$HERE" && find meta.sh "$DEBIAN_FILES" -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
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
