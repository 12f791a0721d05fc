package io.tideline.internal.streaming.exec;

import io.tideline.internal.plan.EventTimeStats;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Progress' {@code eventTime} map, in Spark's keys and format. */
final class EventTimeProgress {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private EventTimeProgress() {}

  /**
   * Progress' {@code eventTime}: Spark reports {@code max}, {@code min} and {@code avg} of the
   * first watermark node that saw rows in this batch, and the batch's {@code watermark} whenever
   * the query has a watermark; nothing otherwise.
   */
  static Map<String, String> of(
      boolean hasWatermark, List<EventTimeStats> stats, long batchWatermarkMs) {
    if (!hasWatermark) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (EventTimeStats s : stats) {
      if (s.count() > 0) {
        out.put("avg", format((long) s.avg()));
        out.put("max", format(s.max()));
        out.put("min", format(s.min()));
        break;
      }
    }
    out.put("watermark", format(batchWatermarkMs));
    return out;
  }

  /** An epoch-millisecond time as Spark's progress prints it: {@code 1970-01-01T00:00:05.000Z}. */
  static String format(long epochMs) {
    return FORMAT.format(Instant.ofEpochMilli(epochMs));
  }
}
