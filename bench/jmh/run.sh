#!/usr/bin/env bash
# Runs the DSL benchmark: parse + validate of 50 hosts and 1,000 resources.
# Usage: bench/jmh/run.sh [JMH options]   (default: 3 warm-up and 5 measured iterations, 1 fork)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
(cd "$root" && mvn -B -q install -DskipTests -Djacoco.skip=true)
(cd "$here" && mvn -B -q package)
if [ "$#" -eq 0 ]; then
  set -- -wi 3 -i 5 -f 1 -w 2s -r 2s
fi
java -jar "$here/target/benchmarks.jar" "$@"
# CPU time of the measuring thread: steadier than wall time when the machine is shared.
java -cp "$here/target/benchmarks.jar" io.cul8er.bench.CpuTime
