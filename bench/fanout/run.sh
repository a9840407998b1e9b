#!/usr/bin/env bash
# Fan-out benchmark (issue 12, item 8 "Scale"): one release resource spread over HOSTS SSH hosts
# (default 50 x 4 = 200 busybox containers), against the same instance count on 1 host and against
# 1 host x PER_HOST, side by side in the same run. Every host is a real OpenSSH sshd of its own
# (scripts/services/sshd.sh: own address 127.0.1.i, own port, own host key), all reaching this
# machine's one Incus socket; the release (`tick`, a shell script that sleeps) exposes no port, so
# there is no edge. Measures, per side:
#   - the initial deploy (create, start, install, check), once;
#   - a no-change `plan`: hyperfine, RUNS runs (default 5) after 1 warm-up, sides alternated;
#   - a rolling update `deploy --version 1.0.D` of every instance, DEPLOYS rounds (default 3), the
#     sides' order rotated each round: wall time, and from the rollout journal the time spent in
#     steps (bench/fanout/journal.py) and so the time not spent in them;
#   - SSH sessions per host per run ("Accepted publickey" lines in each sshd's log), for the
#     initial deploy, one plan and every update;
#   - peak RSS (/usr/bin/time -v) and peak thread count (/proc, every 0.5 s) of the cul8er JVM for
#     the deploys and one plan, and whether a
#     plan and one more round of deploys work with the heap capped at SMALL_HEAP (default 256m;
#     empty: skipped);
#   - what the hosts' reads cost the one incusd: 1 and HOSTS `GET /1.0/instances?recursion=1`
#     (a plan's), and recursion=2 (what a deploy read again, for addresses, before its rollout, up
#     to branch refreshcost; a deploy now asks each release instance for its own state instead),
#     PARALLELISM at a time. Every "host" lists every instance of this machine (about 400), where a
#     real host would list its own: this is the benchmark's artifact, measured so it can be told
#     apart from the tool's own cost.
# Settings: BATCH (50), PARALLELISM (10, the default), SNAPSHOT (true, the default). Containers are
# named bfanmany-*, bfanone-*, bfansmall-*. 2 x 200 + 4 containers do not fit the /24 of incusbr0
# (253 DHCP leases, shared with everyone else's), so they get a bridge and a profile of their own:
# bfanbr0 (SUBNET, default 10.148.0.1/22, no NAT) and bfan (root on the default profile's pool,
# eth0 on bfanbr0). The run refuses to start when any of these exists, and deletes them, the sshds
# and its temporary directory at the end, whatever happens.
# Needs: scripts/setup.sh done, openssh-server, hyperfine, jq, python3, GNU time.
# Writes bench/results/fanout-*.{json,jsonl,txt} and bench/results/fanout-logs/.
# CUL8ER=path overrides the launcher (e.g. a copy of the jar, so a rebuild cannot disturb the run).
# BASE=REV (any git revision) also deploys with that revision's cul8er, built in a worktree of its
# own: every round then updates each side twice, once with each build, alternating which goes first
# (kinds deployD and basedeployD), and the summary gives the new/base ratios. A smaller run for
# that: HOSTS=10 DEPLOYS=2 RUNS=3 SMALL_HEAP= BASE=main bench/fanout/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/results"
hosts=${HOSTS:-50} per_host=${PER_HOST:-4} runs=${RUNS:-5} deploys=${DEPLOYS:-3}
small_heap=${SMALL_HEAP-256m}
parallelism=${PARALLELISM:-10}
export BATCH=${BATCH:-50} SNAPSHOT=${SNAPSHOT:-true}
port_base=${PORT_BASE:-$((23000 + RANDOM % 80 * 500))}
cul8er=${CUL8ER:-$root/cul8er}
deploy_timeout=${DEPLOY_TIMEOUT:-1800} plan_timeout=${PLAN_TIMEOUT:-600}
sides=(bfanmany bfanone bfansmall)
[ "$hosts" -ge 1 ] && [ "$hosts" -le 200 ] || { echo "HOSTS must be 1-200" >&2; exit 2; }
net=bfanbr0 profile=bfan subnet=${SUBNET:-10.148.0.1/22}
if incus list -c n -f csv | grep -qE '^bfan(many|one|small)-' || incus network show "$net" >/dev/null 2>&1 \
    || incus profile show "$profile" >/dev/null 2>&1; then
  echo "bench: bfan* containers, network $net or profile $profile exist already (another run?); delete them first" >&2
  exit 1
