package io.tideline.internal.streaming.sources.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Spark's split of {@code maxOffsetsPerTrigger} across partitions ({@code
 * KafkaMicroBatchStream.rateLimit}): each partition with records waiting gets a share proportional
 * to how many it has waiting, rounded down when at least one and up when less, so a batch may admit
 * slightly more or fewer than the limit and a partition with a few records is never starved.
 */
final class KafkaOffsetLimits {

  private KafkaOffsetLimits() {}

  /**
   * The end offsets of a batch admitting about {@code limit} records.
   *
   * @param from where each known partition's batch starts
   * @param fromNew where partitions not in {@code from} start (their earliest offset)
   * @param until the latest offset of each partition
   */
  static Map<TopicPartition, Long> rateLimit(
      long limit,
      Map<TopicPartition, Long> from,
      Map<TopicPartition, Long> fromNew,
      Map<TopicPartition, Long> until) {
    Map<TopicPartition, Long> sizes = new HashMap<>();
    double total = 0;
    for (Map.Entry<TopicPartition, Long> e : until.entrySet()) {
      Long begin = begin(e.getKey(), from, fromNew);
      if (begin != null && e.getValue() - begin > 0) {
        long size = e.getValue() - begin;
        sizes.put(e.getKey(), size);
        total += size;
      }
    }
    if (total < 1) {
      return until;
    }
    Map<TopicPartition, Long> out = new HashMap<>();
    for (Map.Entry<TopicPartition, Long> e : until.entrySet()) {
      Long size = sizes.get(e.getKey());
      if (size == null) {
        out.put(e.getKey(), e.getValue());
        continue;
      }
      long begin = begin(e.getKey(), from, fromNew);
      double share = limit * (size / total);
      long take = (long) (share < 1 ? Math.ceil(share) : Math.floor(share));
      out.put(e.getKey(), Math.min(e.getValue(), begin + take));
    }
    return out;
  }

  private static Long begin(
      TopicPartition tp, Map<TopicPartition, Long> from, Map<TopicPartition, Long> fromNew) {
    Long b = from.get(tp);
    return b != null ? b : fromNew.get(tp);
  }
}
