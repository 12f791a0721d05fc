#!/usr/bin/env bash
# Builds what the windowed-aggregation benchmark (issue 4 item 9) needs, then runs it in one go:
# Tideline in this JVM, Spark (local[2]) in its own JVM (tideline-spark's SparkPeer
# streaming-serve), on the same bids in a temporary folder that is deleted at the end. Options go
# to WindowedBenchmark, e.g.
#   tideline-bench/run-windowed.sh --small                      # a quick check of everything
#   tideline-bench/run-windowed.sh --workloads parquet,json --runs 5
#   tideline-bench/run-windowed.sh --engines tideline --workloads state-heap
# Environment: TIDELINE_BENCH_HEAP (default 4g), SPARK_PEER_HEAP (default 4g), TMPDIR (where the
# temporary folder goes; the defaults write about 1.5 GB there).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

# Compile only: compile also writes each module's target/classpath.txt. Formatting is skipped so a
# benchmark run never rewrites sources.
mvn -q -pl tideline-spark,tideline-bench -am compile -Dspotless.apply.skip=true

exec java -Xmx"${TIDELINE_BENCH_HEAP:-4g}" \
  -Dslf4j.internal.verbosity=ERROR \
  -Djava.io.tmpdir="${TMPDIR:-/tmp}" \
  -Dtideline.repo="$repo" \
  -Dtideline.bench.sparkHeap="${SPARK_PEER_HEAP:-4g}" \
  -Dtideline.bench.command="tideline-bench/run-windowed.sh" \
  -cp "tideline-bench/target/classes:$(cat tideline-bench/target/classpath.txt)" \
  io.tideline.bench.streaming.WindowedBenchmark "$@"
