#!/usr/bin/env bash
# Builds what the JSON orders benchmark needs, then runs it in one go: Tideline in this JVM, Apache
# Spark in its own JVM (tideline-spark's SparkPeer). Options go to JsonOrdersBenchmark, e.g.
#   tideline-bench/run-json-orders.sh --records 200000 --runs 5 --engines spark
# Environment: TIDELINE_BENCH_HEAP (default 4g) and SPARK_PEER_HEAP (default 4g).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

# Compile only: compile also writes each module's target/classpath.txt. Formatting is skipped so a
# benchmark run never rewrites sources.
mvn -q -pl tideline-spark,tideline-bench -am compile -Dspotless.apply.skip=true

exec java -Xmx"${TIDELINE_BENCH_HEAP:-4g}" \
  -Dtideline.repo="$repo" \
  -Dtideline.bench.sparkHeap="${SPARK_PEER_HEAP:-4g}" \
  -cp "tideline-bench/target/classes:$(cat tideline-bench/target/classpath.txt)" \
  io.tideline.bench.JsonOrdersBenchmark "$@"
