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

HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
RELEASES=$HERE/releases
WORK=$HERE/build
DEFAULT_VERSIONS=(1.0.0 1.1.0 1.2.0)
BROKEN_VERSIONS=${HELLO_WEB_BROKEN_VERSIONS-1.2.0}
MAIN_CLASS=hello.web.HelloWeb
RELEASE_RESOURCE=hello-web-release.properties
EPOCH=${SOURCE_DATE_EPOCH:-946684800} # 2000-01-01T00:00:00Z, the timestamp of every entry

log() { echo "hello-web build: $*"; }
die() { echo "hello-web build: ERROR: $*" >&2; exit 1; }

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

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

health_of() {
    case " $BROKEN_VERSIONS " in
        *" $1 "*) echo broken ;;
        *) echo ok ;;
    esac
}

sha256() { sha256sum | cut -d' ' -f1; }

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
    local version=$1 health tarball stamp inputs stage root
    health=$(health_of "$version")
    tarball=$RELEASES/hello-web-$version.tar.gz
    stamp=$RELEASES/.hello-web-$version.inputs
    inputs=$(printf '%s %s %s\n' "$COMMON_INPUTS" "$version" "$health" | sha256)
    if [ "$FORCE" = no ] && [ -f "$tarball" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$inputs" ]; then
        log "${tarball#"$HERE"/} is up to date (health $health)"
        return
    fi
    compile

    stage=$(mktemp -d "$WORK/stage-$version.XXXXXX")
    root=$stage/hello-web-$version
    mkdir -p "$stage/jar" "$root/bin" "$root/lib"
    cp -R "$WORK/classes/." "$stage/jar/"
    printf 'version=%s\nhealth=%s\n' "$version" "$health" > "$stage/jar/$RELEASE_RESOURCE"
    (
        cd "$stage/jar"
        mapfile -t entries < <(find . -type f | LC_ALL=C sort)
        "$JAR" --create --file "$root/lib/hello-web.jar" --main-class "$MAIN_CLASS" \
            --date "$(date -u -d "@$EPOCH" +%Y-%m-%dT%H:%M:%SZ)" "${entries[@]}"
    ) || die "jar failed for version $version"
    cp "$HERE/bin/hello-web" "$root/bin/hello-web"
    chmod 755 "$root/bin/hello-web"
    echo "$version" > "$root/VERSION"

    tar --sort=name --mtime="@$EPOCH" --owner=0 --group=0 --numeric-owner \
        --mode='u+rwX,go+rX,go-w' -C "$stage" -cf - "hello-web-$version" \
        | gzip -9 -n > "$stage/release.tar.gz" || die "tar failed for version $version"
    mv -f "$stage/release.tar.gz" "$tarball"
    echo "$inputs" > "$stamp"
    rm -rf "$stage"
    log "built ${tarball#"$HERE"/} (health $health, sha256 $(sha256 < "$tarball"))"
}

FORCE=no
VERSIONS=()
for arg in "$@"; do
    case "$arg" in
        --force) FORCE=yes ;;
        -h|--help) usage ;;
        -*) echo "hello-web build: unknown option '$arg'" >&2; usage ;;
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
mkdir -p "$RELEASES" "$WORK"
# One build at a time in this directory (tests and people may run it concurrently).
exec 9> "$WORK/.lock"
if command -v flock > /dev/null; then flock 9; fi
trap 'rm -rf "$WORK"/stage-*' EXIT
COMMON_INPUTS=$(common_inputs)
for version in "${VERSIONS[@]}"; do
    build_release "$version"
done
