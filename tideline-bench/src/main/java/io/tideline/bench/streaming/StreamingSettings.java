package io.tideline.bench.streaming;

import java.util.List;

/**
 * What one benchmark command measures and how often.
 *
 * @param records order lines of the throughput input
 * @param files files they are split over
 * @param maxFilesPerTrigger the throughput query's rate limit
 * @param warmupRuns unmeasured runs of each workload per engine before the measured ones
 * @param runs measured runs of each workload per engine
 * @param batches measured batches per overhead run
 * @param warmupBatches unmeasured batches at the start of each overhead run
 * @param engines the engines, in the order their runs alternate
 * @param workloads the workloads to run, in order
 * @param timeoutSeconds how long one query may take before the benchmark gives up
 */
record StreamingSettings(
    long records,
    int files,
    int maxFilesPerTrigger,
    int warmupRuns,
    int runs,
    int batches,
    int warmupBatches,
    List<String> engines,
    List<Workload> workloads,
    long timeoutSeconds) {

  StreamingSettings {
    if (records < 1 || files < 1 || records < files) {
      throw StreamingBenchErrors.usage(
          "--records and --files must be positive and --records at least --files, got "
              + records
              + " and "
              + files);
    }
    if (maxFilesPerTrigger < 1 || runs < 1 || batches < 1) {
      throw StreamingBenchErrors.usage(
          "--max-files-per-trigger, --runs and --batches must be positive");
    }
    if (warmupRuns < 0 || warmupBatches < 0) {
      throw StreamingBenchErrors.usage("--warmup and --warmup-batches must be at least 0");
    }
    if (engines.isEmpty() || workloads.isEmpty()) {
      throw StreamingBenchErrors.usage("--engines and --workloads must name at least one");
    }
    for (String engine : engines) {
      if (!engine.equals("tideline") && !engine.equals("spark")) {
        throw StreamingBenchErrors.usage(
            "Unknown engine '" + engine + "'; use tideline and/or spark");
      }
    }
    engines = List.copyOf(engines);
    workloads = List.copyOf(workloads);
  }
}