fi
mkdir -p "$out/fanout-logs"
rm -f "$out"/fanout-logs/*
work=$(mktemp -d -t cul8er-bench-fanout.XXXXXX)

load() { cut -d' ' -f1-3 /proc/loadavg; }
log() { echo "bench: $(date -u +%T) (load $(load)): $*" >&2; }

cleanup() {
  set +e
  log "cleaning up"
  incus list -c n -f csv | grep -E '^bfan(many|one|small)-' | xargs -r -n 20 -P 4 incus delete -f
  [ -n "$made_profile" ] && incus profile delete "$profile" >/dev/null
  [ -n "$made_net" ] && incus network delete "$net" >/dev/null
  # in parallel: sshd.sh waits until each listener is gone, which here lasts until PID 1 reaps it
  for dir in "$work"/sshd/*; do [ -d "$dir" ] && bash "$root/scripts/services/sshd.sh" stop "$dir" 2>/dev/null & done
  wait
  # any listener sshd.sh could not stop: only the pids this run started, still running our config
  for pid in $(cat "$work/sshd.pids" 2>/dev/null); do
    tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -qF -- "$work/sshd/" && kill "$pid"
  done
  [ -z "${BASE:-}" ] || git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1
  rm -rf "$work"
}
made_net="" made_profile=""
trap cleanup EXIT
trap 'exit 130' INT TERM

incus network create "$net" ipv4.address="$subnet" ipv4.nat=false ipv6.address=none >/dev/null && made_net=1
incus profile create "$profile" >/dev/null && made_profile=1
incus profile device add "$profile" root disk path=/ pool="$(incus profile device get default root pool)" >/dev/null
incus profile device add "$profile" eth0 nic network="$net" name=eth0 >/dev/null
export PROFILE=$profile

# --- the release: tick-1.0.0 ... tick-1.0.DEPLOYS, a shell script that sleeps
mkdir -p "$work/releases" "$work/client" "$work/sshd"
builds=1; [ -z "${BASE:-}" ] || builds=2
for v in 1.0.0 $(seq -f '1.0.%g' 1 $((deploys * builds + 1))); do
  d="$work/releases/tick-$v"
  mkdir -p "$d/bin"
  printf '#!/bin/sh\nexec sleep 2147483647\n' > "$d/bin/tick"
  chmod +x "$d/bin/tick"
  echo "$v" > "$d/VERSION"
  tar -czf "$work/releases/tick-$v.tar.gz" -C "$work/releases" "tick-$v"
  rm -rf "$d"
done

# --- one sshd per host, each with its own address, port and host key; one client key for all
ssh-keygen -q -t ed25519 -N '' -C cul8er-bench-fanout -f "$work/client/id_ed25519"
start_sshd() { # dir port address
  mkdir -p "$1" && chmod 700 "$1"
  cp "$work/client/id_ed25519" "$1/id_ed25519.cul8er-test"
  cp "$work/client/id_ed25519.pub" "$1/id_ed25519.cul8er-test.pub"
  bash "$root/scripts/services/sshd.sh" start "$1" "$2" "$3" 2>/dev/null
  cat "$1/sshd.pid" >> "$work/sshd.pids"
}
log "starting $((hosts + 2)) sshds (ports $((port_base + 1))-$((port_base + hosts)), $((port_base + 201)), $((port_base + 202)))"
for h in $(seq 1 "$hosts"); do start_sshd "$work/sshd/h$h" $((port_base + h)) "127.0.1.$h"; done
start_sshd "$work/sshd/one" $((port_base + 201)) 127.0.2.1
start_sshd "$work/sshd/small" $((port_base + 202)) 127.0.2.2
cat "$work"/sshd/*/known_hosts.trusted > "$work/known_hosts"
printf 'Host *\n  UserKnownHostsFile %s\n' "$work/known_hosts" > "$work/ssh_config"
export CUL8ER_SSH_CONFIG="$work/ssh_config"
"$here/topologies.sh" "$work" "$hosts" "$per_host" "$port_base"

