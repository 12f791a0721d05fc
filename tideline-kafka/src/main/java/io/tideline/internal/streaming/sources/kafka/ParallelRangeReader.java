package io.tideline.internal.streaming.sources.kafka;

import io.tideline.internal.vector.Batch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a large batch's partitions with several consumers at once: the ranges are split into groups
 * of about equal record counts, the first group is read on the calling (stream) thread with the
 * source's own reader, the others on reader threads with consumers of their own, and the batches
 * come back in group order.
 *
 * <p>Why: decoding records in the Kafka consumer is most of a large read's CPU, and one consumer
 * decodes on one thread, while the plan after it already runs on every core. Small batches (fewer
 * than {@code minRecordsToSplit} records, the low-latency case) stay on the stream thread with its
 * one warm consumer, with no hand-off between threads.
 *
 * <p>The extra consumers are made on first use and kept for the query's life; {@link #close()}
 * closes them. Not thread-safe: called from the stream thread only.
 */
final class ParallelRangeReader implements AutoCloseable {

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final KafkaRangeReader main;
  private final Supplier<org.apache.kafka.clients.consumer.Consumer<byte[], byte[]>> newConsumer;
  private final Function<
          org.apache.kafka.clients.consumer.Consumer<byte[], byte[]>, KafkaRangeReader>
      readerFor;
  private final int parallelism;
  private final long minRecordsToSplit;
  private final String source;
  private final List<org.apache.kafka.clients.consumer.Consumer<byte[], byte[]>> consumers =
      new ArrayList<>();
  private final List<KafkaRangeReader> extra = new ArrayList<>();
  private ExecutorService threads;

  /**
   * @param main the source's reader, used on the calling thread
   * @param newConsumer makes a consumer configured as the source's own
   * @param readerFor a reader over one of those consumers
   * @param parallelism how many consumers read at once, at most
   * @param minRecordsToSplit batches with fewer records are read by {@code main} alone
   */
  ParallelRangeReader(
      KafkaRangeReader main,
      Supplier<org.apache.kafka.clients.consumer.Consumer<byte[], byte[]>> newConsumer,
      Function<org.apache.kafka.clients.consumer.Consumer<byte[], byte[]>, KafkaRangeReader>
          readerFor,
      int parallelism,
      long minRecordsToSplit,
      String source) {
    this.main = main;
    this.newConsumer = newConsumer;
    this.readerFor = readerFor;
    this.parallelism = Math.max(1, parallelism);
    this.minRecordsToSplit = minRecordsToSplit;
    this.source = source;
  }

  /** Reads {@code ranges}, each group into a builder from {@code builders}. */
  List<Batch> read(
      List<KafkaRangeReader.Range> ranges,
      Supplier<KafkaRecordBatchBuilder> builders,
      Consumer<RuntimeException> dataLoss) {
    List<List<KafkaRangeReader.Range>> groups = groups(ranges, parallelism, minRecordsToSplit);
    if (groups.size() <= 1) {
      return main.read(ranges, builders.get(), dataLoss);
    }
    List<Future<List<Batch>>> others = new ArrayList<>();
    for (int g = 1; g < groups.size(); g++) {
      KafkaRangeReader reader = extraReader(g - 1);
      List<KafkaRangeReader.Range> group = groups.get(g);
      KafkaRecordBatchBuilder builder = builders.get();
      others.add(executor().submit(() -> reader.read(group, builder, dataLoss)));
    }
    List<Batch> batches = new ArrayList<>(main.read(groups.get(0), builders.get(), dataLoss));
    for (Future<List<Batch>> f : others) {
      batches.addAll(await(f));
    }
    return batches;
  }

  /**
   * Splits {@code ranges} into at most {@code parallelism} groups of about equal record counts
   * (largest range first into the lightest group), or one group when there are fewer than {@code
   * minRecords} records; empty ranges are dropped.
   */
  static List<List<KafkaRangeReader.Range>> groups(
      List<KafkaRangeReader.Range> ranges, int parallelism, long minRecords) {
    List<KafkaRangeReader.Range> nonEmpty = new ArrayList<>();
    long total = 0;
    for (KafkaRangeReader.Range r : ranges) {
      if (r.until() > r.from()) {
        nonEmpty.add(r);
        total += r.until() - r.from();
      }
    }
    int n = (int) Math.min(parallelism, nonEmpty.size());
    if (n <= 1 || total < minRecords) {
      return List.of(nonEmpty);
    }
    nonEmpty.sort(
        Comparator.comparingLong((KafkaRangeReader.Range r) -> r.until() - r.from()).reversed());
    List<List<KafkaRangeReader.Range>> groups = new ArrayList<>();
    long[] load = new long[n];
    for (int i = 0; i < n; i++) {
      groups.add(new ArrayList<>());
    }
    for (KafkaRangeReader.Range r : nonEmpty) {
      int lightest = 0;
      for (int i = 1; i < n; i++) {
        if (load[i] < load[lightest]) {
          lightest = i;
        }
      }
      groups.get(lightest).add(r);
      load[lightest] += r.until() - r.from();
    }
    return groups;
  }

  private KafkaRangeReader extraReader(int i) {
    while (extra.size() <= i) {
      org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> c = newConsumer.get();
      consumers.add(c);
      extra.add(readerFor.apply(c));
    }
    return extra.get(i);
  }

  private ExecutorService executor() {
    if (threads == null) {
      AtomicInteger n = new AtomicInteger();
      threads =
          Executors.newFixedThreadPool(
              parallelism - 1,
              r -> {
                Thread t = new Thread(r, "kafka-reader-" + n.incrementAndGet() + " " + source);
                t.setDaemon(true);
                return t;
              });
    }
    return threads;
  }

  private static List<Batch> await(Future<List<Batch>> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("Bug in Tideline: a Kafka read failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading Kafka records", e);
    }
  }

  /** Stops the reader threads and closes the extra consumers (not the main reader's). */
  @Override
  public void close() {
    if (threads != null) {
      threads.shutdownNow();
    }
    for (org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> c : consumers) {
      c.close(CLOSE_TIMEOUT);
    }
    consumers.clear();
    extra.clear();
  }
}
