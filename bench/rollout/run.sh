#!/usr/bin/env bash
# Zero-downtime benchmark (issue 5): a rolling update of 3 hello-web instances under load through
# the edge, against the same load just before it, in one run; then a broken version's rollback.
# Reports: deploy time, requests, failed requests (non-2xx + socket errors), p50/p99 before and
# during, the tool's overhead over restart + first passing health check, and the rollback time.
# Needs scripts/setup.sh done (wrk, HAProxy, Incus, the images). Writes bench/results/rollout.txt.
set -euo pipefail
# Measured on cul8er/userland (busybox + the host's /usr), as its recorded figures were; the
# examples themselves default to the Debian images (bench/images/deploy.sh compares the two).
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/results"
mkdir -p "$out"
work=$(mktemp -d)
name="bench$RANDOM"
port=${PORT:-18480}
load_threads=2 load_connections=4 baseline_seconds=${BASELINE_SECONDS:-10}
trap '"$root/cul8er" destroy "$name" -f "$work/t.cul8" --yes >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

bash "$root/examples/hello-web/build.sh" >/dev/null
"$root/cul8er" --version >/dev/null
# wrk from one address may pass the edge's default rate limit per client address (1,000/s): raised here.
sed -e "s/^topology :hello do/topology :$name do/" \
    -e "s/as: 8080, protocol: :http/as: $port, protocol: :http do\n        rate_limit 1_000_000_000, seconds: 1\n      end/" \
    -e 's|from_image "cul8er/debian12[a-z-]*"|from_image "cul8er/userland"\n    profiles ["default", "cul8er-userland"]|' \
    -e "s|runtime: :jvm|runtime: :jvm, artifact: \"$root/examples/hello-web/releases/{name}-{version}.tar.gz\"|" \
    "$root/examples/hello-web/hello.cul8" > "$work/t.cul8"
"$root/cul8er" deploy "$name" -f "$work/t.cul8" >/dev/null

url="http://127.0.0.1:$port/version"
wrk_stats() { # wrk output -> "requests failed p50 p99"
    awk '/^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /requests in/ {req=$1}
         /Non-2xx/ {bad+=$NF} /Socket errors/ {gsub(",", ""); bad+=$4+$6+$8+$10}
         END {printf "%s %d %s %s\n", req, bad, p50, p99}' "$1"
}

wrk -t$load_threads -c$load_connections -d${baseline_seconds}s --latency "$url" > "$work/before.txt"
# wrk prints its statistics when interrupted, so the load covers exactly the deploy.
wrk -t$load_threads -c$load_connections -d600s --latency "$url" > "$work/during.txt" &
wrk_pid=$!
sleep 1
start=$(date +%s.%N)
"$root/cul8er" deploy "$name" -f "$work/t.cul8" --version 1.1.0 > "$work/deploy.txt"
end=$(date +%s.%N)
sleep 1
kill -INT $wrk_pid; wait $wrk_pid || true

read -r req_b bad_b p50_b p99_b <<<"$(wrk_stats "$work/before.txt")"
read -r req_d bad_d p50_d p99_d <<<"$(wrk_stats "$work/during.txt")"
deploy_s=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')
# Unavoidable per batch: the restart (switch) and the first passing health check.
unavoidable_s=$(awk '/ stage / { for (i = 1; i <= NF; i++) {
      if ($i == "switch" || $i == "health") { v = $(i+1); u = $(i+2); gsub(",", "", u);
        s += (u == "ms") ? v / 1000 : v } } } END {printf "%.2f", s}' "$work/deploy.txt")
in_tool=$(grep -o 'Deploy complete in [0-9.]* s' "$work/deploy.txt" | awk '{print $4}')
# The rollout phase alone, from its journal: wall time over the unavoidable restarts and first checks.
read -r phase_s phase_unavoidable_s phase_ratio <<<"$("$here/journal-ratio.sh" "$work/.cul8er/$name/journal.jsonl")"
pool=$(incus profile device get default root pool 2>/dev/null || echo default)
driver=$(incus storage show "$pool" 2>/dev/null | awk '/^driver:/ {print $2}')

"$root/cul8er" deploy "$name" -f "$work/t.cul8" --version 1.2.0 > "$work/broken.txt" 2>&1 || true
rollback=$(grep -o 'Rolled back in [0-9.]* m\?s' "$work/broken.txt" || echo "no rollback line")

{
  echo "rolling update of 3 hello-web instances, batch 1, under wrk -t$load_threads -c$load_connections"
  echo "deploy wall time (process): ${deploy_s} s; inside the tool: ${in_tool} s"
  echo "before: requests $req_b, failed $bad_b, p50 $p50_b, p99 $p99_b (${baseline_seconds} s)"
  echo "during: requests $req_d, failed $bad_d, p50 $p50_d, p99 $p99_d"
  echo "unavoidable (restart + first passing check, summed over batches): ${unavoidable_s} s"
  echo "rollout phase (journal, plan excluded) on a $driver pool: ${phase_s} s over ${phase_unavoidable_s} s unavoidable = ratio ${phase_ratio}"
  awk -v t="$in_tool" -v u="$unavoidable_s" 'BEGIN {printf "tool overhead over unavoidable work: %.0f%% (rollout part only: see report)\n", (t / u - 1) * 100}'
  echo "broken 1.2.0: $rollback"
  echo "--- deploy report"; grep -A5 "Deploy report" "$work/deploy.txt"
  echo "--- broken deploy"; grep -A4 "Deploy report" "$work/broken.txt"
} | tee "$out/rollout.txt"
