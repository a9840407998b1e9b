#!/usr/bin/env bash
# Baseline: the same ten containers with the incus CLI, one launch after the other,
# then wait until each has an IPv4 address (as cul8er deploy does).
set -euo pipefail
for i in $(seq 1 10); do
  incus launch cul8er/busybox "seq-node-$i" -c limits.cpu=1 -c limits.memory=32MiB -q </dev/null
done
"$(dirname "$0")/wait-addresses.sh" seq-node- 10
