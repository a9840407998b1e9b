#!/usr/bin/env bash
# The agent's CPU and memory at rest and per pass (refresh + checks + decide) for 3 and for 30
# instances, side by side in one run: two topologies of busybox containers without a release (30
# JVM releases do not fit this 2-core machine), deployed once; then, rounds alternating which goes
# first, `cul8er agent` passing every 2 s for WINDOW seconds, and `cul8er agent` at rest (a pass
# every 10 min) for WINDOW seconds after its first pass. CPU is the process's user+system time
# (/proc/PID/stat), memory its resident set (VmRSS) and heap (jcmd GC.heap_info) at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-2}
WINDOW=${WINDOW:-20}
WARM=${WARM:-8}
work=$(mktemp -d)
suffix=$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n')
mkdir -p bench/results
out=bench/results/agent-$(date -u +%Y%m%dT%H%M%SZ).txt
tick=$(getconf CLK_TCK)

topology() { # name replicas
  cat > "$work/$1.cul8" <<TOP
topology :$1 do
  host :local do
    address "localhost"
    platform :debian
  end
  resource :box, type: :container, on: :local do
    from_image "cul8er/busybox"
    replicas $2
    limits do
      cpu cores: 1
      memory megabytes: 32
    end
  end
end
TOP
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
passes() { grep -o '"passes":[0-9]*' "$work/.cul8er/$1/agent.json" | cut -d: -f2; }
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

measure() { # name interval label
  ./cul8er agent "$1" -f "$work/$1.cul8" --interval "$2" > "$work/agent.log" 2>&1 &
  local pid=$!
  sleep "$WARM"
  local before passes_before
  before=$(cpu_ticks "$pid"); passes_before=$(passes "$1")
  sleep "$WINDOW"
  local after rss heap passes_after
  after=$(cpu_ticks "$pid"); rss=$(rss_kib "$pid"); passes_after=$(passes "$1")
  heap=$(jcmd "$pid" GC.heap_info 2>/dev/null | awk '/used/ {print; exit}' || true)
  kill -TERM "$pid"; wait "$pid" || true
  local cpu_ms=$(( (after - before) * 1000 / tick )) n=$(( passes_after - passes_before ))
  printf '%-8s %-9s cpu_ms_in_%ss=%-6s passes=%-3s cpu_ms_per_pass=%-6s rss_kib=%-7s %s\n' "$3" "$1" "$WINDOW" \
    "$cpu_ms" "$n" "$( (( n > 0 )) && echo $(( cpu_ms / n )) || echo -)" "$rss" "$heap" | tee -a "$out"
}

trap './cul8er destroy "ag3$suffix" -f "$work/ag3$suffix.cul8" --yes >/dev/null 2>&1 || true;
      ./cul8er destroy "ag30$suffix" -f "$work/ag30$suffix.cul8" --yes >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
topology "ag3$suffix" 3
topology "ag30$suffix" 30
./cul8er deploy "ag3$suffix" -f "$work/ag3$suffix.cul8" > /dev/null
./cul8er deploy "ag30$suffix" -f "$work/ag30$suffix.cul8" > /dev/null
echo "window ${WINDOW}s after ${WARM}s warm-up; passing = a pass every 2 s, rest = a pass every 10 min" | tee "$out"
for round in $(seq 1 "$ROUNDS"); do
  if (( round % 2 )); then order="ag3$suffix ag30$suffix"; else order="ag30$suffix ag3$suffix"; fi
  for t in $order; do
    measure "$t" 2s passing
    measure "$t" 10m rest
  done
done
