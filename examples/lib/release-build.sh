# What the examples' build scripts share: sourced by examples/*/build.sh after they set NAME
# (the release name), HERE (the example directory) and DEFAULT_VERSIONS.
#
# A release is rebuilt only when its inputs change; the same inputs give a byte-identical tarball
# releases/NAME-VERSION.tar.gz holding one directory NAME-VERSION/ (fixed timestamps, sorted
# entries, numeric owners).

RELEASES=$HERE/releases
WORK=$HERE/build
EPOCH=${SOURCE_DATE_EPOCH:-946684800} # 2000-01-01T00:00:00Z, the timestamp of every entry
RELEASE_BUILD_LIB=$(readlink -f "${BASH_SOURCE[0]}")

log() { echo "$NAME build: $*"; }
die() { echo "$NAME build: ERROR: $*" >&2; exit 1; }
usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
sha256() { sha256sum | cut -d' ' -f1; }

# The path of a JDK 17 tool: $JAVA_HOME, then Debian's JDK 17, then PATH.
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

# Sets FORCE and VERSIONS from the command line (--force, versions; DEFAULT_VERSIONS otherwise).
parse_versions() {
    FORCE=no
    VERSIONS=()
    local arg
    for arg in "$@"; do
        case "$arg" in
            --force) FORCE=yes ;;
            -h|--help) usage ;;
            -*) echo "$NAME build: unknown option '$arg'" >&2; usage ;;
            *)
                [[ "$arg" =~ ^[0-9]+\.[0-9]+\.[0-9]+([.+-][0-9A-Za-z.+-]+)?$ ]] \
                    || die "'$arg' is not a version like 1.2.3 or 1.2.3-rc.1"
                VERSIONS+=("$arg")
                ;;
        esac
    done
    [ ${#VERSIONS[@]} -gt 0 ] || VERSIONS=("${DEFAULT_VERSIONS[@]}")
}

# One build at a time in this directory (tests and people may run it concurrently).
lock_work() {
    mkdir -p "$RELEASES" "$WORK"
    exec 9> "$WORK/.lock"
    if command -v flock > /dev/null; then flock 9; fi
    trap 'rm -rf "$WORK"/stage-*' EXIT
}

# Sets TARBALL, STAMP and INPUTS for VERSION (INPUTS: the common inputs, this library, the version
# and NOTE, a variant such as "health ok" that is also said in the log); returns 0 (and says so)
# when the tarball is up to date.
up_to_date() {
    local version=$1 note=${2:-}
    TARBALL=$RELEASES/$NAME-$version.tar.gz
    STAMP=$RELEASES/.$NAME-$version.inputs
    INPUTS=$({ echo "$COMMON_INPUTS $version $note"; cat "$RELEASE_BUILD_LIB"; } | sha256)
    if [ "$FORCE" = no ] && [ -f "$TARBALL" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$INPUTS" ]; then
        log "${TARBALL#"$HERE"/} is up to date${note:+ ($note)}"
        return 0
    fi
    return 1
}

# A fresh staging directory for VERSION; the release goes into "$STAGE/$NAME-$VERSION".
new_stage() {
    STAGE=$(mktemp -d "$WORK/stage-$1.XXXXXX")
}

# Packs "$STAGE/$NAME-$version" reproducibly into TARBALL and records INPUTS; $2 is said in the log.
pack_release() {
    local version=$1 note=${2:-}
    tar --sort=name --mtime="@$EPOCH" --owner=0 --group=0 --numeric-owner \
        --mode='u+rwX,go+rX,go-w' -C "$STAGE" -cf - "$NAME-$version" \
        | gzip -9 -n > "$STAGE/release.tar.gz" || die "tar failed for version $version"
    mv -f "$STAGE/release.tar.gz" "$TARBALL"
    echo "$INPUTS" > "$STAMP"
    rm -rf "$STAGE"
    log "built ${TARBALL#"$HERE"/} (${note:+$note, }sha256 $(sha256 < "$TARBALL"))"
}

# A reproducible jar of the files under DIR, with MAIN_CLASS as its entry point.
jar_of() {
    local dir=$1 jar=$2 main=$3
    (
        cd "$dir"
        mapfile -t entries < <(find . -type f | LC_ALL=C sort)
        "$JAR" --create --file "$jar" --main-class "$main" \
            --date "$(date -u -d "@$EPOCH" +%Y-%m-%dT%H:%M:%SZ)" "${entries[@]}"
    ) || die "jar failed for $jar"
}
