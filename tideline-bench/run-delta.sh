#!/usr/bin/env bash
# Builds what the Delta benchmark needs, then runs it in one go: an embedded Kafka broker in this
# JVM, the seed's bronze query (Kafka JSON -> from_json -> Delta append, AvailableNow) in Tideline
# (this JVM) and in Spark 4.2 with delta-spark 4.4.0 (local[2], its own JVM: tideline-spark's
# SparkPeer delta-bench-serve), both tables checked by both engines, and the JSON -> Parquet
# ceiling. Options go to DeltaBenchmark:
#   tideline-bench/run-delta.sh                                  # 5 M orders, 3 runs per engine
#   tideline-bench/run-delta.sh --records 1000000 --runs 2
#   tideline-bench/run-delta.sh --small                          # quick check: 200 000 orders, 1 run
#   tideline-bench/run-delta.sh --engines tideline --ceiling-runs 0
# Environment: TIDELINE_BENCH_HEAP (default 4g), SPARK_PEER_HEAP (default 4g), TMPDIR (where the
# broker's log, the checkpoints and the tables go).
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
  -Dtideline.bench.command="tideline-bench/run-delta.sh" \
  -cp "tideline-bench/target/classes:$(cat tideline-bench/target/classpath.txt)" \
  io.tideline.bench.delta.DeltaBenchmark "$@"
