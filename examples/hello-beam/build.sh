#!/usr/bin/env bash
# Builds hello_beam release tarballs with Debian's Elixir (mix release, no Hex, no network), tar
# and gzip:
#   examples/hello-beam/releases/hello_beam-<version>.tar.gz     (layout: see README.md)
#
#   build.sh                    version 1.0.0
#   build.sh 1.1.0 2.0.0        the versions given
#   build.sh --force [VERSION...]   rebuild even when up to date
#
# A tarball is rebuilt only when its inputs change (sources, this script, Elixir and Erlang, the
# version); the same inputs give a byte-identical tarball (fixed timestamps, sorted entries,
# numeric owners). The tarball carries no cookie: C U L8er injects RELEASE_COOKIE.
set -euo pipefail

HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
RELEASES=$HERE/releases
WORK=$HERE/build
DEFAULT_VERSIONS=(1.0.0)
EPOCH=${SOURCE_DATE_EPOCH:-946684800} # 2000-01-01T00:00:00Z, the timestamp of every entry

log() { echo "hello_beam build: $*"; }
die() { echo "hello_beam build: ERROR: $*" >&2; exit 1; }

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

sha256() { sha256sum | cut -d' ' -f1; }

sources() {
    { echo "$HERE/mix.exs"; find "$HERE/lib" "$HERE/config" "$HERE/rel" -type f; } | LC_ALL=C sort
}

# Fingerprint of everything a release is made from except its version.
common_inputs() {
    {
        cat "$HERE/build.sh"
        sources | while read -r file; do echo "$file"; cat "$file"; done
        echo "$EPOCH"
        "$ELIXIR" --version 2>&1
        cat "$(dirname "$(readlink -f "$(command -v erl)")")/../releases/"*/OTP_VERSION 2>/dev/null || true
    } | sha256
}

build_release() {
    local version=$1 tarball stamp inputs stage root mixbuild
    tarball=$RELEASES/hello_beam-$version.tar.gz
    stamp=$RELEASES/.hello_beam-$version.inputs
    inputs=$(printf '%s %s\n' "$COMMON_INPUTS" "$version" | sha256)
    if [ "$FORCE" = no ] && [ -f "$tarball" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$inputs" ]; then
        log "${tarball#"$HERE"/} is up to date"
        return
    fi

    # A build directory per version: the version is compiled into the .app file.
    mixbuild=$WORK/mix/$version
    rm -rf "$mixbuild"
    (
        cd "$HERE"
        MIX_ENV=prod MIX_HOME="$WORK/mix-home" MIX_BUILD_PATH="$mixbuild" HELLO_BEAM_VERSION="$version" \
            "$MIX" release --overwrite --quiet
    ) > "$WORK/mix-$version.log" 2>&1 \
        || die "mix release failed for version $version: $(tail -20 "$WORK/mix-$version.log")"

    stage=$(mktemp -d "$WORK/stage-$version.XXXXXX")
    root=$stage/hello_beam-$version
    cp -R "$mixbuild/rel/hello_beam" "$root"
    rm -f "$root/releases/COOKIE"
    echo "$version" > "$root/VERSION"

    tar --sort=name --mtime="@$EPOCH" --owner=0 --group=0 --numeric-owner \
        --mode='u+rwX,go+rX,go-w' -C "$stage" -cf - "hello_beam-$version" \
        | gzip -9 -n > "$stage/release.tar.gz" || die "tar failed for version $version"
    mv -f "$stage/release.tar.gz" "$tarball"
    echo "$inputs" > "$stamp"
    rm -rf "$stage"
    log "built ${tarball#"$HERE"/} (sha256 $(sha256 < "$tarball"))"
}

FORCE=no
VERSIONS=()
for arg in "$@"; do
    case "$arg" in
        --force) FORCE=yes ;;
        -h|--help) usage ;;
        -*) echo "hello_beam build: unknown option '$arg'" >&2; usage ;;
        *)
            [[ "$arg" =~ ^[0-9]+\.[0-9]+\.[0-9]+([.+-][0-9A-Za-z.+-]+)?$ ]] \
                || die "'$arg' is not a version like 1.2.3 or 1.2.3-rc.1"
            VERSIONS+=("$arg")
            ;;
    esac
done
[ ${#VERSIONS[@]} -gt 0 ] || VERSIONS=("${DEFAULT_VERSIONS[@]}")

MIX=$(command -v mix) || die "cannot build: no mix on PATH (apt-get install elixir)"
ELIXIR=$(command -v elixir) || die "cannot build: no elixir on PATH (apt-get install elixir)"
command -v erl > /dev/null || die "cannot build: no erl on PATH (apt-get install erlang)"
mkdir -p "$RELEASES" "$WORK"
# One build at a time in this directory (tests and people may run it concurrently).
exec 9> "$WORK/.lock"
if command -v flock > /dev/null; then flock 9; fi
trap 'rm -rf "$WORK"/stage-*' EXIT
COMMON_INPUTS=$(common_inputs)
for version in "${VERSIONS[@]}"; do
    build_release "$version"
done
