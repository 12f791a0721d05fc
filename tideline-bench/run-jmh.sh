#!/usr/bin/env bash
# Builds tideline-bench and runs its JMH benchmarks, then prints input throughput in MB/s per core.
# Arguments are JMH's own: a benchmark regex and options, e.g.
#   tideline-bench/run-jmh.sh JacksonBaseline
#   tideline-bench/run-jmh.sh JacksonBaseline -wi 2 -i 3 -r 1    # quicker, noisier
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

mvn -q -pl tideline-bench -am compile -Dspotless.apply.skip=true

exec java -cp "tideline-bench/target/classes:$(cat tideline-bench/target/classpath.txt)" \
  io.tideline.bench.jmh.ThroughputReport "$@"
