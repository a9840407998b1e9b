#!/usr/bin/env bash
# What TLS at the edge costs (issue 13): one hello-web instance deployed by cul8er on the local
# Incus behind this machine's edge with two public ports, plain HTTP (`as: 18080, protocol: :http`)
# and TLS (`as: 18443, protocol: :https`, the host's self-signed certificate), measured with wrk
# (HTTP/1.1, keep-alive connections) against three targets, in rounds whose order rotates:
#   direct  the instance itself, http://ADDRESS:8080/ (no edge)
#   plain   http://127.0.0.1:18080/ through the edge
#   tls     https://127.0.0.1:18443/ through the edge (TLS 1.3, the edge's ciphers)
#   h2      the same over HTTP/2 (ALPN h2), measured with h2load (Debian's nghttp2-client, installed
#           when missing), one stream per connection as wrk has one request in flight per connection
# Reports each target's requests/s and p99 (medians over the rounds) and the ratios tls/plain,
# plain/direct and h2/tls. The 2 cores: wrk is pinned to CPU 1 and the edge's HAProxy (master and workers) to
# CPU 0; the instance (limits.cpu 1, the JVM) floats over both, as Incus places it.
#
#   bench/edge-tls/run.sh                         3 rounds of 10 s per target, 16 connections
#   ROUNDS=5 SECONDS_EACH=15 CONNECTIONS=32 bench/edge-tls/run.sh
#
# Needs scripts/setup.sh done (Incus, HAProxy, wrk, the images). Writes bench/results/edge-tls.txt.
set -euo pipefail
command -v h2load >/dev/null || apt-get install -y -q --no-install-recommends nghttp2-client >/dev/null \
    || { echo "edge-tls: h2load is missing and apt-get install nghttp2-client failed" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/bench/results"
mkdir -p "$out"
work=$(mktemp -d)
name="tlsb$RANDOM"
rounds=${ROUNDS:-3} seconds_each=${SECONDS_EACH:-10} connections=${CONNECTIONS:-16}
trap '"$root/cul8er" destroy "$name" -f "$work/t.cul8" --yes >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

# wrk sends thousands of requests per second from one address: far above the edge's default rate
# limit per client address (1,000/s), so the bench raises it for both ports.
unlimited=' do\n        rate_limit 1_000_000_000, seconds: 1\n      end'
bash "$root/examples/hello-web/build.sh" >/dev/null
sed -e "s/^topology :hello do/topology :$name do/" -e 's/replicas 3/replicas 1/' \
    -e "s|      expose port: 8080, as: 8080, protocol: :http|      expose port: 8080, as: 18080, protocol: :http$unlimited\n      expose port: 8080, as: 18443, protocol: :https$unlimited|" \
    -e 's|from_image "cul8er/debian12[a-z-]*"|from_image "cul8er/userland"\n    profiles ["default", "cul8er-userland"]|' \
    -e "s|runtime: :jvm|runtime: :jvm, artifact: \"$root/examples/hello-web/releases/{name}-{version}.tar.gz\"|" \
    "$root/examples/hello-web/hello.cul8" > "$work/t.cul8"
"$root/cul8er" deploy "$name" -f "$work/t.cul8" > "$work/deploy.txt" 2>&1 \
    || { cat "$work/deploy.txt" >&2; exit 1; }
address=$(incus list "^$name-web" -c4 -f csv | awk 'NR == 1 {print $1}')
[ -n "$address" ] || { echo "edge-tls: no address for the instance of $name" >&2; exit 1; }
edge_pids=$(pgrep --ns $$ --nslist pid -f "haproxy .*cul8er/edge" || true)
for pid in $edge_pids; do taskset -a -p -c 0 "$pid" >/dev/null; done

declare -A url=([direct]="http://$address:8080/" [plain]="http://127.0.0.1:18080/" [tls]="https://127.0.0.1:18443/"
                [h2]="https://127.0.0.1:18443/")
for target in direct plain tls; do
    curl -fsk -o /dev/null "${url[$target]}" || { echo "edge-tls: $target (${url[$target]}) does not answer" >&2; exit 1; }
done
tls_line=$(echo | openssl s_client -connect 127.0.0.1:18443 -alpn h2,http/1.1 2>/dev/null \
    | awk -F': *' '/^New,|Protocol *:|^ALPN/ {printf "%s ", $0}')

# wrk output -> "requests/s p99_ms errors"
wrk_stats() {
    awk '/^Requests\/sec/ {rps=$2}
         /^ +99%/ {v=$2; if (v ~ /us$/) {sub("us","",v); v/=1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v*=1000}; p99=v}
         /Non-2xx/ {bad+=$NF} /Socket errors/ {gsub(",", ""); bad+=$4+$6+$8+$10}
         END {printf "%s %s %d\n", rps, p99, bad}' "$1"
}

# h2load's summary and per-request log -> "requests/s p99_ms errors"
h2load_stats() {   # summary log
    local p99
    p99=$(awk '{print $3 / 1000}' "$2" | sort -g | awk '{a[NR]=$1} END {i = int(NR * 0.99); if (i < 1) i = 1; print a[i]}')
    awk -v p99="$p99" '/^finished in/ {gsub(",", ""); rps=$4}
         /^requests:/ {gsub(",", ""); bad=$2 - $8}
         END {printf "%s %s %d\n", rps, p99, bad}' "$1"
}

targets=(direct plain tls h2)
for ((r = 0; r < rounds; r++)); do
    for ((i = 0; i < ${#targets[@]}; i++)); do
        target=${targets[$(( (i + r) % ${#targets[@]} ))]}
        if [ "$target" = h2 ]; then
            taskset -c 1 h2load -t1 -c"$connections" -m1 -D "$seconds_each" --log-file="$work/h2.$r.log" \
                "${url[$target]}" > "$work/$target.$r.txt"
            echo "round $((r + 1)) $target $(h2load_stats "$work/$target.$r.txt" "$work/h2.$r.log")" | tee -a "$work/rounds.txt"
        else
            taskset -c 1 wrk -t1 -c"$connections" -d"${seconds_each}s" --latency "${url[$target]}" > "$work/$target.$r.txt"
            echo "round $((r + 1)) $target $(wrk_stats "$work/$target.$r.txt")" | tee -a "$work/rounds.txt"
        fi
    done
done

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
declare -A rps p99
for target in "${targets[@]}"; do
    rps[$target]=$(awk -v t="$target" '$3 == t {print $4}' "$work/rounds.txt" | median)
    p99[$target]=$(awk -v t="$target" '$3 == t {print $5}' "$work/rounds.txt" | median)
done
errors=$(awk '{s += $6} END {print s + 0}' "$work/rounds.txt")
{
  echo "edge TLS cost, $(date -u +%Y-%m-%dT%H:%MZ), nproc $(nproc), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "wrk -t1 -c$connections -d${seconds_each}s per target and round (h2: h2load -t1 -c$connections -m1 -D $seconds_each), $rounds rounds, order rotated;"
  echo "the load generator on CPU 1, the edge's HAProxy on CPU 0 (pids: $(echo $edge_pids)), the instance unpinned"
  echo "TLS seen by openssl s_client: $tls_line"
  cat "$work/rounds.txt"
  printf '%-8s %12s %10s\n' target "requests/s" "p99 ms"
  for target in "${targets[@]}"; do printf '%-8s %12s %10s\n' "$target" "${rps[$target]}" "${p99[$target]}"; done
  awk -v t="${rps[tls]}" -v p="${rps[plain]}" -v d="${rps[direct]}" -v tp="${p99[tls]}" -v pp="${p99[plain]}" \
      -v h="${rps[h2]}" 'BEGIN {printf "throughput tls/plain %.2f, plain/direct %.2f, h2/tls %.2f; p99 tls/plain %.2f\n", t / p, p / d, h / t, tp / pp}'
  echo "failed requests (non-2xx, socket errors), all rounds: $errors"
} | tee "$out/edge-tls.txt"
