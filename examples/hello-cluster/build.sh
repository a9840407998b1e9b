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

HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
RELEASES=$HERE/releases
WORK=$HERE/build
DEFAULT_VERSIONS=(1.0.0)
JGROUPS_VERSION=${JGROUPS_VERSION:-5.5.7.Final}
JGROUPS_JAR=$WORK/deps/jgroups-$JGROUPS_VERSION.jar
MAIN_CLASS=hello.cluster.HelloCluster
RELEASE_RESOURCE=hello-cluster-release.properties
EPOCH=${SOURCE_DATE_EPOCH:-946684800} # 2000-01-01T00:00:00Z, the timestamp of every entry

log() { echo "hello-cluster build: $*"; }
die() { echo "hello-cluster build: ERROR: $*" >&2; exit 1; }

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

jdk_tool() {
    local name=$1 candidate
    for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/$name"} \
        /usr/lib/jvm/java-17-openjdk-amd64/bin/"$name" "$(command -v "$name" || true)"; do
        if [ -n "$candidate" ] && [ -x "$candidate" ]; then
            readlink -f "$candidate"
            return
        fi
    done
    die "cannot build: '$name' is in none of \$JAVA_HOME/bin," \
        "/usr/lib/jvm/java-17-openjdk-amd64/bin, PATH (install a JDK 17)"
}

sha256() { sha256sum | cut -d' ' -f1; }

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
    local version=$1 tarball stamp inputs stage root
    tarball=$RELEASES/hello-cluster-$version.tar.gz
    stamp=$RELEASES/.hello-cluster-$version.inputs
    inputs=$(printf '%s %s\n' "$COMMON_INPUTS" "$version" | sha256)
    if [ "$FORCE" = no ] && [ -f "$tarball" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$inputs" ]; then
        log "${tarball#"$HERE"/} is up to date"
        return
    fi
    compile

    stage=$(mktemp -d "$WORK/stage-$version.XXXXXX")
    root=$stage/hello-cluster-$version
    mkdir -p "$stage/jar" "$root/bin" "$root/lib"
    cp -R "$WORK/classes/." "$HERE/resources/." "$stage/jar/"
    printf 'version=%s\n' "$version" > "$stage/jar/$RELEASE_RESOURCE"
    (
        cd "$stage/jar"
        mapfile -t entries < <(find . -type f | LC_ALL=C sort)
        "$JAR" --create --file "$root/lib/hello-cluster.jar" --main-class "$MAIN_CLASS" \
            --date "$(date -u -d "@$EPOCH" +%Y-%m-%dT%H:%M:%SZ)" "${entries[@]}"
    ) || die "jar failed for version $version"
    cp "$JGROUPS_JAR" "$root/lib/jgroups.jar"
    cp "$HERE/bin/hello-cluster" "$root/bin/hello-cluster"
    chmod 755 "$root/bin/hello-cluster"
    echo "$version" > "$root/VERSION"

    tar --sort=name --mtime="@$EPOCH" --owner=0 --group=0 --numeric-owner \
        --mode='u+rwX,go+rX,go-w' -C "$stage" -cf - "hello-cluster-$version" \
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
        -*) echo "hello-cluster build: unknown option '$arg'" >&2; usage ;;
        *)
            [[ "$arg" =~ ^[0-9]+\.[0-9]+\.[0-9]+([.+-][0-9A-Za-z.+-]+)?$ ]] \
                || die "'$arg' is not a version like 1.2.3 or 1.2.3-rc.1"
            VERSIONS+=("$arg")
            ;;
    esac
done
[ ${#VERSIONS[@]} -gt 0 ] || VERSIONS=("${DEFAULT_VERSIONS[@]}")

JAVAC=$(jdk_tool javac)
JAR=$(jdk_tool jar)
mkdir -p "$RELEASES" "$WORK/deps"
# One build at a time in this directory (tests and people may run it concurrently).
exec 9> "$WORK/.lock"
if command -v flock > /dev/null; then flock 9; fi
trap 'rm -rf "$WORK"/stage-*' EXIT
fetch_jgroups
COMMON_INPUTS=$(common_inputs)
for version in "${VERSIONS[@]}"; do
    build_release "$version"
done
