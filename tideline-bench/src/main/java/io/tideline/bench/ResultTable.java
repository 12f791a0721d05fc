package io.tideline.bench;

import java.util.List;
import java.util.Locale;

/** Renders benchmark measurements as the plain-text table the harness prints. */
final class ResultTable {
  private ResultTable() {}

  /**
   * Returns one row per engine (records, best and median seconds, records/s and input MB/s of the
   * best run, session start), then, when both engines are present, the ratio of Tideline's best-run
   * throughput to Spark's.
   */
  static String render(List<EngineMeasurement> measurements, long inputBytes) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-9s %-7s %10s %9s %9s %13s %9s %10s%n",
            "engine",
            "version",
            "records",
            "best s",
            "median s",
            "records/s",
            "MB/s",
            "session s"));
    EngineMeasurement tideline = null;
    EngineMeasurement spark = null;
    for (EngineMeasurement m : measurements) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-9s %-7s %10d %9.3f %9.3f %13.0f %9.1f %10s%n",
              m.engine(),
              m.version(),
              m.records(),
              m.bestSeconds(),
              m.medianSeconds(),
              m.bestRecordsPerSecond(),
              inputBytes / m.bestSeconds() / 1e6,
              Double.isNaN(m.sessionStartSeconds())
                  ? "-"
                  : String.format(Locale.ROOT, "%.2f", m.sessionStartSeconds())));
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
              "ratio tideline/spark: %.2fx (best runs), %.2fx (medians)%n",
              tideline.bestRecordsPerSecond() / spark.bestRecordsPerSecond(),
              tideline.medianRecordsPerSecond() / spark.medianRecordsPerSecond()));
    }
    return out.toString();
  }
}
