#!/usr/bin/env bash
# Deletes every instance the deploy benchmark made, and cul8er's state for it.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
names=$(incus list -c n -f csv | grep -E '^(seq-node-|par-node-|bench10-node-)' || true)
[ -n "$names" ] && incus delete -f $names >/dev/null
rm -rf "$here/.cul8er"
