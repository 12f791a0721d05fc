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
 * Both engines through the whole harness on tiny inputs: Spark's own Kafka source and sink in the
 * peer JVM ({@code streaming-serve}'s Kafka commands) against the harness's broker. Only with
 * {@code -Pspark-it}; needs tideline-spark compiled (its {@code target/classpath.txt}).
 */
class KafkaBenchmarkSparkIT {
  @TempDir Path work;

  @Test
  void bothEngines_tinyInputs_agreeOnTheCountAndDeliverEveryRecord() {
    KafkaBenchSettings settings =
        KafkaBenchSettings.parse(
            new String[] {
              "--records", "2000",
              "--warmup-records", "0",
              "--partitions", "2",
              "--runs", "1",
              "--rate", "500",
              "--latency-warmup-seconds", "5",
              "--latency-seconds", "1",
              "--latency-runs", "1"
            });
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    List<KafkaEngineRuns> runs =
        KafkaBenchmark.run(
            settings,
            new PrintStream(printed, true, StandardCharsets.UTF_8),
            work,
            name ->
                name.equals("spark")
                    ? SparkKafkaEngine.start(work)
                    : TidelineKafkaEngine.start(work, settings.tidelineSink()));

    assertThat(runs).extracting(KafkaEngineRuns::engine).containsExactly("tideline", "spark");
    for (KafkaEngineRuns r : runs) {
      assertThat(r.throughput().get(0).rows()).isEqualTo(OrdersTopic.over100(2000));
      assertThat(r.latency().get(0).stats().records()).isEqualTo(500);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("| throughput, records/s |")
        .contains("spark 4.2.0: session start");
  }
}
