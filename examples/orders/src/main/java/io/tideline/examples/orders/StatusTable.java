package io.tideline.examples.orders;

import io.tideline.streaming.SourceProgress;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's compact status table: one line per query, from its {@code lastProgress()} — batch id,
 * input and processed rows per second, rows in the last batch, watermark, and how far the query is
 * behind its source.
 *
 * <p>Lag is what the source reports: a Kafka source's {@code maxOffsetsBehindLatest} (records not
 * yet read in the partition furthest behind), a Delta source's {@code numFilesOutstanding} and
 * {@code numBytesOutstanding} when it reports them; {@code -} otherwise.
 */
final class StatusTable {

  private static final String FORMAT = "%-24s %-7s %6s %10s %11s %9s %-20s %s%n";

  private StatusTable() {}

  /** A line of the table: a query's name, whether it runs, and its last progress (or null). */
  record Line(String name, boolean active, StreamingQueryProgress progress) {
    static Line of(StreamingQuery q) {
      return new Line(q.name(), q.isActive(), q.lastProgress());
    }
  }

  /** The table of {@code queries}, header first. */
  static String render(List<StreamingQuery> queries) {
    List<Line> lines = new ArrayList<>(queries.size());
    for (StreamingQuery q : queries) {
      lines.add(Line.of(q));
    }
    return renderLines(lines);
  }

  static String renderLines(List<Line> lines) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            FORMAT,
            "query",
            "state",
            "batch",
            "in rows/s",
            "done rows/s",
            "last rows",
            "watermark",
            "lag"));
    for (Line line : lines) {
      StreamingQueryProgress p = line.progress();
      String name = line.name();
      String state = line.active() ? "running" : "stopped";
      if (p == null) {
        b.append(
            String.format(Locale.ROOT, FORMAT, name, state, "-", "-", "-", "-", "-", "waiting"));
        continue;
      }
      b.append(
          String.format(
              Locale.ROOT,
              FORMAT,
              name,
              state,
              p.batchId(),
              rate(p.inputRowsPerSecond()),
              rate(p.processedRowsPerSecond()),
              p.numInputRows(),
              watermark(p.eventTime()),
              lag(p.sources())));
    }
    return b.toString();
  }

  private static String rate(double perSecond) {
    return Double.isNaN(perSecond) ? "-" : String.format(Locale.ROOT, "%.0f", perSecond);
  }

  /** The watermark without its fraction, or {@code -} before the first (Spark reports epoch 0). */
  private static String watermark(Map<String, String> eventTime) {
    String wm = eventTime.get("watermark");
    if (wm == null || wm.startsWith("1970-01-01T00:00:00")) {
      return "-";
    }
    int dot = wm.indexOf('.');
    return dot > 0 ? wm.substring(0, dot) + "Z" : wm;
  }

  private static String lag(List<SourceProgress> sources) {
    List<String> parts = new ArrayList<>();
    for (SourceProgress s : sources) {
      Map<String, String> m = s.metrics();
      if (m.containsKey("maxOffsetsBehindLatest")) {
        parts.add(m.get("maxOffsetsBehindLatest") + " offsets");
      }
      if (m.containsKey("numFilesOutstanding")) {
        String files = m.get("numFilesOutstanding") + " files";
        String bytes = m.get("numBytesOutstanding");
        parts.add(bytes == null ? files : files + " / " + bytes + " B");
      } else if (m.containsKey("numBytesOutstanding")) {
        parts.add(m.get("numBytesOutstanding") + " B");
      }
    }
    return parts.isEmpty() ? "-" : String.join(", ", parts);
  }
}
