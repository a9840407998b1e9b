#!/usr/bin/env bash
# SSH benchmark (issue 4): `cul8er plan` with no changes on 10 hosts x 10 containers reached over
# SSH (one sshd listening on 127.0.0.11-20, tunnels to the local Incus socket), against the same
# shape through the local socket (another 100 containers: topology names differ), in one hyperfine
# run. Deploying the 200 containers first takes a few minutes; everything is deleted at the end.
# Needs: scripts/setup.sh done, openssh-server, hyperfine. Writes bench/results/ssh-plan.{json,md}.
# CUL8ER=path overrides the launcher (e.g. a copy of the jar, so a rebuild cannot disturb the run).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/results"
runs=${RUNS:-10}
cul8er=${CUL8ER:-$root/cul8er}
mkdir -p "$out"
work=$(mktemp -d -t cul8er-bench-ssh.XXXXXX)
port=${PORT:-22$((RANDOM % 900 + 100))}

cleanup() {
  set +e
  for t in benchssh benchsock; do
    [ -f "$work/$t.cul8" ] && "$cul8er" destroy "$t" -f "$work/$t.cul8" --yes >/dev/null 2>&1
  done
  names=$(incus list -c n -f csv | grep -E '^(benchssh|benchsock)-' || true)
  [ -n "$names" ] && incus delete -f $names >/dev/null
  bash "$root/scripts/services/sshd.sh" clean "$work/sshd"
  rm -rf "$work"
}
trap cleanup EXIT

bash "$root/scripts/services/sshd.sh" start "$work/sshd" "$port" $(for h in $(seq 11 20); do echo "127.0.0.$h"; done)
cp "$work/sshd/known_hosts.trusted" "$work/sshd/known_hosts"
export CUL8ER_SSH_CONFIG="$work/sshd/ssh_config"
"$here/topologies.sh" "$work"

"$cul8er" --version >/dev/null   # build before timing
for t in benchssh benchsock; do
  echo "bench: deploying $t (100 containers)..." >&2
  "$cul8er" apply "$t" -f "$work/$t.cul8" --yes >"$work/$t-apply.log" || { tail -20 "$work/$t-apply.log"; exit 1; }
done

hyperfine --runs "$runs" --warmup 2 --export-json "$out/ssh-plan.json" --export-markdown "$out/ssh-plan.md" \
  -n "plan over SSH (10 hosts x 10)" "$cul8er plan benchssh -f $work/benchssh.cul8 --detailed-exitcode" \
  -n "plan over the local socket (10 hosts x 10)" "$cul8er plan benchsock -f $work/benchsock.cul8 --detailed-exitcode"

for t in benchssh benchsock; do
  "$cul8er" plan "$t" -f "$work/$t.cul8" | head -1 | sed "s/^/$t: /"
done | tee "$out/ssh-plan-requests.txt"
python3 - "$out/ssh-plan.json" <<'PY' | tee "$out/ssh-plan-ratio.txt"
import json, sys
r = {x["command"]: x["mean"] for x in json.load(open(sys.argv[1]))["results"]}
ssh, sock = r["plan over SSH (10 hosts x 10)"], r["plan over the local socket (10 hosts x 10)"]
print(f"ssh {ssh:.3f} s, socket {sock:.3f} s, ratio {ssh / sock:.2f} (target <= 1.5)")
PY
