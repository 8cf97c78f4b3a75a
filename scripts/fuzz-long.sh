#!/usr/bin/env bash
# The long fuzz run: PER seeded mutations of every example (default 1000, so over 10,000 files for
# the examples/ folder) read through the parameter-file parser in one JVM, and RUNS of the accepted
# ones (default 40; every kind but kernels) run whole with a time limit each. It prints the counts
# (accepted, rejected, problems, runs, threads at start/peak/end of the JVM, and whether the first
# run of each kind gave the same result.json bytes when run twice in this JVM). Results go in
# BENCHMARKS.md with the date and the machine.
#
#   scripts/fuzz-long.sh [PER] [RUNS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
PER=${1:-1000}
RUNS=${2:-40}
SEED=${3:-20261130}
./mvnw -B -o -q -pl reports -am test -Dtest=ParameterFileFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dscalelab.fuzz.perExample="$PER" -Dscalelab.fuzz.run="$RUNS" -Dscalelab.fuzz.seed="$SEED" || status=$?
grep -E '^fuzz( time)?:|^  ' reports/target/surefire-reports/org.scalelab.reports.fuzz.ParameterFileFuzzTest-output.txt
exit "${status:-0}"
