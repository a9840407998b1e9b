#!/usr/bin/env bash
# A certificate for the production example's web hosts on the test bed (there is no ACME here):
# one self-signed P-256 certificate, valid 90 days, for the names cul8er-tb-2 and cul8er-tb-3 and
# their addresses (from the test bed's hosts.tsv), written as production.crt and production.key
# (mode 0600) in DIR (default: examples/production/certs, which production.cul8 reads).
# Clients trust it by that certificate itself: curl --cacert certs/production.crt https://cul8er-tb-2/
#
#   examples/production/make-cert.sh [DIR]
#
# With a real domain, point `cert:` and `key:` at the files certbot or lego renews (docs/edge.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-$here/certs}
hosts_tsv=${CUL8ER_TESTBED_DIR:-/var/lib/cul8er/testbed}/hosts.tsv
[ -r "$hosts_tsv" ] || { echo "make-cert: no $hosts_tsv (run scripts/testbed-hosts.sh up 3 first)" >&2; exit 1; }
names="DNS:cul8er-tb-2,DNS:cul8er-tb-3"
for host in cul8er-tb-2 cul8er-tb-3; do
    address=$(awk -F'\t' -v h="$host" '$1 == h {print $2}' "$hosts_tsv")
    [ -n "$address" ] || { echo "make-cert: $host is not in $hosts_tsv" >&2; exit 1; }
    names="$names,IP:$address"
done
mkdir -p "$dir"
umask 077
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 90 -subj "/CN=cul8er-tb-2" \
    -addext "subjectAltName=$names" -keyout "$dir/production.key" -out "$dir/production.crt" 2>/dev/null
echo "make-cert: $dir/production.crt and production.key for $names"
