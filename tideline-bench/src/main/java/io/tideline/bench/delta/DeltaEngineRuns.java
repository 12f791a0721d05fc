package io.tideline.bench.delta;

import java.util.ArrayList;
import java.util.List;

/** One engine's measured bronze runs in the Delta benchmark, in run order. */
record DeltaEngineRuns(
    String engine, String version, double sessionStartSeconds, List<DeltaEngine.BronzeRun> bronze) {

  DeltaEngineRuns(String engine, String version, double sessionStartSeconds) {
    this(engine, version, sessionStartSeconds, new ArrayList<>());
  }
}
