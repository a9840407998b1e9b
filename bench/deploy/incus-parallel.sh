#!/usr/bin/env bash
# Baseline: the same ten containers with the incus CLI, all launches fired at once
# (about the physical limit), then wait until each has an IPv4 address.
set -euo pipefail
pids=()
for i in $(seq 1 10); do
  incus launch cul8er/busybox "par-node-$i" -c limits.cpu=1 -c limits.memory=32MiB -q </dev/null &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
"$(dirname "$0")/wait-addresses.sh" par-node- 10
