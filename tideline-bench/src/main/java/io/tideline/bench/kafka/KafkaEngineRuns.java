package io.tideline.bench.kafka;

import java.util.ArrayList;
import java.util.List;

/** One engine's measured runs in the Kafka benchmark, in run order. */
record KafkaEngineRuns(
    String engine,
    String version,
    double sessionStartSeconds,
    List<KafkaEngine.ThroughputRun> throughput,
    List<LatencyRun> latency) {

  KafkaEngineRuns(String engine, String version, double sessionStartSeconds) {
    this(engine, version, sessionStartSeconds, new ArrayList<>(), new ArrayList<>());
  }

  /** One latency run: the statistics and how many batches the query ran meanwhile. */
  record LatencyRun(LatencyStats stats, long batches) {}
}
