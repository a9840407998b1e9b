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

NAME=hello_beam
HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
DEFAULT_VERSIONS=(1.0.0)
# shellcheck source=../lib/release-build.sh
. "$HERE/../lib/release-build.sh"

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
    local version=$1 root mixbuild
    if up_to_date "$version"; then
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

    new_stage "$version"
    root=$STAGE/hello_beam-$version
    cp -R "$mixbuild/rel/hello_beam" "$root"
    rm -f "$root/releases/COOKIE"
    echo "$version" > "$root/VERSION"
    pack_release "$version"
}

parse_versions "$@"
MIX=$(command -v mix) || die "cannot build: no mix on PATH (apt-get install elixir)"
ELIXIR=$(command -v elixir) || die "cannot build: no elixir on PATH (apt-get install elixir)"
command -v erl > /dev/null || die "cannot build: no erl on PATH (apt-get install erlang)"
lock_work
COMMON_INPUTS=$(common_inputs)
for version in "${VERSIONS[@]}"; do
    build_release "$version"
done
