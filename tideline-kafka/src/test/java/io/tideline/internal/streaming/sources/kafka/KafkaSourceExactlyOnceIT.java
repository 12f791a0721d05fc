package io.tideline.internal.streaming.sources.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.internal.streaming.exec.LoopHooks;
import io.tideline.internal.streaming.exec.LoopPoint;
import io.tideline.kafka.EmbeddedKafkaBroker;
import io.tideline.streaming.DataStreamWriter;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.streaming.Trigger;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exactly-once from Kafka into a file sink and a memory sink: the query crashes at each point of
 * batch 1 between {@code offsets/1} and {@code commits/1}, restarts on its checkpoint while new
 * records arrive, and the sink holds every record once — none lost, none twice.
 */
class KafkaSourceExactlyOnceIT {
  private static EmbeddedKafkaBroker broker;
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    broker = EmbeddedKafkaBroker.start();
    t = Tideline.builder().appName("kafka-exactly-once-it").getOrCreate();
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

  @ParameterizedTest
  @EnumSource(LoopPoint.class)
  void fileSink_crashInBatchOne_restart_holdsEveryRecordOnce(LoopPoint point) throws Exception {
    String topic = "eo-file-" + point.name().toLowerCase();
    Path out = dir.resolve("out");
    runCrashThenRestart(topic, point, q -> q.format("json").option("path", out.toString()));

    List<String> values =
        t.read().schema("value STRING").json(out.toString()).collectAsList().stream()
            .map(r -> r.getString(0))
            .toList();
    assertThat(values).containsExactlyInAnyOrderElementsOf(expected(topic));
  }

  @ParameterizedTest
  @EnumSource(LoopPoint.class)
  void memorySink_crashInBatchOne_restart_holdsEveryRecordOnce(LoopPoint point) throws Exception {
    String topic = "eo-mem-" + point.name().toLowerCase();
    runCrashThenRestart(topic, point, q -> q.format("memory").queryName(topic.replace('-', '_')));

    List<String> values =
        t.table(topic.replace('-', '_')).collectAsList().stream().map(r -> r.getString(0)).toList();
    assertThat(values).containsExactlyInAnyOrderElementsOf(expected(topic));
  }

  private void runCrashThenRestart(
      String topic, LoopPoint point, java.util.function.UnaryOperator<DataStreamWriter> sink)
      throws Exception {
    broker.createTopic(topic, 2);
    produce(topic, 0, 12);
    Path checkpoint = dir.resolve("checkpoint");
    DataFrame values =
        t.readStream()
            .format("kafka")
            .option("kafka.bootstrap.servers", broker.bootstrapServers())
            .option("subscribe", topic)
            .option("startingOffsets", "earliest")
            .option("maxOffsetsPerTrigger", "4")
            .load()
            .selectExpr("CAST(value AS STRING) AS value");

    StreamingQuery first =
        sink.apply(values.writeStream())
            .option("checkpointLocation", checkpoint.toString())
            .trigger(Trigger.AvailableNow())
            .loopHooks(crashOnce(point, 1))
            .start();
    assertThatThrownBy(first::awaitTermination)
        .isInstanceOf(StreamingQueryException.class)
        .hasCauseInstanceOf(LoopHooks.SimulatedCrash.class);

    produce(topic, 12, 16);
    StreamingQuery second =
        sink.apply(values.writeStream())
            .option("checkpointLocation", checkpoint.toString())
            .trigger(Trigger.AvailableNow())
            .start();
    second.awaitTermination();
    assertThat(second.exception()).isEmpty();
  }

  private static List<String> expected(String topic) {
    return IntStream.range(0, 16).mapToObj(i -> topic + "-" + i).toList();
  }

  /** Records {@code from} until {@code to}, alternating between the topic's two partitions. */
  private static void produce(String topic, int from, int to) {
    for (int i = from; i < to; i++) {
      broker.produce(topic, null, topic + "-" + i, i % 2);
    }
  }

  private static LoopHooks crashOnce(LoopPoint at, long batch) {
    AtomicBoolean crashed = new AtomicBoolean();
    return (point, batchId) -> {
      if (point == at && batchId == batch && crashed.compareAndSet(false, true)) {
        throw new LoopHooks.SimulatedCrash(point, batchId);
      }
    };
  }
}
