package io.tideline.internal.streaming.sources.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer of its own that tells an idle query of new records at once, so the loop does not wait
 * out its polling delay: armed with the latest offsets the source saw when a trigger found nothing
 * new, it fetches from those offsets with the broker parking the fetch until a record arrives
 * (Kafka's {@code fetch.max.wait.ms}), then calls the wake once and disarms.
 *
 * <p>Protocol: the stream thread {@link #arm}s when {@code latestOffset} finds no new offsets and
 * {@link #disarm}s as soon as a batch is due, so the watcher reads nothing while batches run (a
 * fetch already parked on the broker when a batch starts may still return one record batch, which
 * is dropped). Each arm re-assigns the partitions listed by that trigger, so partitions added later
 * are watched from their next idle phase on. It fetches at most one record batch per wake ({@code
 * fetch.max.bytes=1}; the broker always returns the first batch).
 *
 * <p>Concurrency: the consumer is used only by the watcher's own thread, started on the first arm;
 * the stream thread only changes the armed offsets under this object's monitor and interrupts a
 * poll with {@link Consumer#wakeup()}, the one consumer method that is thread-safe. A wake that
 * comes late (the loop had already started its next trigger) costs one trigger and never changes a
 * batch, since the loop still plans every batch from {@code latestOffset}.
 *
 * <p>Failures (a broker away, a deleted topic, offsets gone) disarm the watcher without waking the
 * loop, which then polls every {@code pollingDelay} and meets the failure through its own reads; a
 * watcher must never fail or spin a query. Kafka's messages are logged at DEBUG, never the options.
 */
final class KafkaDataWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaDataWatcher.class);

  /** How long one poll may park; a disarm or close interrupts it earlier with a wakeup. */
  private static final Duration POLL = Duration.ofSeconds(5);

  private static final Duration JOIN = Duration.ofSeconds(10);

  private final Supplier<Consumer<byte[], byte[]>> consumerFactory;
  private final Runnable wake;
  private final String name;

  private Thread thread;
  private Consumer<byte[], byte[]> consumer;
  private Map<TopicPartition, Long> armed;
  private long generation;
  private boolean closed;

  KafkaDataWatcher(
      Supplier<Consumer<byte[], byte[]>> consumerFactory, Runnable wake, String description) {
    this.consumerFactory = consumerFactory;
    this.wake = wake;
    this.name = "kafka data watcher for " + description;
  }

  /**
   * Watches for records at or after {@code latest} (per partition, the next offset to arrive); on
   * the stream thread. The first arm makes the consumer and starts the thread.
   */
  void arm(Map<TopicPartition, Long> latest) {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (consumer == null) {
        try {
          consumer = consumerFactory.get();
        } catch (RuntimeException e) {
          // The source's own consumer was made from the same options, so this is unexpected; the
          // loop still polls, only sooner wakes are lost.
          LOG.warn("{} could not start and stays off: {}", name, e.toString());
          closed = true;
          return;
        }
      }
      armed = latest;
      generation++;
      if (thread == null) {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
      }
      notifyAll();
    }
  }

  /** Stops watching until the next {@link #arm}; on the stream thread, cheap when not armed. */
  void disarm() {
    Consumer<byte[], byte[]> c;
    synchronized (this) {
      if (armed == null) {
        return;
      }
      armed = null;
      generation++;
      c = consumer;
    }
    c.wakeup();
  }

  /** Whether the watcher's thread is running: for tests. */
  synchronized boolean running() {
    return thread != null && thread.isAlive();
  }

  /** Stops the thread and closes the consumer; waits for both. Idempotent. */
  @Override
  public void close() {
    Thread t;
    Consumer<byte[], byte[]> c;
    synchronized (this) {
      closed = true;
      armed = null;
      t = thread;
      c = consumer;
      notifyAll();
    }
    if (c == null) {
      return;
    }
    if (t == null) {
      c.close(CloseOptions.timeout(Duration.ZERO));
      return;
    }
    c.wakeup();
    boolean interrupted = false;
    long deadline = System.nanoTime() + JOIN.toNanos();
    while (t.isAlive()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        LOG.warn("{} did not stop within {}", name, JOIN);
        break;
      }
      try {
        t.join(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    long positioned = -1;
    try {
      while (true) {
        Map<TopicPartition, Long> target;
        long gen;
        synchronized (this) {
          while (!closed && armed == null) {
            wait();
          }
          if (closed) {
            return;
          }
          target = armed;
          gen = generation;
        }
        try {
          if (gen != positioned) {
            consumer.assign(target.keySet());
            target.forEach(consumer::seek);
            positioned = gen;
          }
          ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
          if (!records.isEmpty() && fired(gen)) {
            wake.run();
          }
        } catch (WakeupException e) {
          // A disarm, a re-arm or close: look at the armed offsets again.
        } catch (RuntimeException e) {
          LOG.debug("{} stops watching until the next idle trigger: {}", name, e.toString());
          giveUp(gen);
          positioned = -1;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      Thread.interrupted();
      consumer.close(CloseOptions.timeout(Duration.ZERO));
    }
  }

  /** Disarms if still armed as of {@code gen}; whether this caller should wake the loop. */
  private synchronized boolean fired(long gen) {
    if (generation != gen || armed == null) {
      return false;
    }
    armed = null;
    generation++;
    return true;
  }

  private synchronized void giveUp(long gen) {
    if (generation == gen) {
      armed = null;
      generation++;
    }
  }
}
