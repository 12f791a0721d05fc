package io.tideline.internal.streaming.sources.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Spark's split of maxOffsetsPerTrigger across partitions, on its worked examples. */
class KafkaOffsetLimitsTest {
  private static final TopicPartition P0 = new TopicPartition("t", 0);
  private static final TopicPartition P1 = new TopicPartition("t", 1);

  @Test
  void rateLimit_splitsProportionally_roundingSharesDown() {
    Map<TopicPartition, Long> end =
        KafkaOffsetLimits.rateLimit(10, Map.of(P0, 0L, P1, 0L), Map.of(), Map.of(P0, 30L, P1, 10L));
    assertThat(end).containsExactlyInAnyOrderEntriesOf(Map.of(P0, 7L, P1, 2L));

    Map<TopicPartition, Long> next =
        KafkaOffsetLimits.rateLimit(10, end, Map.of(), Map.of(P0, 30L, P1, 10L));
    assertThat(next).containsExactlyInAnyOrderEntriesOf(Map.of(P0, 14L, P1, 4L));
  }

  @Test
  void rateLimit_roundsASmallShareUp_soNoPartitionStarves() {
    Map<TopicPartition, Long> end =
        KafkaOffsetLimits.rateLimit(
            10, Map.of(P0, 0L, P1, 0L), Map.of(), Map.of(P0, 1000L, P1, 1L));
    assertThat(end).containsExactlyInAnyOrderEntriesOf(Map.of(P0, 9L, P1, 1L));
  }

  @Test
  void rateLimit_startsNewPartitionsAtTheirEarliestOffset_andNeverPassesLatest() {
    Map<TopicPartition, Long> end =
        KafkaOffsetLimits.rateLimit(100, Map.of(P0, 5L), Map.of(P1, 3L), Map.of(P0, 8L, P1, 13L));
    assertThat(end).containsExactlyInAnyOrderEntriesOf(Map.of(P0, 8L, P1, 13L));
  }

  @Test
  void rateLimit_withNothingWaiting_returnsLatest() {
    Map<TopicPartition, Long> end =
        KafkaOffsetLimits.rateLimit(10, Map.of(P0, 4L), Map.of(), Map.of(P0, 4L));
    assertThat(end).containsExactlyEntriesOf(Map.of(P0, 4L));
  }
}
