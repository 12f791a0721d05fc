package io.tideline.internal.streaming.sources.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.kafka.EmbeddedKafkaBroker;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryListener;
import io.tideline.streaming.Trigger;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kafka source's data watcher ({@link KafkaDataWatcher}) through a running query: with a
 * polling delay of ten minutes, an idle query only runs a batch for a new record because the
 * watcher woke it, so a prompt batch proves the wake.
 */
class KafkaIdleWakeIT {
  private static final String POLLING_DELAY_KEY = "tideline.sql.streaming.pollingDelay";

  /** Far below the polling delay: a batch this soon was woken, not polled. */
  private static final long WAKE_BOUND_SECONDS = 30;

  private static EmbeddedKafkaBroker broker;
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    broker = EmbeddedKafkaBroker.start();
    t = Tideline.builder().appName("kafka-idle-wake-it").getOrCreate();
    t.conf().set(POLLING_DELAY_KEY, "600000");
  }

  @AfterAll
  static void stop() {
    if (t != null) {
      t.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private StreamingQuery start(String topic, Trigger trigger, BlockingQueue<String> values) {
    return t.readStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", broker.bootstrapServers())
        .option("subscribe", topic)
        .option("startingOffsets", "earliest")
        .load()
        .selectExpr("CAST(value AS STRING)")
        .writeStream()
        .option("checkpointLocation", dir.resolve("cp-" + topic).toString())
        .trigger(trigger)
        .foreachBatch(
            (batch, id) -> {
              for (Row r : batch.collectAsList()) {
                values.add(r.getString(0));
              }
            })
        .start();
  }

  private static List<String> watcherThreads(String topic) {
    String name = "kafka data watcher for KafkaV2[Subscribe[" + topic + "]]";
    return Thread.getAllStackTraces().keySet().stream()
        .filter(th -> th.getName().equals(name) && th.isAlive())
        .map(Thread::getName)
        .toList();
  }

  @Test
  void idleQuery_isWokenByNewRecords_andByRecordsInPartitionsAddedLater() throws Exception {
    broker.createTopic("wake", 2);
    broker.produce("wake", null, "a", 0);
    BlockingQueue<String> values = new LinkedBlockingQueue<>();
    StreamingQuery q = start("wake", Trigger.ProcessingTime(0), values);
    try {
      q.processAllAvailable();
      assertThat(values.poll()).isEqualTo("a");
      // The last trigger found nothing new: the loop now waits out the polling delay, or a wake.
      broker.produce("wake", null, "b", 1);
      assertThat(values.poll(WAKE_BOUND_SECONDS, TimeUnit.SECONDS)).isEqualTo("b");

      broker.addPartitions("wake", 3);
      // A trigger after the new partition exists lists it, and the watcher's next idle phase
      // watches it too.
      q.processAllAvailable();
      broker.produce("wake", null, "c", 2);
      assertThat(values.poll(WAKE_BOUND_SECONDS, TimeUnit.SECONDS)).isEqualTo("c");
      assertThat(watcherThreads("wake")).hasSize(1);
    } finally {
      q.stop();
    }
    assertThat(q.exception()).isEmpty();
    assertThat(watcherThreads("wake")).isEmpty();
  }

  @Test
  void queryWithTriggerInterval_runsNoWatcher() throws Exception {
    broker.createTopic("interval", 1);
    CountDownLatch firstBatch = new CountDownLatch(1);
    StreamingQueryListener listener =
        new StreamingQueryListener() {
          @Override
          public void onQueryStarted(QueryStartedEvent event) {}

          @Override
          public void onQueryProgress(QueryProgressEvent event) {
            firstBatch.countDown();
          }

          @Override
          public void onQueryTerminated(QueryTerminatedEvent event) {}
        };
    t.streams().addListener(listener);
    StreamingQuery q =
        start("interval", Trigger.ProcessingTime(600_000), new LinkedBlockingQueue<>());
    try {
      // The first trigger's latestOffset found no record after the start (the empty batch 0 only
      // records the start): a loop that waited for data would now be watched.
      assertThat(firstBatch.await(WAKE_BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
      // A wake could not start a batch before the interval ends, so there is nothing to watch.
      assertThat(watcherThreads("interval")).isEmpty();
    } finally {
      q.stop();
      t.streams().removeListener(listener);
    }
  }
}
