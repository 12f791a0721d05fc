package io.tideline.internal.streaming.sources.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Spark's {@code KafkaOffsetRangeCalculatorSuite} cases, as ranges. */
class KafkaOffsetRangeCalculatorTest {
  private static final TopicPartition T1 = new TopicPartition("t1", 1);
  private static final TopicPartition T2 = new TopicPartition("t2", 1);
  private static final TopicPartition T3 = new TopicPartition("t3", 1);
  private static final OptionalLong NONE = OptionalLong.empty();

  private static KafkaRangeReader.Range r(TopicPartition tp, long from, long until) {
    return new KafkaRangeReader.Range(tp, from, until);
  }

  @Test
  void withoutMinPartitions_oneRangePerPartition_emptyOnesDropped() {
    assertThat(
            KafkaOffsetRangeCalculator.split(
                List.of(r(T1, 1, 2), r(T2, 5, 5), r(T3, 3, 1)), OptionalInt.empty(), NONE))
        .containsExactly(r(T1, 1, 2));
  }

  @Test
  void minPartitionsNotAboveThePartitionCount_keepsOneRangePerPartition() {
    assertThat(
            KafkaOffsetRangeCalculator.split(
                List.of(r(T1, 1, 2), r(T2, 1, 2)), OptionalInt.of(2), NONE))
        .containsExactly(r(T1, 1, 2), r(T2, 1, 2));
  }

  @Test
  void oneLargeRange_isSplitEvenly_theLastTakingTheRemainder() {
    assertThat(KafkaOffsetRangeCalculator.split(List.of(r(T1, 1, 5)), OptionalInt.of(3), NONE))
        .containsExactly(r(T1, 1, 2), r(T1, 2, 3), r(T1, 3, 5));
  }

  @Test
  void ranges_areSplitInProportionToTheirSize() {
    assertThat(
            KafkaOffsetRangeCalculator.split(
                List.of(r(T1, 1, 5), r(T2, 1, 21)), OptionalInt.of(3), NONE))
        .containsExactly(r(T1, 1, 5), r(T2, 1, 11), r(T2, 11, 21));
  }

  @Test
  void smallRanges_stayWhole_andDoNotSkewTheSplitOfLargeOnes() {
    assertThat(
            KafkaOffsetRangeCalculator.split(
                List.of(r(T1, 1, 2), r(T2, 1, 10_001), r(T3, 1, 2)), OptionalInt.of(4), NONE))
        .containsExactly(r(T1, 1, 2), r(T2, 1, 5_001), r(T2, 5_001, 10_001), r(T3, 1, 2));
  }

  @Test
  void maxRecordsPerPartition_cutsEveryLargerRange_afterTheMinPartitionsSplit() {
    List<KafkaRangeReader.Range> ranges = List.of(r(T1, 0, 10), r(T2, 0, 3));
    assertThat(KafkaOffsetRangeCalculator.split(ranges, OptionalInt.empty(), OptionalLong.of(4)))
        .containsExactly(r(T1, 0, 3), r(T1, 3, 6), r(T1, 6, 10), r(T2, 0, 3));
    assertThat(KafkaOffsetRangeCalculator.splits(ranges, OptionalInt.empty(), OptionalLong.of(4)))
        .isTrue();
    assertThat(KafkaOffsetRangeCalculator.splits(ranges, OptionalInt.of(2), OptionalLong.of(10)))
        .isFalse();
    assertThat(KafkaOffsetRangeCalculator.split(ranges, OptionalInt.of(4), OptionalLong.of(4)))
        .allSatisfy(r -> assertThat(r.until() - r.from()).isLessThanOrEqualTo(4));
  }

  @Test
  void forTaskRead_belowTheMinimum_isNoTasks() {
    assertThat(KafkaOffsetRangeCalculator.forTaskRead(List.of(r(T1, 0, 99), r(T2, 5, 5)), 100, 2))
        .isEmpty();
  }

  @Test
  void forTaskRead_cutsIntoTwoTasksPerCore_neverSmallerThanTheMinimum_inOffsetOrder() {
    // 4 000 offsets, 2 cores: at most 1 000 per task.
    assertThat(
            KafkaOffsetRangeCalculator.forTaskRead(
                List.of(r(T1, 0, 3_000), r(T2, 10, 1_010)), 100, 2))
        .containsExactly(
            r(T1, 0, 1_000), r(T1, 1_000, 2_000), r(T1, 2_000, 3_000), r(T2, 10, 1_010));
    // The minimum wins over the per-core share: 4 000 / 4 is below 2 500.
    assertThat(
            KafkaOffsetRangeCalculator.forTaskRead(
                List.of(r(T1, 0, 3_000), r(T2, 10, 1_010)), 2_500, 2))
        .containsExactly(r(T1, 0, 1_500), r(T1, 1_500, 3_000), r(T2, 10, 1_010));
  }
}
