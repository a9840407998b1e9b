#!/usr/bin/env bash
# wait-addresses.sh PREFIX COUNT: polls `incus list` until COUNT instances named PREFIX* have an
# IPv4 address; gives up after 60 s.
set -euo pipefail
prefix=$1 count=$2
for _ in $(seq 1 600); do
  n=$(incus list "$prefix" -c 4 -f csv | grep -c '\.' || true)
  [ "$n" -ge "$count" ] && exit 0
  sleep 0.1
done
echo "timed out waiting for $count addresses on $prefix*" >&2
exit 1
