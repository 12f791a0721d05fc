package io.tideline.internal.streaming.sources.kafka;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a read starts or ends before it is resolved against the brokers, as Spark's {@code
 * KafkaOffsetRangeLimit}: {@code startingOffsets}/{@code endingOffsets}, {@code
 * startingOffsetsByTimestamp}/{@code endingOffsetsByTimestamp}, {@code startingTimestamp}/{@code
 * endingTimestamp}. A stream uses only the start, and only when its checkpoint is empty; restarts
 * resume from the checkpoint.
 */
sealed interface OffsetRangeLimit {

  /** In {@link Specific} offsets, Spark's marker for "the partition's earliest offset". */
  long EARLIEST = -2L;

  /** In {@link Specific} offsets, Spark's marker for "the partition's latest offset". */
  long LATEST = -1L;

  /** Each partition's earliest available offset (batch start default). */
  record Earliest() implements OffsetRangeLimit {}

  /** Each partition's end (streaming start and batch end default). */
  record Latest() implements OffsetRangeLimit {}

  /** Offsets per partition, with {@link #EARLIEST} and {@link #LATEST} allowed. */
  record Specific(Map<TopicPartition, Long> offsets) implements OffsetRangeLimit {
    public Specific {
      offsets = Map.copyOf(offsets);
    }
  }

  /**
   * A timestamp (epoch ms) per partition: the earliest offset whose record timestamp is at least
   * that; {@code onNoMatch} says what a start does when no record is that late (an end uses the
   * latest offset).
   */
  record SpecificTimestamps(Map<TopicPartition, Long> timestamps, TimestampStrategy onNoMatch)
      implements OffsetRangeLimit {
    public SpecificTimestamps {
      timestamps = Map.copyOf(timestamps);
    }
  }

  /** One timestamp (epoch ms) for every partition, resolved like {@link SpecificTimestamps}. */
  record GlobalTimestamp(long timestampMs, TimestampStrategy onNoMatch)
      implements OffsetRangeLimit {}

  /** Spark's {@code startingOffsetsByTimestampStrategy}: a start no record's timestamp reaches. */
  enum TimestampStrategy {
    /** Fail the query (the default). */
    ERROR,
    /** Start from the partition's latest offset. */
    LATEST
  }
}
