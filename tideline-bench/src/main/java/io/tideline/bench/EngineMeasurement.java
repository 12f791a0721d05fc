package io.tideline.bench;

import java.util.Arrays;
import java.util.List;

/**
 * What one engine did on the orders benchmark: its timed runs and its answer.
 *
 * @param engine the engine's name
 * @param version the engine's version, for the report
 * @param records input records per run
 * @param runSeconds wall-clock seconds of each measured run, in run order
 * @param runCpuSeconds CPU seconds the engine's JVM used in each measured run, or empty if unknown
 * @param sessionStartSeconds seconds the engine took to start its session, or NaN if not measured
 * @param rows the engine's answer, sorted by product
 */
public record EngineMeasurement(
    String engine,
    String version,
    long records,
    List<Double> runSeconds,
    List<Double> runCpuSeconds,
    double sessionStartSeconds,
    List<ProductTotals> rows) {

  public EngineMeasurement {
    if (runSeconds.isEmpty()) {
      throw new IllegalArgumentException("Bug in Tideline: a measurement without measured runs");
    }
    runSeconds = List.copyOf(runSeconds);
    runCpuSeconds = List.copyOf(runCpuSeconds);
    rows = List.copyOf(rows);
  }

  /** The fastest run's seconds. */
  public double bestSeconds() {
    return runSeconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }

  public double medianSeconds() {
    double[] sorted = runSeconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Records per second of the fastest run. */
  public double bestRecordsPerSecond() {
    return records / bestSeconds();
  }

  public double medianRecordsPerSecond() {
    return records / medianSeconds();
  }

  /**
   * CPU seconds per million records of the least CPU-hungry run, or NaN if unknown: the brief's
   * unit, and steadier than wall time on a busy machine.
   */
  public double cpuSecondsPerMillionRecords() {
    return runCpuSeconds.stream()
            .mapToDouble(Double::doubleValue)
            .filter(s -> s >= 0)
            .min()
            .orElse(Double.NaN)
        / records
        * 1e6;
  }

  @Override
  public String toString() {
    return engine + " " + Arrays.toString(runSeconds.toArray());
  }
}
