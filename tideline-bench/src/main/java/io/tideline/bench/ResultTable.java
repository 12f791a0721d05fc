package io.tideline.bench;

import java.util.List;
import java.util.Locale;

/** Renders benchmark measurements as the plain-text table the harness prints. */
final class ResultTable {
  private ResultTable() {}

  /**
   * Returns one row per engine (records, best and median seconds, records/s and input MB/s of the
   * best run, CPU seconds per million records, session start), then, when both engines are present,
   * Tideline's throughput over Spark's and Spark's CPU per record over Tideline's.
   */
  static String render(List<EngineMeasurement> measurements, long inputBytes) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-9s %-7s %10s %8s %8s %11s %7s %8s %9s%n",
            "engine",
            "version",
            "records",
            "best s",
            "median s",
            "records/s",
            "MB/s",
            "CPU s/M",
            "session s"));
    EngineMeasurement tideline = null;
    EngineMeasurement spark = null;
    for (EngineMeasurement m : measurements) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-9s %-7s %10d %8.3f %8.3f %11.0f %7.1f %8s %9s%n",
              m.engine(),
              m.version(),
              m.records(),
              m.bestSeconds(),
              m.medianSeconds(),
              m.bestRecordsPerSecond(),
              inputBytes / m.bestSeconds() / 1e6,
              orDash(m.cpuSecondsPerMillionRecords()),
              orDash(m.sessionStartSeconds())));
      if (m.engine().equals("tideline")) {
        tideline = m;
      } else if (m.engine().equals("spark")) {
        spark = m;
      }
    }
    if (tideline != null && spark != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "ratio tideline/spark: %.2fx (best runs), %.2fx (medians), %sx (CPU per record)%n",
              tideline.bestRecordsPerSecond() / spark.bestRecordsPerSecond(),
              tideline.medianRecordsPerSecond() / spark.medianRecordsPerSecond(),
              orDash(
                  spark.cpuSecondsPerMillionRecords() / tideline.cpuSecondsPerMillionRecords())));
    }
    return out.toString();
  }

  private static String orDash(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
  }
}
