package io.tideline.internal.streaming.sources.kafka;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a query with an empty checkpoint starts, Spark's {@code KafkaOffsetRangeLimit}: the {@code
 * startingOffsets} option. Restarts ignore it: they resume from the checkpoint.
 */
sealed interface StartingOffsets {

  /** In {@link Specific} offsets, Spark's marker for "the partition's earliest offset". */
  long EARLIEST = -2L;

  /** In {@link Specific} offsets, Spark's marker for "the partition's latest offset". */
  long LATEST = -1L;

  /** Each partition's earliest available offset. */
  record Earliest() implements StartingOffsets {}

  /** Each partition's end: only records written after the start are read (streaming default). */
  record Latest() implements StartingOffsets {}

  /** Offsets per partition, with {@link #EARLIEST} and {@link #LATEST} allowed. */
  record Specific(Map<TopicPartition, Long> offsets) implements StartingOffsets {
    public Specific {
      offsets = Map.copyOf(offsets);
    }
  }
}
