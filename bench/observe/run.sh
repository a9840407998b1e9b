#!/usr/bin/env bash
# What plans pay for seeing what really runs (issue 10): a no-change `plan` of 10 release instances
# behind the edge, by the code before the probes (BASE, default the commit before issue 10) and by
# this checkout, alternated in one hyperfine run on the same deployed topology. The new plan adds one
# exec per release instance (started with the list request) and a read of the host's edge.
# Needs scripts/setup.sh done (hyperfine, Incus, HAProxy, the images). Writes bench/results/observe.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/results"
base=${BASE:-24e6ac3}
runs=${RUNS:-15}
mkdir -p "$out"
work=$(mktemp -d)
name="obs$RANDOM"
cleanup() {
  java -jar "$root/target/cul8er.jar" destroy "$name" -f "$work/t.cul8" --yes >/dev/null 2>&1 || true
  git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# A release that starts at once and costs nothing: busybox's httpd serving its own directory.
# shellcheck source=../lib/tiny-release.sh
. "$root/bench/lib/tiny-release.sh"
tiny_release "$work"
cat > "$work/t.cul8" <<CUL8
topology :$name do
  host :local do
    address "localhost"
    platform :debian
  end
  resource :node, type: :container, on: :local do
    from_image "cul8er/busybox"
    replicas 10
    limits do
      memory megabytes: 32
    end
    network do
      expose port: 8080, as: ${PORT:-18490}, protocol: :http
    end
    deploy release: :tiny, version: "1.0.0", runtime: :jvm, start: "bin/tiny",
      artifact: "$work/{name}-{version}.tar.gz"
  end
end
CUL8

(cd "$root" && mvn -B -o -q package -DskipTests -Djacoco.skip=true >/dev/null)
git -C "$root" worktree add -q --detach "$work/base" "$base"
(cd "$work/base" && mvn -B -o -q package -DskipTests -Djacoco.skip=true >/dev/null)
new="$root/target/cul8er.jar"
old="$work/base/target/cul8er.jar"

java -jar "$new" deploy "$name" -f "$work/t.cul8" >/dev/null
java -jar "$new" plan "$name" -f "$work/t.cul8" --detailed-exitcode >/dev/null
java -jar "$old" plan "$name" -f "$work/t.cul8" --detailed-exitcode > "$work/old-plan.txt" || { echo "the old plan failed or saw changes:"; cat "$work/old-plan.txt"; exit 1; }
requests_new=$(java -jar "$new" plan "$name" -f "$work/t.cul8" | grep -o 'with [0-9]* Incus API requests' || echo "(no request count)")
requests_old=$(java -jar "$old" plan "$name" -f "$work/t.cul8" | grep -o 'with [0-9]* Incus API requests' || echo "(no request count)")

hyperfine -N -w 2 -r "$runs" --export-json "$work/h.json" \
  -n before "java -jar $old plan $name -f $work/t.cul8" \
  -n after "java -jar $new plan $name -f $work/t.cul8" > "$work/hyperfine.txt"

{
  echo "no-change plan of 10 release instances behind the edge, $(date -u +%F), $(nproc) cores"
  echo "before ($base): $requests_old; after: $requests_new"
  jq -r '.results[] | "  \(.name // .command): mean \(.mean * 1000 | floor) ms ± \(.stddev * 1000 | floor), median \(.median * 1000 | floor) ms"' "$work/h.json"
  jq -r '"  after / before: means \(.results[1].mean / .results[0].mean * 1000 | floor / 1000), medians \(.results[1].median / .results[0].median * 1000 | floor / 1000)"' "$work/h.json"
} | tee "$out/observe.txt"
