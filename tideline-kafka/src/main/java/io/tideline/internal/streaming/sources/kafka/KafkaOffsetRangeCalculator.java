package io.tideline.internal.streaming.sources.kafka;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Cuts a read's offset ranges into the ranges its tasks read, as Spark's {@code
 * KafkaOffsetRangeCalculator}: one task per Kafka partition with records, unless {@code
 * minPartitions} asks for more tasks than that, in which case large ranges are split in proportion
 * to their size so the task count comes close to {@code minPartitions} (a hint: rounding and empty
 * partitions make it a little more or less). Then, with {@code maxRecordsPerPartition}, any range
 * still larger is cut into equal parts of at most that many offsets.
 */
final class KafkaOffsetRangeCalculator {

  private KafkaOffsetRangeCalculator() {}

  /**
   * The ranges to read: empty and backwards ranges dropped, then split as {@code minPartitions}
   * asks, then cut so none holds more than {@code maxRecords} offsets.
   */
  static List<KafkaRangeReader.Range> split(
      List<KafkaRangeReader.Range> ranges, OptionalInt minPartitions, OptionalLong maxRecords) {
    List<KafkaRangeReader.Range> byMin = split(ranges, minPartitions);
    if (maxRecords.isEmpty()) {
      return byMin;
    }
    long max = maxRecords.getAsLong();
    List<KafkaRangeReader.Range> out = new ArrayList<>();
    for (KafkaRangeReader.Range r : byMin) {
      long parts = (size(r) + max - 1) / max;
      cut(r, parts, out);
    }
    return out;
  }

  /**
   * The ranges of a large stream batch read by lazy tasks (Tideline's, not Spark's): none when the
   * batch holds fewer than {@code minOffsets} offsets (the source reads it in {@code getBatch});
   * else each range cut into consecutive parts of at most max({@code minOffsets}, offsets / (2
   * &times; {@code parallelism})) offsets. Two tasks per core, so a slow partition's task does not
   * leave a core idle at the end; never smaller than {@code minOffsets}, so each task's new
   * consumer reads enough to pay for itself.
   */
  static List<KafkaRangeReader.Range> forTaskRead(
      List<KafkaRangeReader.Range> ranges, long minOffsets, int parallelism) {
    long offsets = 0;
    for (KafkaRangeReader.Range r : ranges) {
      offsets += Math.max(0, size(r));
    }
    if (offsets < minOffsets) {
      return List.of();
    }
    long perCore = 2L * Math.max(1, parallelism);
    long perTask = Math.max(minOffsets, (offsets + perCore - 1) / perCore);
    return split(ranges, OptionalInt.empty(), OptionalLong.of(perTask));
  }

  /** Whether {@link #split} would give more than one range per partition. */
  static boolean splits(
      List<KafkaRangeReader.Range> ranges, OptionalInt minPartitions, OptionalLong maxRecords) {
    long nonEmpty = ranges.stream().filter(r -> size(r) > 0).count();
    if (minPartitions.isPresent() && minPartitions.getAsInt() > nonEmpty) {
      return true;
    }
    return maxRecords.isPresent()
        && ranges.stream().anyMatch(r -> size(r) > maxRecords.getAsLong());
  }

  private static List<KafkaRangeReader.Range> split(
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
      cut(r, parts, out);
    }
    return out;
  }

  /** Cuts {@code r} into {@code parts} ranges; the last takes what integer division leaves. */
  private static void cut(KafkaRangeReader.Range r, long parts, List<KafkaRangeReader.Range> out) {
    long remaining = size(r);
    long from = r.from();
    for (long part = 0; part < parts; part++) {
      long take = remaining / (parts - part);
      remaining -= take;
      long until = Math.min(from + take, r.until());
      if (until > from) {
        out.add(new KafkaRangeReader.Range(r.partition(), from, until));
      }
      from = until;
    }
  }

  private static long size(KafkaRangeReader.Range r) {
    return r.until() - r.from();
  }

  private static int parts(long size, long total, int minParts) {
    return (int) Math.max(Math.round((double) size / total * minParts), 1);
  }
}
