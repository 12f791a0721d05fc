#!/usr/bin/env bash
# Builds what the streaming benchmark needs, then runs it in one go: Tideline's Structured Streaming
# in this JVM, Spark's (local[2]) in its own JVM (tideline-spark's SparkPeer streaming-serve), on the
# same data in a temporary folder that is deleted at the end. Options go to StreamingBenchmark, e.g.
#   tideline-bench/run-streaming.sh --records 200000 --runs 5 --engines spark
#   tideline-bench/run-streaming.sh --workloads batch-overhead --batches 100
# Environment: TIDELINE_BENCH_HEAP (default 4g), SPARK_PEER_HEAP (default 4g), TMPDIR (where the
# temporary folder goes).
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
  -Dtideline.bench.command="tideline-bench/run-streaming.sh" \
  -cp "tideline-bench/target/classes:$(cat tideline-bench/target/classpath.txt)" \
  io.tideline.bench.streaming.StreamingBenchmark "$@"