# --- sessions: "Accepted publickey" lines per sshd, before and after a run
sessions() {
  local dir
  for dir in "$work"/sshd/*; do echo "$(basename "$dir") $(grep -c 'Accepted publickey for cul8er-test' "$dir/sshd.log" || true)"; done
}
dirs_of() { case $1 in bfanmany) seq -f 'h%g' 1 "$hosts" ;; bfanone) echo one ;; bfansmall) echo small ;; esac; }
# side before-file after-file -> JSON: sessions per host (min, max) over the side's hosts, and elsewhere
session_delta() {
  python3 - "$1" "$2" "$3" <(dirs_of "$1") <<'PY'
import json, sys
before = dict(l.split() for l in open(sys.argv[2]))
after = dict(l.split() for l in open(sys.argv[3]))
mine = [l.strip() for l in open(sys.argv[4]) if l.strip()]
delta = {k: int(after[k]) - int(before.get(k, 0)) for k in after}
per = [delta[k] for k in mine]
print(json.dumps({"hosts": len(per), "min": min(per), "max": max(per), "total": sum(per),
                  "elsewhere": sum(v for k, v in delta.items() if k not in mine)}))
PY
}
max_threads() { # pid-of-time previous-max
  local jvm n
  jvm=$(pgrep -P "$(pgrep -P "$1" | head -1)" 2>/dev/null | head -1) || true
  n=$(awk '/^Threads:/ {print $2}' "/proc/$jvm/status" 2>/dev/null) || true
  echo $(( ${n:-0} > $2 ? ${n:-0} : $2 ))
}
rss_kb() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }

# timed SIDE KIND ARGS...: one cul8er run under /usr/bin/time -v, with its sessions and load; appends
# a JSON line to $work/runs.jsonl and keeps the output in fanout-logs/
timed() {
  local side=$1 kind=$2; shift 2
  local tag="$kind-$side" start end rc=0
  sessions > "$work/s.before"
  local load_before; load_before=$(load)
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$work/$tag.time" timeout "$deploy_timeout" "${CUL8ER:-$cul8er}" "$@" > "$out/fanout-logs/$tag.log" 2>&1 &
  local watched=$! threads=0
  while kill -0 "$watched" 2>/dev/null; do   # the JVM's peak thread count (time -> timeout -> java)
    threads=$(max_threads "$watched" "$threads")
    sleep 0.5
  done
  wait "$watched" || rc=$?
  end=$(date +%s.%N)
  sessions > "$work/s.after"
  local extra='{}'
  if [ "${kind%plan}" = "$kind" ] && [ "$rc" = 0 ]; then
    extra=$(python3 "$here/journal.py" "$work/.cul8er/$side/journal.jsonl" "$start" "$end" "$parallelism")
  fi
  jq -cn --arg side "$side" --arg kind "$kind" --argjson rc "$rc" \
    --argjson wall "$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}')" \
    --argjson rss "$(rss_kb "$work/$tag.time" || echo null)" --argjson threads "$threads" \
    --argjson sessions "$(session_delta "$side" "$work/s.before" "$work/s.after")" \
    --arg load_before "$load_before" --arg load_after "$(load)" \
    --arg requests "$(grep -o 'Refreshed .* requests' "$out/fanout-logs/$tag.log" | head -1)" \
    --argjson journal "$extra" \
    '{side: $side, kind: $kind, rc: $rc, wall: $wall, rss_kb: $rss, threads: $threads, sessions: $sessions,
      load_before: $load_before, load_after: $load_after, requests: $requests, journal: $journal}' \
    | tee -a "$work/runs.jsonl" | jq -c '{side, kind, rc, wall, rss_kb, threads, sessions, load_after}' >&2
  [ "$rc" = 0 ] || { log "$kind of $side failed (exit $rc):"; tail -25 "$out/fanout-logs/$tag.log" >&2; }
  return 0
}

"$cul8er" --version >/dev/null   # build before timing
base_cul8er=""
if [ -n "${BASE:-}" ]; then
  git -C "$root" worktree add -q --detach "$work/base" "$BASE"
  base_cul8er="$work/base/cul8er"
  "$base_cul8er" --version >/dev/null
  log "BASE $BASE ($(git -C "$root" rev-parse --short "$BASE")) against $(git -C "$root" rev-parse --short HEAD)"
fi
log "initial deploys: $((hosts * per_host)) + $((hosts * per_host)) + $per_host containers"
for side in bfansmall bfanmany bfanone; do
  timed "$side" initial deploy "$side" -f "$work/$side.cul8" --parallelism "$parallelism"
done
if jq -e 'select(.kind == "initial" and .rc != 0)' "$work/runs.jsonl" >/dev/null; then
  log "an initial deploy failed: no further measurement"
  cp "$work/runs.jsonl" "$out/fanout-runs.jsonl"
  exit 1
fi

log "one plan per side (sessions, RSS, requests)"
for side in "${sides[@]}"; do
  timed "$side" plan plan "$side" -f "$work/$side.cul8" --detailed-exitcode
done

log "hyperfine: no-change plan, $runs runs each"
hyperfine -N --runs "$runs" --warmup 1 --export-json "$out/fanout-plan.json" --export-markdown "$out/fanout-plan.md" \
  -n "plan $hosts hosts x $per_host" "timeout $plan_timeout $cul8er plan bfanmany -f $work/bfanmany.cul8 --detailed-exitcode" \
  -n "plan 1 host x $((hosts * per_host))" "timeout $plan_timeout $cul8er plan bfanone -f $work/bfanone.cul8 --detailed-exitcode" \
  -n "plan 1 host x $per_host" "timeout $plan_timeout $cul8er plan bfansmall -f $work/bfansmall.cul8 --detailed-exitcode" \
  2>&1 | tee "$out/fanout-plan.txt" >&2
echo "load after the plans: $(load)" >> "$out/fanout-plan.txt"

version=0   # the newest version deployed; last[SIDE]: the one SIDE runs
declare -A last
for d in $(seq 1 "$deploys"); do
  order=("${sides[@]:$(( (d - 1) % 3 ))}" "${sides[@]:0:$(( (d - 1) % 3 ))}")
  log "round $d: deploy --version 1.0.$((version + 1))..., order ${order[*]}"
  for side in "${order[@]}"; do
    if [ -z "$base_cul8er" ]; then
      version=$d last[$side]=$d
      timed "$side" "deploy$d" deploy "$side" -f "$work/$side.cul8" --version "1.0.$version" --parallelism "$parallelism"
      continue
    fi
    # "VERSION KIND LAUNCHER": each build its own version, alike on every side, whichever goes first
    builds=("$(( 2 * d - 1 )) deploy$d $cul8er" "$(( 2 * d )) basedeploy$d $base_cul8er")
    [ $(( (d + ${#side}) % 2 )) = 0 ] || builds=("${builds[1]}" "${builds[0]}")
    for build in "${builds[@]}"; do
      read -r n kind launcher <<<"$build"
      version=$(( n > version ? n : version )) last[$side]=$n
      CUL8ER="$launcher" timed "$side" "$kind" deploy "$side" -f "$work/$side.cul8" --version "1.0.$n" \
        --parallelism "$parallelism"
    done
  done
done

if [ -n "$small_heap" ]; then
  log "with the heap capped: CUL8ER_JAVA_OPTS=-Xmx$small_heap, one plan and deploy --version 1.0.$((version + 1)) per side"
  for side in "${sides[@]}"; do
    CUL8ER_JAVA_OPTS="-Xmx$small_heap" timed "$side" smallheap-plan plan "$side" -f "$work/$side.cul8" \
      --version "1.0.${last[$side]}" --detailed-exitcode   # the file says 1.0.0; what runs is its last one
  done
  for side in "${sides[@]}"; do
    CUL8ER_JAVA_OPTS="-Xmx$small_heap" timed "$side" smallheap-deploy deploy "$side" -f "$work/$side.cul8" \
      --version "1.0.$((version + 1))" --parallelism "$parallelism"
  done
fi

instances=$(incus list -c n -f csv | wc -l)
log "what the hosts' reads cost the one incusd ($instances instances)"
list() { echo "curl -sf --unix-socket /var/lib/incus/unix.socket -o /dev/null 'http://incus/1.0/instances?recursion=$1'"; }
hyperfine --runs 3 --warmup 1 --export-json "$out/fanout-list.json" \
  -n "1 list, recursion=1" "$(list 1)" \
  -n "$hosts lists, recursion=1, $parallelism at a time" "seq $hosts | xargs -P $parallelism -I{} $(list 1)" \
  -n "1 list, recursion=2" "$(list 2)" \
  2>&1 | tee "$out/fanout-list.txt" >&2
hyperfine --runs 1 --export-json "$out/fanout-list2.json" \
  -n "$hosts lists, recursion=2, $parallelism at a time" "seq $hosts | xargs -P $parallelism -I{} $(list 2)" \
  2>&1 | tee -a "$out/fanout-list.txt" >&2
echo "$instances instances" >> "$out/fanout-list.txt"

cp "$work/runs.jsonl" "$out/fanout-runs.jsonl"
{
  echo "fan-out, $(date -u '+%F %T') UTC, $(nproc) cores, $(incus --version 2>/dev/null | head -1) incus, $(java -version 2>&1 | head -1)"
  echo "hosts $hosts x $per_host per host; batch $BATCH, parallelism $parallelism, snapshots $SNAPSHOT; plan runs $runs, deploy rounds $deploys"
  python3 "$here/summary.py" "$out/fanout-runs.jsonl" "$out/fanout-plan.json" "$out/fanout-list.json" \
    "$out/fanout-list2.json" "$hosts" "$per_host" "$instances"
} | tee "$out/fanout.txt"
