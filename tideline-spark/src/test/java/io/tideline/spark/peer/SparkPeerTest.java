package io.tideline.spark.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer's command line, checked without starting Spark. */
class SparkPeerTest {
  @TempDir Path tmp;

  @Test
  void run_unknownWorkload_failsWithUsage() {
    assertThatThrownBy(() -> SparkPeer.run(new String[] {"nope", "x"}))
        .isInstanceOfSatisfying(
            PeerException.class,
            e -> assertThat(e.condition()).isEqualTo(PeerErrorCondition.PEER_USAGE))
        .hasMessageContaining("Unknown workload 'nope'")
        .hasMessageContaining("Usage: SparkPeer");
  }

  @Test
  void run_badOptions_failBeforeSparkStarts() {
    assertThatThrownBy(() -> SparkPeer.run(new String[] {"json-orders-agg", "dir", "--runs", "0"}))
        .hasMessageContaining("--runs must be at least 1");
    assertThatThrownBy(
            () -> SparkPeer.run(new String[] {"json-orders-agg", "dir", "--runs", "three"}))
        .hasMessageContaining("--runs takes a whole number");
    assertThatThrownBy(
            () -> SparkPeer.run(new String[] {"json-orders-agg", "dir", "--output", "x"}))
        .hasMessageContaining("Unknown option '--output'");
    assertThatThrownBy(() -> SparkPeer.run(new String[] {"json-orders-agg", "dir", "--runs"}))
        .hasMessageContaining("Expected '--option value' pairs");
  }

  @Test
  void arguments_confOptions_collectsEveryPairInOrder_laterWins() {
    SparkPeer.Arguments a =
        SparkPeer.Arguments.parse(
            new String[] {
              "json-orders-agg",
              "dir",
              "--conf",
              "a=1",
              "--runs",
              "2",
              "--conf",
              "b=x=y",
              "--conf",
              "a=3"
            });

    assertThat(a.confOptions()).containsExactly(entry("a", "3"), entry("b", "x=y"));
    assertThat(a.option("--runs")).contains("2");
  }

  @Test
  void arguments_confWithoutEquals_failsWithUsage() {
    SparkPeer.Arguments a =
        SparkPeer.Arguments.parse(new String[] {"json-orders-agg", "dir", "--conf", "novalue"});

    assertThatThrownBy(a::confOptions).hasMessageContaining("--conf takes key=value");
  }

  @Test
  void run_missingSpecFile_failsWithInputNotFound() {
    Path missing = tmp.resolve("missing.json");

    assertThatThrownBy(() -> SparkPeer.run(new String[] {"sql-oracle", missing.toString()}))
        .isInstanceOfSatisfying(
            PeerException.class,
            e -> assertThat(e.condition()).isEqualTo(PeerErrorCondition.PEER_INPUT_NOT_FOUND))
        .hasMessageContaining(missing.toString());
  }

  @Test
  void median_oddAndEvenCounts() {
    assertThat(JsonOrdersAggregation.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(JsonOrdersAggregation.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
  }
}
