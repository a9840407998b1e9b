#!/usr/bin/env bash
# What exporting a deploy's trace costs (issue 14): a fresh `cul8er deploy` of 3 release instances
# (JVM start included) with `traces otlp:` pointing at a local OTLP/HTTP receiver, against the same
# deploy without traces, rounds alternating which goes first; each run starts from a destroyed
# topology (the destroy is not timed). The receiver (Python) answers 200 and counts the
# requests. Needs scripts/setup.sh done (Incus, the images) and bc. Writes bench/results/traces.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/results"
runs=${RUNS:-5}
mkdir -p "$out"
work=$(mktemp -d)
name="trc$RANDOM"
receiver=""
cleanup() {
  java -jar "$root/target/cul8er.jar" destroy "$name" -f "$work/off.cul8" --yes >/dev/null 2>&1 || true
  [ -n "$receiver" ] && kill "$receiver" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

cat > "$work/receiver.py" <<'PY'
import http.server, sys
class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(sys.argv[2], "a") as log:
            log.write(f"{self.path} {len(body)}\n")
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver).serve_forever()
PY
port=${OTLP_PORT:-14318}
python3 "$work/receiver.py" "$port" "$work/received.txt" &
receiver=$!

# A release that starts at once and costs nothing: busybox's httpd serving its own directory.
# shellcheck source=../lib/tiny-release.sh
. "$root/bench/lib/tiny-release.sh"
tiny_release "$work"
topology() {
  cat <<CUL8
topology :$name do
  host :local do
    address "localhost"
    platform :debian
  end
  resource :node, type: :container, on: :local do
    from_image "cul8er/busybox"
    replicas 3
    deploy release: :tiny, version: "1.0.0", runtime: :jvm, start: "bin/tiny",
      artifact: "$work/{name}-{version}.tar.gz"
  end
  $1
end
CUL8
}
topology "" > "$work/off.cul8"
topology "observability do
    traces otlp: \"http://127.0.0.1:$port\"
  end" > "$work/on.cul8"

(cd "$root" && mvn -B -o -q package -DskipTests -Djacoco.skip=true >/dev/null)
jar="$root/target/cul8er.jar"
java -jar "$jar" deploy "$name" -f "$work/on.cul8" >/dev/null
test -s "$work/received.txt" || { echo "the receiver got no trace"; exit 1; }

# Rounds alternate which side goes first; each deploy starts from a destroyed topology (not timed).
: > "$work/times.txt"
timed() {
  java -jar "$jar" destroy "$name" -f "$work/off.cul8" --yes >/dev/null
  local t0 t1
  t0=$(date +%s.%N)
  java -jar "$jar" deploy "$name" -f "$work/$1.cul8" >/dev/null
  t1=$(date +%s.%N)
  echo "$1 $(echo "$t1 - $t0" | bc)" | tee -a "$work/times.txt"
}
for round in $(seq 1 "$runs"); do
  if [ $((round % 2)) -eq 1 ]; then timed on; timed off; else timed off; timed on; fi
done
{
  awk '{n[$1]++; s[$1]+=$2; q[$1]+=$2*$2} END {
    for (k in n) { m=s[k]/n[k]; printf "traces %-3s  %d runs  mean %.2f s  sd %.2f s\n", k, n[k], m, sqrt(q[k]/n[k]-m*m) }
    printf "ratio on/off: %.3f\n", (s["on"]/n["on"])/(s["off"]/n["off"]) }' "$work/times.txt"
  echo "OTLP requests received: $(wc -l < "$work/received.txt"), bytes: $(awk '{s+=$2} END {print s}' "$work/received.txt")"
} | tee "$out/traces.txt"
