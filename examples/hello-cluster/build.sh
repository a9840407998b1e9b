#!/usr/bin/env bash
# Builds hello-cluster release tarballs with the JDK (javac, jar), Maven (only to fetch JGroups
# from Maven Central once), tar and gzip:
#   examples/hello-cluster/releases/hello-cluster-<version>.tar.gz     (layout: see README.md)
#
#   build.sh                    version 1.0.0
#   build.sh 1.1.0 2.0.0        the versions given
#   build.sh --force [VERSION...]   rebuild even when up to date
#
# JGroups (org.jgroups:jgroups:$JGROUPS_VERSION) is copied once into build/deps/ by
# `mvn dependency:copy` (from ~/.m2 when it is there). A tarball is rebuilt only when its inputs
# change; the same inputs give a byte-identical tarball (fixed timestamps, sorted entries).
set -euo pipefail

NAME=hello-cluster
HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
DEFAULT_VERSIONS=(1.0.0)
# shellcheck source=../lib/release-build.sh
. "$HERE/../lib/release-build.sh"
JGROUPS_VERSION=${JGROUPS_VERSION:-5.5.7.Final}
JGROUPS_JAR=$WORK/deps/jgroups-$JGROUPS_VERSION.jar
MAIN_CLASS=hello.cluster.HelloCluster
RELEASE_RESOURCE=hello-cluster-release.properties

sources() { find "$HERE/src" -name '*.java' | LC_ALL=C sort; }

fetch_jgroups() {
    [ -s "$JGROUPS_JAR" ] && return
    command -v mvn > /dev/null || die "cannot fetch JGroups $JGROUPS_VERSION: no mvn on PATH"
    log "fetching org.jgroups:jgroups:$JGROUPS_VERSION"
    mvn -B -q dependency:copy -Dartifact="org.jgroups:jgroups:$JGROUPS_VERSION" \
        -DoutputDirectory="$WORK/deps" > "$WORK/deps.log" 2>&1 \
        || die "mvn dependency:copy of org.jgroups:jgroups:$JGROUPS_VERSION failed: $(tail -5 "$WORK/deps.log")"
    [ -s "$JGROUPS_JAR" ] || die "mvn dependency:copy left no $JGROUPS_JAR"
}

# Fingerprint of everything a release is made from except its version.
common_inputs() {
    {
        cat "$HERE/build.sh" "$HERE/bin/hello-cluster" "$HERE/resources/"*
        sources | while read -r file; do echo "$file"; cat "$file"; done
        sha256 < "$JGROUPS_JAR"
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
    "$JAVAC" --release 17 -encoding UTF-8 -Xlint:all,-classfile -Werror -cp "$JGROUPS_JAR" \
        -d "$WORK/classes" "${files[@]}" || die "javac failed on ${files[*]}"
    echo "$COMMON_INPUTS" > "$stamp"
}

build_release() {
    local version=$1 root
    if up_to_date "$version"; then
        return
    fi
    compile
    new_stage "$version"
    root=$STAGE/hello-cluster-$version
    mkdir -p "$STAGE/jar" "$root/bin" "$root/lib"
    cp -R "$WORK/classes/." "$HERE/resources/." "$STAGE/jar/"
    printf 'version=%s\n' "$version" > "$STAGE/jar/$RELEASE_RESOURCE"
    jar_of "$STAGE/jar" "$root/lib/hello-cluster.jar" "$MAIN_CLASS"
    cp "$JGROUPS_JAR" "$root/lib/jgroups.jar"
    cp "$HERE/bin/hello-cluster" "$root/bin/hello-cluster"
    chmod 755 "$root/bin/hello-cluster"
    echo "$version" > "$root/VERSION"
    pack_release "$version"
}

parse_versions "$@"
JAVAC=$(jdk_tool javac)
JAR=$(jdk_tool jar)
lock_work
mkdir -p "$WORK/deps"
fetch_jgroups
COMMON_INPUTS=$(common_inputs)
for version in "${VERSIONS[@]}"; do
    build_release "$version"
done
