package io.tideline.examples.orders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes the demo's {@link Orders} to a Kafka topic: a given number at once, or a steady rate on a
 * thread of its own until stopped.
 *
 * <p>It continues where earlier runs stopped: the next order number is the number of records the
 * topic holds (the demo's producer is idempotent and the only writer, so each order is one record
 * and offsets count them). A second run therefore makes new order ids, never the old ones again.
 *
 * <p>Thread-safety: {@link #produce(long)} and {@link #start} are for one caller thread; {@link
 * #stop()} and {@link #produced()} may be called from any thread.
 */
public final class OrderGenerator implements AutoCloseable {

  private final Orders orders;
  private final String topic;
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicLong next;
  private final long first;
  private final AtomicReference<Exception> sendError = new AtomicReference<>();
  private volatile boolean stopping;
  private Thread thread;

  private OrderGenerator(Orders orders, String topic, Properties client, long next) {
    this.orders = orders;
    this.topic = topic;
    this.first = next;
    this.next = new AtomicLong(next);
    Properties p = new Properties();
    p.putAll(client);
    p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * A generator writing to {@code topic} through a client with {@code client} settings, continuing
   * after the records the topic already holds.
   */
  public static OrderGenerator resume(Orders orders, String topic, Properties client) {
    return new OrderGenerator(orders, topic, client, recordsIn(topic, client));
  }

  /** The number of records {@code topic} holds: the sum of its partitions' end offsets. */
  static long recordsIn(String topic, Properties client) {
    try (Admin admin = Admin.create(client)) {
      TopicDescription d =
          admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
      Map<TopicPartition, OffsetSpec> latest =
          d.partitions().stream()
              .collect(
                  java.util.stream.Collectors.toMap(
                      p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
      long total = 0;
      for (ListOffsetsResultInfo info :
          admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values()) {
        total += info.offset();
      }
      return total;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DemoErrors.kafkaFailed("read the end offsets of", topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw DemoErrors.kafkaFailed("read the end offsets of", topic, e);
    }
  }

  /** The number of the next order this generator writes. */
  public long nextSequence() {
    return next.get();
  }

  /** How many orders this generator has handed to Kafka. */
  public long produced() {
    return next.get() - first;
  }

  /** Writes the next {@code n} orders and returns once Kafka has acknowledged all of them. */
  public void produce(long n) {
    for (long i = 0; i < n; i++) {
      send();
    }
    producer.flush();
    throwSendError();
  }

  /**
   * Starts writing {@code perSecond} orders a second on a thread of its own, spread evenly over
   * each second, until {@link #stop()} or until {@code limit} orders are written.
   */
  public synchronized void start(int perSecond, OptionalLong limit) {
    if (thread != null) {
      throw new IllegalStateException("The order generator is already running");
    }
    thread = new Thread(() -> runAtRate(perSecond, limit), "order-generator");
    thread.setDaemon(true);
    thread.start();
  }

  private void runAtRate(int perSecond, OptionalLong limit) {
    long startNanos = System.nanoTime();
    long max = limit.orElse(Long.MAX_VALUE);
    while (!stopping && produced() < max && sendError.get() == null) {
      long due = (System.nanoTime() - startNanos) / 1_000_000 * perSecond / 1000;
      while (produced() < Math.min(due, max) && !stopping) {
        send();
      }
      try {
        // Pacing, not synchronisation: a tick of 10 ms spreads each second's orders evenly.
        Thread.sleep(10);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void send() {
    Orders.Order o = orders.order(next.getAndIncrement());
    producer.send(
        new ProducerRecord<>(
            topic,
            o.key().getBytes(StandardCharsets.UTF_8),
            o.value().getBytes(StandardCharsets.UTF_8)),
        (meta, e) -> {
          if (e != null) {
            sendError.compareAndSet(null, e);
          }
        });
  }

  /**
   * Stops the generator thread, if any, and waits until Kafka has acknowledged every order sent.
   * Idempotent.
   *
   * @throws io.tideline.internal.errors.TidelineException {@code DEMO_KAFKA_FAILED} if Kafka
   *     refused an order
   */
  public void stop() {
    stopping = true;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      try {
        t.join(Duration.ofSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    producer.flush();
    throwSendError();
  }

  private void throwSendError() {
    Exception e = sendError.get();
    if (e != null) {
      throw DemoErrors.kafkaFailed("write orders to", topic, e);
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } finally {
      producer.close(Duration.ofSeconds(10));
    }
  }
}
