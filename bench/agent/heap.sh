#!/usr/bin/env bash
# The agent's heap over 24 hours' worth of passes (8,640, 10 s apart) of the decider and its memory,
# 30 instances failing, recovering and crash-looping at random (seeded). See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -DskipTests test-compile
mkdir -p bench/results
cp=$(mvn -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
java -Xmx32m -cp "target/classes:target/test-classes:$cp" io.cul8er.agent.AgentMemoryBench | tee bench/results/agent-heap.txt
