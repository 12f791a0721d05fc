package io.tideline.internal.streaming.sources.kafka;

import io.tideline.internal.vector.Batch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Reads exactly the records of a batch's offset ranges, {@code [from, until)} per partition (the
 * source's {@code (start, end]} in Kafka's next-offset terms), as Spark's {@code
 * KafkaDataConsumer}: the consumer is assigned the partitions, seeks to each start, and polls until
 * each partition's position reaches its end. Positions rather than record offsets decide the end,
 * so gaps (compaction, transaction markers) never make it wait for records that will not come.
 *
 * <p>Records that are gone (retention, a recreated topic) surface as Kafka's {@link
 * OffsetOutOfRangeException} because the consumer runs with {@code auto.offset.reset=none}: with
 * {@code failOnDataLoss} the read fails naming the partition and offsets; without, it warns and
 * continues from the earliest offset still available, as Spark does.
 *
 * <p>Runs on the query's stream thread with the source's consumer, or on a batch read's task thread
 * with that task's own consumer.
 */
final class KafkaRangeReader {

  /** One partition's records to read: {@code [from, until)}. */
  record Range(TopicPartition partition, long from, long until) {}

  private static final Duration POLL = Duration.ofMillis(100);

  private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
  private final Function<Collection<TopicPartition>, Map<TopicPartition, Long>> earliest;
  private final long pollTimeoutMs;
  private final String source;
  private final String bootstrapServers;

  KafkaRangeReader(
      org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer,
      Function<Collection<TopicPartition>, Map<TopicPartition, Long>> earliest,
      long pollTimeoutMs,
      String source,
      String bootstrapServers) {
    this.consumer = consumer;
    this.earliest = earliest;
    this.pollTimeoutMs = pollTimeoutMs;
    this.source = source;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Reads {@code ranges} into {@code out}'s batches.
   *
   * @param dataLoss called with the failure when records are gone; throws it or logs it
   */
  List<Batch> read(
      List<Range> ranges, KafkaRecordBatchBuilder out, Consumer<RuntimeException> dataLoss) {
    Read read = open(ranges, dataLoss);
    while (read.pollInto(out)) {
      // Each poll appends what it fetched to out.
    }
    return out.finish();
  }

  /**
   * Starts reading {@code ranges}: assigns the partitions and seeks to each start. The caller then
   * calls {@link Read#pollInto} until it returns false, so it decides how much is read ahead.
   *
   * @param dataLoss called with the failure when records are gone; throws it or logs it
   */
  Read open(List<Range> ranges, Consumer<RuntimeException> dataLoss) {
    return new Read(ranges, dataLoss);
  }

  /**
   * One read of a set of ranges in progress, polled one fetch at a time. Not thread-safe: used by
   * the thread that owns the reader's consumer.
   */
  final class Read {
    private final Map<TopicPartition, Range> byPartition = new HashMap<>();
    private final Set<TopicPartition> remaining;
    private final Consumer<RuntimeException> dataLoss;
    private long deadline;

    private Read(List<Range> ranges, Consumer<RuntimeException> dataLoss) {
      this.dataLoss = dataLoss;
      for (Range r : ranges) {
        if (r.until() > r.from()) {
          byPartition.put(r.partition(), r);
        }
      }
      remaining = new HashSet<>(byPartition.keySet());
      if (remaining.isEmpty()) {
        return;
      }
      // Unassigning first drops any pause or position left by a read that failed half-way.
      consumer.assign(List.of());
      consumer.assign(new ArrayList<>(byPartition.keySet()));
      for (Range r : byPartition.values()) {
        consumer.seek(r.partition(), r.from());
      }
      deadline = System.nanoTime() + pollTimeoutMs * 1_000_000L;
    }

    /**
     * Polls once and appends the records of the ranges to {@code out}; returns false once every
     * range is read (the consumer is then unassigned), true while records remain.
     */
    boolean pollInto(KafkaRecordBatchBuilder out) {
      if (remaining.isEmpty()) {
        return false;
      }
      ConsumerRecords<byte[], byte[]> records;
      try {
        records = consumer.poll(POLL);
      } catch (OffsetOutOfRangeException e) {
        skipLost(e, byPartition, remaining, dataLoss);
        return finishIfDone();
      } catch (AuthenticationException e) {
        throw KafkaSourceErrors.authenticationFailed(source, bootstrapServers, e);
      }
      boolean progressed = !records.isEmpty();
      for (TopicPartition tp : records.partitions()) {
        Range r = byPartition.get(tp);
        if (r == null || !remaining.contains(tp)) {
          continue;
        }
        for (ConsumerRecord<byte[], byte[]> rec : records.records(tp)) {
          if (rec.offset() >= r.until()) {
            break;
          }
          out.add(rec);
        }
      }
      for (TopicPartition tp : List.copyOf(remaining)) {
        if (position(tp) >= byPartition.get(tp).until()) {
          remaining.remove(tp);
          consumer.pause(List.of(tp));
        }
      }
      if (progressed) {
        deadline = System.nanoTime() + pollTimeoutMs * 1_000_000L;
      } else if (System.nanoTime() > deadline && !remaining.isEmpty()) {
        TopicPartition tp = remaining.iterator().next();
        Range r = byPartition.get(tp);
        throw KafkaSourceErrors.readTimeout(
            tp, r.from(), r.until(), position(tp), pollTimeoutMs, bootstrapServers, source);
      }
      return finishIfDone();
    }

    private boolean finishIfDone() {
      if (!remaining.isEmpty()) {
        return true;
      }
      consumer.assign(List.of());
      return false;
    }
  }

  private long position(TopicPartition tp) {
    try {
      return consumer.position(tp, Duration.ofMillis(pollTimeoutMs));
    } catch (TimeoutException e) {
      return -1;
    }
  }

  /** Reports the lost records, then moves each affected partition to what is still there. */
  private void skipLost(
      OffsetOutOfRangeException e,
      Map<TopicPartition, Range> byPartition,
      Set<TopicPartition> remaining,
      Consumer<RuntimeException> dataLoss) {
    Map<TopicPartition, Long> available = earliest.apply(e.offsetOutOfRangePartitions().keySet());
    for (Map.Entry<TopicPartition, Long> lost : e.offsetOutOfRangePartitions().entrySet()) {
      TopicPartition tp = lost.getKey();
      Range r = byPartition.get(tp);
      if (r == null) {
        continue;
      }
      long first = available.getOrDefault(tp, r.until());
      dataLoss.accept(
          KafkaSourceErrors.couldNotReadOffsetRange(tp, lost.getValue(), r.until(), first, source));
      if (first >= r.until() || first < lost.getValue()) {
        remaining.remove(tp);
        consumer.pause(List.of(tp));
      } else {
        consumer.seek(tp, first);
      }
    }
  }
}
