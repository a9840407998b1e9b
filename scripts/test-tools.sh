#!/usr/bin/env bash
# Tools the test suite runs but the product does not need, installed where the tests look for them
# (scripts/test.sh runs this). Idempotent: a second run only checks.
#
#   promtool   Prometheus's checker of the metrics text (`promtool check metrics`), taken from
#              Debian's prometheus package without installing that package (which would enable a
#              Prometheus server at boot): /var/lib/cul8er/tools/bin/promtool
#   chromium, chromium-driver
#              Debian's headless browser and its WebDriver, /usr/bin/chromium and /usr/bin/chromedriver,
#              which DashboardBrowserIT drives through Selenium
# Environment: CUL8ER_TOOLS_DIR (default /var/lib/cul8er/tools).
set -euo pipefail
TOOLS=${CUL8ER_TOOLS_DIR:-/var/lib/cul8er/tools}
log() { echo "test-tools: $*"; }
die() { echo "test-tools: ERROR: $*" >&2; exit 1; }

if [ "$(id -u)" -ne 0 ] && [ ! -w "$(dirname "$TOOLS")" ]; then
    exec sudo --preserve-env=CUL8ER_TOOLS_DIR "$0" "$@"
fi

browser_missing=()
for p in chromium chromium-driver; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || browser_missing+=("$p")
done
if [ ${#browser_missing[@]} -eq 0 ]; then
    log "chromium and chromium-driver already installed"
else
    log "installing ${browser_missing[*]}"
    apt-get -o DPkg::Lock::Timeout=300 update -qq
    apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${browser_missing[@]}" >/dev/null \
        || die "could not install ${browser_missing[*]} (apt-get install)"
fi

promtool="$TOOLS/bin/promtool"
if [ -x "$promtool" ] && "$promtool" --version >/dev/null 2>&1; then
    log "promtool already at $promtool"
    exit 0
fi
mkdir -p "$TOOLS/bin"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
( cd "$work" && apt-get -o APT::Sandbox::User=root download prometheus >/dev/null 2>&1 ) \
    || { apt-get update -q >/dev/null 2>&1 || true
         ( cd "$work" && apt-get -o APT::Sandbox::User=root download prometheus >/dev/null ); } \
    || die "could not download Debian's prometheus package (apt-get download prometheus)"
dpkg-deb --fsys-tarfile "$work"/prometheus_*.deb | tar -x -C "$work" ./usr/bin/promtool \
    || die "the prometheus package has no usr/bin/promtool"
install -m 0755 "$work/usr/bin/promtool" "$promtool.tmp"
mv -f "$promtool.tmp" "$promtool"
log "installed $("$promtool" --version 2>&1 | head -1) at $promtool"
