package io.tideline.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole harness on tiny inputs with Tideline only: a real embedded broker, the orders written
 * once, the throughput query checked against the generator, and a latency run whose every record
 * comes back through the pass-through query. Spark's side runs in {@code KafkaBenchmarkSparkIT}.
 */
class KafkaBenchmarkIT {
  @TempDir Path work;

  @Test
  void tidelineOnly_tinyInputs_countsEveryOrderOver100AndTimesEveryRecord() {
    KafkaBenchSettings settings =
        KafkaBenchSettings.parse(
            new String[] {
              "--engines", "tideline",
              "--records", "3000",
              "--warmup-records", "1000",
              "--partitions", "2",
              "--max-offsets-per-trigger", "1000",
              "--runs", "2",
              "--rate", "1000",
              "--latency-warmup-seconds", "0",
              "--latency-seconds", "1",
              "--latency-runs", "1"
            });
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    List<KafkaEngineRuns> runs =
        KafkaBenchmark.run(
            settings,
            new PrintStream(printed, true, StandardCharsets.UTF_8),
            work,
            name -> TidelineKafkaEngine.start(work, settings.tidelineSink()));

    KafkaEngineRuns tideline = runs.get(0);
    assertThat(tideline.throughput()).hasSize(2);
    for (KafkaEngine.ThroughputRun r : tideline.throughput()) {
      assertThat(r.rows()).isEqualTo(OrdersTopic.over100(3000));
      // 3000 offsets at most 1000 a batch.
      assertThat(r.batches()).isEqualTo(3);
    }
    assertThat(tideline.latency()).hasSize(1);
    assertThat(tideline.latency().get(0).stats().records()).isEqualTo(1000);
    assertThat(tideline.latency().get(0).batches()).isPositive();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("Wrote orders (3000 records, 2 partitions")
        .contains("throughput warm-up  tideline")
        .contains("| throughput, records/s |")
        .contains("| latency p99, ms |")
        .contains("mean durationMs per batch: ");
  }
}
