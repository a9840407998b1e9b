#!/usr/bin/env bash
# Start-up benchmark (#2, #15): cold wall time of `cul8er validate` on the guide's production
# example (with app_2 completed), next to `java -version`, in one hyperfine run:
#   - the repository's ./cul8er (its class-data archive recorded by the first engine command);
#   - the tarball as installed (bin/cul8er, its archive recorded by bin/cul8er-class-archive);
#   - the same on JDK 25 with an AOT cache (JEP 483/514), when /usr/lib/jvm/temurin-25-jdk-amd64
#     exists: -XX:-AOTClassLinking, because with class linking HotSpot 25.0.3 crashes while writing
#     the cache (bench/README.md, "Start-up").
# Writes bench/results/startup.{json,md}.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/bench/results"
mkdir -p "$out"
file="$root/src/test/resources/dsl/guide/production-complete.cul8"
"$root/cul8er" validate -f "$file" >/dev/null   # build
"$root/cul8er" plan demo -f "$root/examples/demo.cul8" >/dev/null || true   # record the class-data archive
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar xzf "$root"/target/cul8er-*.tar.gz -C "$work"
installed=$(echo "$work"/cul8er-*)
export XDG_CACHE_HOME="$work/cache"
key=$(printf '%s\n' "$installed" "$(readlink -f "$(command -v java)")" | cksum | cut -d' ' -f1)
"$installed/bin/cul8er-class-archive" "$XDG_CACHE_HOME/cul8er/classes-$key.jsa"
commands=(-n "java -version" "java -version"
  -n "./cul8er validate" "$root/cul8er validate -f $file"
  -n "installed cul8er validate" "$installed/bin/cul8er validate -f $file")
jdk25=/usr/lib/jvm/temurin-25-jdk-amd64
if [ -x "$jdk25/bin/java" ]; then
  opts="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m -cp $installed/lib/*"
  # shellcheck disable=SC2086
  "$jdk25/bin/java" $opts -XX:-AOTClassLinking -XX:AOTCacheOutput="$work/cul8er.aot" io.cul8er.cli.Main \
    plan demo -f "$root/examples/demo.cul8" >/dev/null 2>&1 || true
  commands+=(-n "java 25 -version" "$jdk25/bin/java -version"
    -n "JDK 25 AOT cache validate" "$jdk25/bin/java $opts -XX:AOTCache=$work/cul8er.aot io.cul8er.cli.Main validate -f $file")
fi
hyperfine -N --runs "${RUNS:-20}" --warmup 2 --export-json "$out/startup.json" --export-markdown "$out/startup.md" \
  "${commands[@]}"
