package io.tideline.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.TidelineException;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaBenchSettingsTest {

  @Test
  void parse_noOptions_givesTheIssuesSizes() {
    KafkaBenchSettings s = KafkaBenchSettings.parse(new String[0]);

    assertThat(s.records()).isEqualTo(5_000_000);
    assertThat(s.partitions()).isEqualTo(4);
    assertThat(s.rate()).isEqualTo(10_000);
    assertThat(s.runs()).isEqualTo(3);
    assertThat(s.maxOffsetsPerTrigger()).isZero();
    assertThat(s.tidelineSink()).isEqualTo(PassThroughSink.KAFKA);
    assertThat(s.engines()).containsExactly("tideline", "spark");
    assertThat(s.workloads()).containsExactly("throughput", "latency");
  }

  @Test
  void parse_small_shrinksEverySizeButLaterOptionsStillWin() {
    KafkaBenchSettings s =
        KafkaBenchSettings.parse(new String[] {"--small", "--records", "1_000", "--rate", "500"});

    assertThat(s.records()).isEqualTo(1_000);
    assertThat(s.warmupRecords()).isEqualTo(1_000);
    assertThat(s.runs()).isEqualTo(1);
    assertThat(s.latencySeconds()).isEqualTo(5);
    assertThat(s.rate()).isEqualTo(500);
  }

  @Test
  void parse_enginesWorkloadsAndSink_areTakenInOrder() {
    KafkaBenchSettings s =
        KafkaBenchSettings.parse(
            new String[] {
              "--engines", "spark,tideline", "--workloads", "latency", "--tideline-sink", "producer"
            });

    assertThat(s.engines()).isEqualTo(List.of("spark", "tideline"));
    assertThat(s.workloads()).isEqualTo(List.of("latency"));
    assertThat(s.tidelineSink()).isEqualTo(PassThroughSink.PRODUCER);
  }

  @Test
  void parse_badInput_isAUsageErrorNamingTheProblem() {
    assertUsage(new String[] {"--recods", "5"}, "Unknown option '--recods'");
    assertUsage(new String[] {"--records"}, "--records needs a value");
    assertUsage(new String[] {"--records", "many"}, "--records takes a whole number, got 'many'");
    assertUsage(new String[] {"--partitions", "0"}, "--partitions must be at least 1, got 0");
    assertUsage(new String[] {"--engines", "flink"}, "Unknown engine 'flink'");
    assertUsage(new String[] {"--workloads", "joins"}, "Unknown workload 'joins'");
    assertUsage(new String[] {"--tideline-sink", "file"}, "Unknown --tideline-sink 'file'");
  }

  private static void assertUsage(String[] args, String message) {
    assertThatThrownBy(() -> KafkaBenchSettings.parse(args))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("KAFKA_BENCH_USAGE"))
        .hasMessageContaining(message)
        .hasMessageContaining("Usage: run-kafka.sh");
  }
}
