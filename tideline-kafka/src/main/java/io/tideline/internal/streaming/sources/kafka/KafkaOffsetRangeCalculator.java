package io.tideline.internal.streaming.sources.kafka;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Cuts a read's offset ranges into the ranges its tasks read, as Spark's {@code
 * KafkaOffsetRangeCalculator}: one task per Kafka partition with records, unless {@code
 * minPartitions} asks for more tasks than that, in which case large ranges are split in proportion
 * to their size so the task count comes close to {@code minPartitions} (a hint: rounding and empty
 * partitions make it a little more or less).
 */
final class KafkaOffsetRangeCalculator {

  private KafkaOffsetRangeCalculator() {}

  /**
   * The ranges to read: empty and backwards ranges dropped, then split as {@code minPartitions}
   * asks.
   */
  static List<KafkaRangeReader.Range> split(
      List<KafkaRangeReader.Range> ranges, OptionalInt minPartitions) {
    List<KafkaRangeReader.Range> nonEmpty = new ArrayList<>();
    for (KafkaRangeReader.Range r : ranges) {
      if (size(r) > 0) {
        nonEmpty.add(r);
      }
    }
    if (minPartitions.isEmpty() || nonEmpty.size() >= minPartitions.getAsInt()) {
      return nonEmpty;
    }
    int min = minPartitions.getAsInt();
    long total = 0;
    for (KafkaRangeReader.Range r : nonEmpty) {
      total += size(r);
    }
    // Ranges that get one part anyway stay out of the proportions of the ones that are split.
    Set<TopicPartition> unsplit = new HashSet<>();
    long unsplitTotal = 0;
    for (KafkaRangeReader.Range r : nonEmpty) {
      if (parts(size(r), total, min) == 1) {
        unsplit.add(r.partition());
        unsplitTotal += size(r);
      }
    }
    long splitTotal = total - unsplitTotal;
    int splitMin = Math.max(min - unsplit.size(), 1);
    List<KafkaRangeReader.Range> out = new ArrayList<>();
    for (KafkaRangeReader.Range r : nonEmpty) {
      int parts = unsplit.contains(r.partition()) ? 1 : parts(size(r), splitTotal, splitMin);
      long remaining = size(r);
      long from = r.from();
      for (int part = 0; part < parts; part++) {
        // The last part takes what integer division leaves over.
        long take = remaining / (parts - part);
        remaining -= take;
        long until = Math.min(from + take, r.until());
        if (until > from) {
          out.add(new KafkaRangeReader.Range(r.partition(), from, until));
        }
        from = until;
      }
    }
    return out;
  }

  private static long size(KafkaRangeReader.Range r) {
    return r.until() - r.from();
  }

  private static int parts(long size, long total, int minParts) {
    return (int) Math.max(Math.round((double) size / total * minParts), 1);
  }
}
