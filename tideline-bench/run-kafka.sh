#!/usr/bin/env bash
# Builds what the Kafka benchmark needs, then runs it in one go: an embedded Kafka broker in this
# JVM, Tideline's Kafka source in this JVM, Spark's own Kafka source (local[2]) in its own JVM
# (tideline-spark's SparkPeer streaming-serve), on the same topics. Options go to KafkaBenchmark:
#   tideline-bench/run-kafka.sh                                  # 5 M orders, 3 runs, latency 2 × 30 s
#   tideline-bench/run-kafka.sh --small                          # quick check: 200 000 orders, 1 run
#   tideline-bench/run-kafka.sh --records 1000000 --runs 5 --workloads throughput
#   tideline-bench/run-kafka.sh --engines tideline --workloads latency --rate 20000
# Environment: TIDELINE_BENCH_HEAP (default 4g), SPARK_PEER_HEAP (default 4g), TMPDIR (where the
# broker's log and the checkpoints go).
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
  -Dtideline.bench.command="tideline-bench/run-kafka.sh" \
  -cp "tideline-bench/target/classes:$(cat tideline-bench/target/classpath.txt)" \
  io.tideline.bench.kafka.KafkaBenchmark "$@"
