#!/usr/bin/env bash
# Test peers for C U L8er (HAProxy, and later sshd, PostgreSQL, Elixir nodes...).
# Every subcommand is idempotent and bounded in time; packages come from scripts/setup.sh.
#
#   bash scripts/services.sh haproxy-check    verify the haproxy binary works
set -euo pipefail

log() { echo "services: $*"; }
die() { echo "services: ERROR: $*" >&2; exit 1; }

haproxy_check() {
    local bin
    bin=$(command -v haproxy || true)
    [ -n "$bin" ] || bin=/usr/sbin/haproxy
    [ -x "$bin" ] || die "haproxy not installed (run scripts/setup.sh)"
    local ver
    ver=$(timeout 10 "$bin" -v 2>&1) || die "haproxy -v failed: $ver"
    ver=${ver%%$'\n'*}
    log "haproxy ok: $bin ($ver)"
}

usage() { sed -n '2,5p' "$0" >&2; exit 2; }

case "${1:-}" in
    haproxy-check) haproxy_check ;;
    -h|--help|"") usage ;;
    *) echo "services: unknown subcommand '$1'" >&2; usage ;;
esac
