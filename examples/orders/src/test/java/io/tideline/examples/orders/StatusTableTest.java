package io.tideline.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.examples.orders.StatusTable.Line;
import io.tideline.streaming.SinkProgress;
import io.tideline.streaming.SourceProgress;
import io.tideline.streaming.StreamingQueryProgress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StatusTableTest {

  private static StreamingQueryProgress progress(
      String name, long batchId, Map<String, String> eventTime, SourceProgress source) {
    return StreamingQueryProgress.builder(UUID.randomUUID(), UUID.randomUUID())
        .name(name)
        .timestamp(Instant.parse("2026-11-26T05:00:00Z"))
        .batchId(batchId)
        .eventTime(eventTime)
        .sources(List.of(source))
        .sink(new SinkProgress("delta", -1))
        .build();
  }

  private static SourceProgress source(long rows, Map<String, String> metrics) {
    return new SourceProgress("src", null, null, null, rows, 100.4, 250.6, metrics);
  }

  @Test
  void renderLines_showsOneLinePerQuery_withRatesWatermarkAndTheSourcesLag() {
    String table =
        StatusTable.renderLines(
            List.of(
                new Line(
                    "bronze_kafka_orders",
                    true,
                    progress(
                        "bronze_kafka_orders",
                        7,
                        Map.of(),
                        source(200, Map.of("maxOffsetsBehindLatest", "12")))),
                new Line(
                    "gold_order_counts_5min",
                    false,
                    progress(
                        "gold_order_counts_5min",
                        3,
                        Map.of("watermark", "2026-01-01T08:05:38.000Z"),
                        source(
                            180,
                            Map.of("numFilesOutstanding", "2", "numBytesOutstanding", "4096")))),
                new Line("silver_orders", true, null)));

    List<String> lines = table.lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0).split("\\s+"))
        .startsWith("query", "state", "batch", "in", "rows/s", "done", "rows/s", "last", "rows");
    assertThat(lines.get(1).split("\\s+"))
        .containsExactly(
            "bronze_kafka_orders", "running", "7", "100", "251", "200", "-", "12", "offsets");
    assertThat(lines.get(2).split("\\s+"))
        .containsExactly(
            "gold_order_counts_5min",
            "stopped",
            "3",
            "100",
            "251",
            "180",
            "2026-01-01T08:05:38Z",
            "2",
            "files",
            "/",
            "4096",
            "B");
    assertThat(lines.get(3)).startsWith("silver_orders").endsWith("waiting");
  }

  @Test
  void renderLines_hidesTheEpochWatermarkOfAQueryThatHasSeenNoEventTimeYet() {
    String table =
        StatusTable.renderLines(
            List.of(
                new Line(
                    "gold_hourly_summary",
                    true,
                    progress(
                        "gold_hourly_summary",
                        0,
                        Map.of("watermark", "1970-01-01T00:00:00.000Z"),
                        source(0, Map.of())))));
    assertThat(table.lines().skip(1).findFirst().orElseThrow().split("\\s+"))
        .containsExactly("gold_hourly_summary", "running", "0", "100", "251", "0", "-", "-");
  }
}
