#!/usr/bin/env bash
# Recovery (issue 10): how long from a fault to a converged fleet, for a rolling update of three
# hello-web instances (batch 1, health check, snapshots) under load.
#   1. the Incus daemon is killed as web-2 is being switched and started again 4 s later, the way
#      scripts/setup.sh starts it: time from the daemon answering again to the deploy's end (it rides
#      the restart out by itself), and whether the fleet then matches (status exits 0);
#   2. the deploying process is killed (SIGKILL) at the same step: time of the next deploy, which
#      finishes the rollout from the journal and what really runs.
# Needs scripts/setup.sh done, and no systemd-managed incusd. Writes bench/results/recovery.txt.
set -euo pipefail
# Measured on cul8er/userland (busybox + the host's /usr), as its recorded figures were; the
# examples themselves default to the Debian images (bench/images/deploy.sh compares the two).
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/results"
mkdir -p "$out"
work=$(mktemp -d)
name="rec$RANDOM"
port=${PORT:-18495}
pattern='^([^ ]*/)?incusd( --|$)'
jar="$root/target/cul8er.jar"
cul8er() { java -jar "$jar" "$@"; }
start_incusd() {
  pgrep --ns $$ --nslist pid -f "$pattern" >/dev/null || setsid nohup /usr/libexec/incus/incusd --group "$(getent group incus-admin >/dev/null && echo incus-admin || echo root)" >>/var/log/incusd.log 2>&1 </dev/null &
}
cleanup() {
  start_incusd; incus admin waitready --timeout=60 >/dev/null 2>&1 || true
  kill "${wrk_pid:-0}" 2>/dev/null || true
  cul8er destroy "$name" -f "$work/t.cul8" --yes >/dev/null 2>&1 || true
  cp "$work"/*.txt "$out/" 2>/dev/null || true; rm -rf "$work"
}
trap cleanup EXIT
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", b - a}'; }
await() { # await FILE TEXT: until TEXT appears in FILE (120 s at most)
  for _ in $(seq 1200); do grep -qF "$2" "$1" && return 0; sleep 0.1; done; echo "never saw: $2" >&2; return 1
}

bash "$root/examples/hello-web/build.sh" >/dev/null
(cd "$root" && mvn -B -o -q package -DskipTests -Djacoco.skip=true >/dev/null)
sed -e "s/^topology :hello do/topology :$name do/" -e "s/as: 8080/as: $port/" \
    -e 's|from_image "cul8er/debian12[a-z-]*"|from_image "cul8er/userland"\n    profiles ["default", "cul8er-userland"]|' \
    -e "s|runtime: :jvm|runtime: :jvm, artifact: \"$root/examples/hello-web/releases/{name}-{version}.tar.gz\"|" \
    "$root/examples/hello-web/hello.cul8" > "$work/t.cul8"
cul8er deploy "$name" -f "$work/t.cul8" >/dev/null
wrk -t2 -c4 -d600s --timeout 10s "http://127.0.0.1:$port/version" > "$work/wrk.txt" &
wrk_pid=$!

# 1. The daemon restarts under the deploy.
cul8er deploy "$name" -f "$work/t.cul8" --version 1.1.0 > "$work/d1.txt" 2>&1 &
deploy=$!
await "$work/d1.txt" "$name-web-2: switch $name-web-2"
pkill --ns $$ --nslist pid -KILL -f "$pattern"; killed=$(now)
sleep 4
start_incusd
incus admin waitready --timeout=60; back=$(now)
wait "$deploy" && d1=0 || d1=$?
done1=$(now)
cul8er status "$name" -f "$work/t.cul8" > "$work/s1.txt" 2>&1 && s1=settled || s1="NOT settled"

kill -INT "$wrk_pid"; wait "$wrk_pid" || true
mv "$work/wrk.txt" "$work/wrk1.txt"
wrk -t2 -c4 -d600s --timeout 10s "http://127.0.0.1:$port/version" > "$work/wrk.txt" &
wrk_pid=$!

# 2. The deploying process is killed; the next deploy finishes the rollout.
java -jar "$jar" deploy "$name" -f "$work/t.cul8" --version 1.0.0 > "$work/d2.txt" 2>&1 &  # the JVM itself, so the kill reaches it
deploy=$!
await "$work/d2.txt" "$name-web-2: switch $name-web-2"
kill -KILL "$deploy"; wait "$deploy" 2>/dev/null || true
again=$(now)
cul8er deploy "$name" -f "$work/t.cul8" --version 1.0.0 > "$work/d3.txt" 2>&1 && d3=0 || d3=$?
done3=$(now)
cul8er status "$name" -f "$work/t.cul8" > "$work/s3.txt" 2>&1 && s3=settled || s3="NOT settled"

kill -INT "$wrk_pid"; wait "$wrk_pid" || true
failed() { awk '/Non-2xx/ {b+=$NF} /Socket errors/ {gsub(",", ""); b+=$4+$6+$8+$10} END {print b+0}' "$1"; }
requests() { awk '/requests in/ {print $1}' "$1"; }
{
  echo "recovery of a rolling update of 3 hello-web instances under wrk -t2 -c4 --timeout 10s, $(date -u +%F), $(nproc) cores"
  echo "incusd killed at 'switch web-2', back after $(since "$killed" "$back") s (4 s down);"
  echo "  the deploy rode it out and ended (exit $d1) $(since "$back" "$done1") s after the daemon answered again; fleet $s1"
  echo "deployer killed (SIGKILL) at 'switch web-2': the next deploy (exit $d3) converged in $(since "$again" "$done3") s; fleet $s3"
  echo "failed requests: $(failed "$work/wrk1.txt") of $(requests "$work/wrk1.txt") around the daemon's restart, $(failed "$work/wrk.txt") of $(requests "$work/wrk.txt") around the killed deployer"
  echo "--- the next deploy after the kill:"; grep -E "Unfinished rollout|finishes it|Deploy complete" "$work/d3.txt" || true
} | tee "$out/recovery.txt"
cat "$work"/d1.txt "$work"/s1.txt "$work"/d3.txt "$work"/s3.txt "$work"/wrk1.txt "$work"/wrk.txt > "$out/recovery-deploys.txt"
