#!/usr/bin/env bash
# The whole test suite: sets up what is missing (Incus and the other real components the
# integration tests use), then builds and runs unit and integration tests with coverage: the root
# project, then the Maven plugin (maven-plugin/), built on the root's verified jar.
# The Debian images are built (when missing or stale) in the background while Maven compiles and
# runs the unit tests; the integration tests that need them wait for them (docs/images.md).
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
"$ROOT/scripts/setup.sh" --images-in-background
"$ROOT/scripts/test-tools.sh"   # promtool, which PromtoolIT runs on the metrics
"$ROOT/scripts/testbed-hosts.sh" clean   # what an earlier, interrupted run left in the test-bed hosts
cd "$ROOT"
mvn -B verify "$@"
# The jar just verified goes into the local repository as io.cul8er:cul8er, tests not run again.
mvn -B -q org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file \
    -Dfile=target/cul8er.jar -DpomFile=pom.xml
exec mvn -B -f maven-plugin verify
