package io.tideline.bench.kafka;

import io.tideline.bench.DataGen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Measures a pass-through query from outside: writes orders into its input topic at a steady rate
 * and reads its output topic, timing each record from just before {@code send()} to the return of
 * the {@code poll()} that delivered it.
 *
 * <p>The send time travels in the record's key (8 bytes, {@link System#nanoTime()}), which the
 * query copies unchanged; producer and consumer live in this JVM, so both ends read one clock.
 * Records sent during the first {@code warmupSeconds} are delivered but not counted, so the query's
 * start (Spark's first batch takes seconds) does not weigh on the figures.
 *
 * <p>Producer settings are those of a latency-minded client: {@code linger.ms=0} (Kafka 4's default
 * is 5 ms), {@code acks=1}. The consumer polls in its own thread.
 */
final class LatencyProbe {
  private static final int DISTINCT_VALUES = 10_000;

  private final String bootstrapServers;
  private final int rate;
  private final int warmupSeconds;
  private final int measureSeconds;
  private final long drainSeconds;

  LatencyProbe(
      String bootstrapServers, int rate, int warmupSeconds, int measureSeconds, long drainSeconds) {
    this.bootstrapServers = bootstrapServers;
    this.rate = rate;
    this.warmupSeconds = warmupSeconds;
    this.measureSeconds = measureSeconds;
    this.drainSeconds = drainSeconds;
  }

  /**
   * Produces {@code rate × (warmupSeconds + measureSeconds)} records into {@code inputTopic}, then
   * waits until every one has come out of {@code outputTopic} (at most {@code drainSeconds}).
   *
   * @throws io.tideline.internal.errors.TidelineException {@code KAFKA_BENCH_RECORDS_LOST} if some
   *     never came out
   */
  LatencyStats run(String engine, String inputTopic, String outputTopic, int partitions) {
    long total = (long) rate * (warmupSeconds + measureSeconds);
    int capacity = (int) Math.min(Integer.MAX_VALUE - 8, (long) rate * measureSeconds);
    List<byte[]> values = orderValues((int) Math.min(total, DISTINCT_VALUES));
    Collector collector = new Collector(outputTopic, partitions, capacity);
    Thread consumer = new Thread(collector, "latency-probe-consumer");
    consumer.setDaemon(true);
    consumer.start();
    try {
      collector.awaitAssigned();
      long t0 = System.nanoTime();
      collector.measureFrom = t0 + TimeUnit.SECONDS.toNanos(warmupSeconds);
      produce(inputTopic, partitions, total, values, t0);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
      while (collector.received.get() < total && System.nanoTime() < deadline) {
        collector.awaitMore(deadline);
      }
    } finally {
      collector.stop = true;
      try {
        consumer.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (collector.failure.get() != null) {
      throw new IllegalStateException(
          "The latency probe's consumer failed on topic " + outputTopic, collector.failure.get());
    }
    if (collector.received.get() < total) {
      throw KafkaBenchErrors.recordsLost(
          engine, outputTopic, collector.received.get(), total, drainSeconds);
    }
    return LatencyStats.of(collector.latencies, collector.measured);
  }

  /** Sends {@code total} records paced at {@code rate} per second from {@code t0}. */
  private void produce(String topic, int partitions, long total, List<byte[]> values, long t0) {
    Properties p = new Properties();
    p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "0");
    p.setProperty(ProducerConfig.ACKS_CONFIG, "1");
    AtomicReference<Exception> failure = new AtomicReference<>();
    double intervalNanos = 1e9 / rate;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (long i = 0; i < total; i++) {
        long due = t0 + (long) (i * intervalNanos);
        long now;
        // Pacing, not synchronisation: the probe must send at the stated rate.
        while ((now = System.nanoTime()) < due) {
          LockSupport.parkNanos(due - now);
        }
        byte[] key = ByteBuffer.allocate(Long.BYTES).putLong(System.nanoTime()).array();
        producer.send(
            new ProducerRecord<>(
                topic, (int) (i % partitions), key, values.get((int) (i % values.size()))),
            (meta, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException(
          "The latency probe could not write to " + topic, failure.get());
    }
  }

  private static List<byte[]> orderValues(int n) {
    List<byte[]> values = new ArrayList<>(n);
    try (OrdersTopic.LineSplitter lines =
        new OrdersTopic.LineSplitter((i, line) -> values.add(line))) {
      DataGen.writeLines(DataGen.DEFAULT_SEED, 0, n, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("Bug in Tideline: writing to memory failed", e);
    }
    return values;
  }

  /** Reads the output topic from its start and keeps the latencies of the measured records. */
  private final class Collector implements Runnable {
    final String topic;
    final int partitions;
    final long[] latencies;
    final AtomicLong received = new AtomicLong();
    final AtomicReference<Exception> failure = new AtomicReference<>();
    final CountDownLatch assigned = new CountDownLatch(1);
    final Object progress = new Object();
    volatile long measureFrom = Long.MAX_VALUE;
    volatile boolean stop;
    int measured;

    Collector(String topic, int partitions, int capacity) {
      this.topic = topic;
      this.partitions = partitions;
      this.latencies = new long[capacity];
    }

    @Override
    public void run() {
      Properties p = new Properties();
      p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      p.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      try (KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        List<TopicPartition> all = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
          all.add(new TopicPartition(topic, i));
        }
        consumer.assign(all);
        consumer.seekToBeginning(all);
        // Resolve the positions now, so the first measured records do not pay for it.
        for (TopicPartition tp : all) {
          consumer.position(tp);
        }
        assigned.countDown();
        while (!stop) {
          var records = consumer.poll(Duration.ofMillis(50));
          long now = System.nanoTime();
          long from = measureFrom;
          for (ConsumerRecord<byte[], byte[]> r : records) {
            long sent = ByteBuffer.wrap(r.key()).getLong();
            if (sent >= from && measured < latencies.length) {
              latencies[measured++] = now - sent;
            }
          }
          if (!records.isEmpty()) {
            received.addAndGet(records.count());
            synchronized (progress) {
              progress.notifyAll();
            }
          }
        }
      } catch (Exception e) {
        failure.set(e);
      } finally {
        assigned.countDown();
        synchronized (progress) {
          progress.notifyAll();
        }
      }
    }

    void awaitAssigned() {
      try {
        if (!assigned.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException(
              "The latency probe's consumer could not reach " + bootstrapServers + " in 60 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while starting the latency probe", e);
      }
    }

    void awaitMore(long deadlineNanos) {
      synchronized (progress) {
        long waitMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        if (waitMs > 0 && failure.get() == null) {
          try {
            progress.wait(Math.min(waitMs, 1000));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while draining the latency probe", e);
          }
        }
      }
    }
  }
}
