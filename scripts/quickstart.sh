#!/usr/bin/env bash
# The README's first command: sets up what is missing on this machine (JDK, Maven, Incus, the
# local images, the packages later features use), builds C U L8er and deploys the example
# topology examples/demo.cul8 on the local Incus, then shows its status and asks its web
# container for a page through the exposed port.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
./cul8er deploy demo -f examples/demo.cul8
./cul8er status demo -f examples/demo.cul8
echo
echo "quickstart: the web container answers on the host's port 8080:"
for _ in $(seq 1 50); do
  if page=$(curl -fsS --max-time 2 http://127.0.0.1:8080/ 2>/dev/null); then
    echo "  $page"
    exit 0
  fi
  sleep 0.2
done
echo "quickstart: http://127.0.0.1:8080/ did not answer within 10 s" >&2
exit 1
