package io.tideline.internal.streaming.sources.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.errors.TidelineException;
import io.tideline.kafka.EmbeddedKafkaBroker;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.Trigger;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker that goes away mid-stream: the query fails with an error naming the brokers after its
 * bounded wait, and once the broker is back a restart from the checkpoint loses nothing. Its own
 * broker, because it stops it.
 */
class KafkaBrokerRestartIT {
  private static EmbeddedKafkaBroker broker;
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    broker = EmbeddedKafkaBroker.start();
    t = Tideline.builder().appName("kafka-broker-restart-it").getOrCreate();
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

  private StreamingQuery run(DataFrame df, Path cp, List<String> out) {
    return df.writeStream()
        .option("checkpointLocation", cp.toString())
        .trigger(Trigger.AvailableNow())
        .foreachBatch(
            (batch, id) -> {
              for (Row r : batch.collectAsList()) {
                out.add(r.getString(0));
              }
            })
        .start();
  }

  @Test
  void brokerDown_failsTheQueryClearly_andARestartAfterItReturnsLosesNothing() throws Exception {
    broker.createTopic("bounce", 2);
    for (int i = 0; i < 6; i++) {
      broker.produce("bounce", null, "bounce-" + i, i % 2);
    }
    Path cp = dir.resolve("cp");
    List<String> seen = new CopyOnWriteArrayList<>();
    DataFrame df =
        t.readStream()
            .format("kafka")
            .option("kafka.bootstrap.servers", broker.bootstrapServers())
            .option("kafka.default.api.timeout.ms", "1500")
            .option("subscribe", "bounce")
            .option("startingOffsets", "earliest")
            .load()
            .selectExpr("CAST(value AS STRING)");
    StreamingQuery first = run(df, cp, seen);
    first.awaitTermination();
    assertThat(first.exception()).isEmpty();

    broker.stop();
    StreamingQuery down = run(df, cp, seen);
    try {
      down.awaitTermination();
    } catch (Exception expected) {
      // Asserted through exception() below.
    }
    Throwable cause = down.exception().orElseThrow().getCause();
    assertThat(cause).isInstanceOf(TidelineException.class);
    assertThat(((TidelineException) cause).getCondition()).isEqualTo("KAFKA_OFFSET_FETCH_FAILED");
    assertThat(cause.getMessage()).contains(broker.bootstrapServers());

    broker.restart();
    for (int i = 6; i < 10; i++) {
      broker.produce("bounce", null, "bounce-" + i, i % 2);
    }
    StreamingQuery again = run(df, cp, seen);
    again.awaitTermination();
    assertThat(again.exception()).isEmpty();
    assertThat(seen)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, 10).mapToObj(i -> "bounce-" + i).toList());
  }
}
