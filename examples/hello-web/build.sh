#!/usr/bin/env bash
# Builds hello-web release tarballs with nothing but the JDK (javac, jar), tar and gzip:
#   examples/hello-web/releases/hello-web-<version>.tar.gz     (layout: see README.md)
#
#   build.sh                    versions 1.0.0, 1.1.0 and 1.2.0
#   build.sh 1.1.0 2.0.0        the versions given
#   build.sh --force [VERSION...]   rebuild even when up to date
#
# Versions listed in HELLO_WEB_BROKEN_VERSIONS (default "1.2.0") are built broken on purpose:
# their /health answers 503. A tarball is rebuilt only when its inputs change (sources, this
# script, the start script, the JDK, the version, the health flag); the same inputs give a
# byte-identical tarball (fixed timestamps, sorted entries, numeric owners).
set -euo pipefail

NAME=hello-web
HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
DEFAULT_VERSIONS=(1.0.0 1.1.0 1.2.0)
# shellcheck source=../lib/release-build.sh
. "$HERE/../lib/release-build.sh"
BROKEN_VERSIONS=${HELLO_WEB_BROKEN_VERSIONS-1.2.0}
MAIN_CLASS=hello.web.HelloWeb
RELEASE_RESOURCE=hello-web-release.properties

health_of() {
    case " $BROKEN_VERSIONS " in
        *" $1 "*) echo broken ;;
        *) echo ok ;;
    esac
}

sources() { find "$HERE/src" -name '*.java' | LC_ALL=C sort; }

# Fingerprint of everything a release is made from except its version and health flag.
common_inputs() {
    {
        cat "$HERE/build.sh" "$HERE/bin/hello-web"
        sources | while read -r file; do echo "$file"; cat "$file"; done
        echo "$JAVAC $JAR $EPOCH"
        cat "$(dirname "$(dirname "$JAVAC")")/release" 2>/dev/null || true
    } | sha256
}

compile() {
    local stamp=$WORK/classes.inputs
    if [ -d "$WORK/classes" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$COMMON_INPUTS" ]; then
        return
    fi
    rm -rf "$WORK/classes" "$stamp"
    mapfile -t files < <(sources)
    "$JAVAC" --release 17 -encoding UTF-8 -Xlint:all -Werror -d "$WORK/classes" "${files[@]}" \
        || die "javac failed on ${files[*]}"
    echo "$COMMON_INPUTS" > "$stamp"
}

build_release() {
    local version=$1 health root
    health=$(health_of "$version")
    if up_to_date "$version" "health $health"; then
        return
    fi
    compile
    new_stage "$version"
    root=$STAGE/hello-web-$version
    mkdir -p "$STAGE/jar" "$root/bin" "$root/lib"
    cp -R "$WORK/classes/." "$STAGE/jar/"
    printf 'version=%s\nhealth=%s\n' "$version" "$health" > "$STAGE/jar/$RELEASE_RESOURCE"
    jar_of "$STAGE/jar" "$root/lib/hello-web.jar" "$MAIN_CLASS"
    cp "$HERE/bin/hello-web" "$root/bin/hello-web"
    chmod 755 "$root/bin/hello-web"
    echo "$version" > "$root/VERSION"
    pack_release "$version" "health $health"
}

parse_versions "$@"
JAVAC=$(jdk_tool javac)
JAR=$(jdk_tool jar)
lock_work
COMMON_INPUTS=$(common_inputs)
for version in "${VERSIONS[@]}"; do
    build_release "$version"
done
