package io.tideline.bench.streaming;

import java.util.ArrayList;
import java.util.List;

/** One engine's measured runs of every workload, in run order, with its session's figures. */
final class EngineRuns {
  private final String engine;
  private final String version;
  private final double sessionStartSeconds;
  private final List<FirstBatchRun> firstBatch = new ArrayList<>();
  private final List<OverheadRun> overhead = new ArrayList<>();
  private final List<ThroughputRun> throughput = new ArrayList<>();

  EngineRuns(String engine, String version, double sessionStartSeconds) {
    this.engine = engine;
    this.version = version;
    this.sessionStartSeconds = sessionStartSeconds;
  }

  String engine() {
    return engine;
  }

  String version() {
    return version;
  }

  double sessionStartSeconds() {
    return sessionStartSeconds;
  }

  List<FirstBatchRun> firstBatch() {
    return firstBatch;
  }

  List<OverheadRun> overhead() {
    return overhead;
  }

  List<ThroughputRun> throughput() {
    return throughput;
  }
}
