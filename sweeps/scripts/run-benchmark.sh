#!/usr/bin/env bash
# Runs SweepBenchmark (JMH) alone: `-Pbenchmarks -pl sweeps -am verify` would also run every
# upstream module's benchmarks. Usage: sweeps/scripts/run-benchmark.sh [JMH options, e.g. -wi 3 -i 5]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
./mvnw -q -B -DskipTests -pl sweeps -am package >&2
./mvnw -q -B -pl sweeps -am test-compile >&2
cp="sweeps/target/test-classes:sweeps/target/classes"
for m in common cluster-sim memory-model report reports scaling-laws gpu-kernels planner; do cp="$cp:$m/target/classes"; done
cp="$cp:sweeps/target/scalelab-sweeps.jar"
cp="$cp:$(ls ~/.m2/repository/org/openjdk/jmh/jmh-core/*/jmh-core-*.jar | head -1)"
cp="$cp:$(ls ~/.m2/repository/net/sf/jopt-simple/jopt-simple/*/jopt-simple-*.jar | head -1)"
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
LD_PRELOAD="$java_home/lib/libjsig.so" exec java --add-modules=jdk.incubator.vector -Duser.language=en -Duser.country=US \
  -cp "$cp" org.openjdk.jmh.Main SweepBenchmark -rf json -rff sweep-bench.json "$@"
