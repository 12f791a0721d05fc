package io.tideline.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaResultTableTest {

  @Test
  void render_tenfoldThroughputAndP99Within5ms_areMetWithRatios() {
    KafkaEngineRuns tideline = new KafkaEngineRuns("tideline", "dev", 0.01);
    tideline.throughput().add(new KafkaEngine.ThroughputRun(1.0, 0.5, 80, 1));
    tideline.throughput().add(new KafkaEngine.ThroughputRun(2.0, 0.6, 80, 1));
    tideline.latency().add(run(4.0, 40));
    KafkaEngineRuns spark = new KafkaEngineRuns("spark", "4.2.0", 5.0);
    spark.throughput().add(new KafkaEngine.ThroughputRun(10.0, 20.0, 80, 1));
    spark.throughput().add(new KafkaEngine.ThroughputRun(20.0, 30.0, 80, 1));
    spark.latency().add(run(1500.0, 12));

    String table = KafkaResultTable.render(List.of(tideline, spark), 1_000_000);

    assertThat(table)
        .contains(
            "| throughput, records/s | 1000000 / 750000 | 100000 / 75000 | 10.000× / 10.000× |"
                + " ≥ 5×, aim 10× | **met, aim met** |")
        .contains("| CPU s per million records | 0.50 / 0.55 | 20.00 / 25.00 |")
        .contains(
            "| latency p99, ms | 4.00 / 4.00 | 1500.00 / 1500.00 | 0.003× / 0.003× | ≤ 5 ms |"
                + " **met** |")
        .contains("| batches per latency run | 40 / 40 | 12 / 12 |")
        .contains("spark 4.2.0: session start 5.000 s");
  }

  @Test
  void render_belowFivefoldAndSlowP99_areNotMet() {
    KafkaEngineRuns tideline = new KafkaEngineRuns("tideline", "dev", 0.01);
    tideline.throughput().add(new KafkaEngine.ThroughputRun(1.0, 0.5, 80, 1));
    tideline.latency().add(run(9.0, 40));
    KafkaEngineRuns spark = new KafkaEngineRuns("spark", "4.2.0", 5.0);
    spark.throughput().add(new KafkaEngine.ThroughputRun(4.0, 8.0, 80, 1));

    String table = KafkaResultTable.render(List.of(tideline, spark), 1_000);

    assertThat(table).contains("| 4.000× / 4.000× | ≥ 5×, aim 10× | **not met** |");
    assertThat(table).contains("| latency p99, ms | 9.00 / 9.00 | – | – | ≤ 5 ms | **not met** |");
  }

  @Test
  void render_latencyOnly_leavesThroughputRowsOut() {
    KafkaEngineRuns tideline = new KafkaEngineRuns("tideline", "dev", 0.01);
    tideline.latency().add(run(2.0, 40));

    String table = KafkaResultTable.render(List.of(tideline), 1_000);

    assertThat(table).doesNotContain("throughput").contains("| latency p50, ms | 1.00 / 1.00 |");
  }

  private static KafkaEngineRuns.LatencyRun run(double p99Ms, long batches) {
    return new KafkaEngineRuns.LatencyRun(
        new LatencyStats(1000, p99Ms / 2, p99Ms * 0.9, p99Ms, p99Ms * 2, p99Ms * 3, p99Ms / 2),
        batches);
  }
}
