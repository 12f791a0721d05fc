package io.tideline.internal.streaming.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.connector.Sink;
import io.tideline.connector.SinkContext;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.streaming.sink.SinkProviders;
import io.tideline.streaming.OutputMode;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MemorySinkTest {
  private static final StructType SCHEMA = StructType.fromDDL("word STRING, n BIGINT");
  private static Tideline t;

  @BeforeAll
  static void start() {
    t = Tideline.builder().appName("memory-sink-test").getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static DataFrame rows(Row... rows) {
    return t.createDataFrame(List.of(rows), SCHEMA);
  }

  private static Sink sink(String name, OutputMode mode, UUID queryId) {
    return new MemorySinkProvider().createSink(SinkContexts.memory(t, SCHEMA, mode, name, queryId));
  }

  @Test
  void append_addsEachBatchsRows() {
    Sink sink = sink("mem_append", OutputMode.Append(), UUID.randomUUID());
    sink.addBatch(0, rows(Row.of("a", 1L), Row.of("b", 2L)));
    sink.addBatch(1, rows(Row.of("c", 3L)));

    assertThat(t.table("mem_append").collectAsList())
        .containsExactly(Row.of("a", 1L), Row.of("b", 2L), Row.of("c", 3L));
    assertThat(sink.lastBatchOutputRows()).isEqualTo(1);
    assertThat(sink.description()).isEqualTo("MemorySink");
  }

  @Test
  void complete_replacesAllRowsWithTheLastBatch() {
    Sink sink = sink("mem_complete", OutputMode.Complete(), UUID.randomUUID());
    sink.addBatch(0, rows(Row.of("a", 1L)));
    sink.addBatch(1, rows(Row.of("a", 2L), Row.of("b", 1L)));

    assertThat(t.table("mem_complete").collectAsList())
        .containsExactly(Row.of("a", 2L), Row.of("b", 1L));
  }

  @Test
  void update_addsTheChangedRowsOfEachBatch() {
    Sink sink = sink("mem_update", OutputMode.Update(), UUID.randomUUID());
    sink.addBatch(0, rows(Row.of("a", 1L)));
    sink.addBatch(1, rows(Row.of("a", 2L)));

    assertThat(t.table("mem_update").collectAsList())
        .containsExactly(Row.of("a", 1L), Row.of("a", 2L));
  }

  @Test
  void addBatch_redeliveredOrOlderBatchId_isIgnored() {
    Sink sink = sink("mem_redeliver", OutputMode.Append(), UUID.randomUUID());
    sink.addBatch(0, rows(Row.of("a", 1L)));
    sink.addBatch(1, rows(Row.of("b", 2L)));
    sink.addBatch(1, rows(Row.of("b", 2L)));
    sink.addBatch(0, rows(Row.of("a", 1L)));

    assertThat(t.table("mem_redeliver").collectAsList())
        .containsExactly(Row.of("a", 1L), Row.of("b", 2L));
    assertThat(((MemorySink) sink).latestBatchId()).hasValue(1);
    assertThat(sink.lastBatchOutputRows()).isZero();
  }

  @Test
  void table_isReadAtEachCall() {
    Sink sink = sink("mem_live", OutputMode.Append(), UUID.randomUUID());
    assertThat(t.table("mem_live").collectAsList()).isEmpty();
    assertThat(t.table("MEM_LIVE").schema()).isEqualTo(SCHEMA);

    sink.addBatch(0, rows(Row.of("a", 1L)));
    DataFrame counted = t.table("mem_live").groupBy("word").count();

    assertThat(counted.collectAsList()).containsExactly(Row.of("a", 1L));
  }

  @Test
  void createSink_withoutQueryName_isRefusedWithSparksMessage() {
    assertThatThrownBy(() -> sink(null, OutputMode.Append(), UUID.randomUUID()))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e ->
                assertThat(e.condition())
                    .isEqualTo(SinkErrors.Condition.MEMORY_SINK_QUERY_NAME_REQUIRED))
        .hasMessageContaining("queryName must be specified for memory sink");
  }

  @Test
  void createSink_withPartitionBy_isRefused() {
    SinkContext context =
        new SinkContext(
            t,
            Map.of(),
            SCHEMA,
            OutputMode.Append(),
            List.of("word"),
            Optional.empty(),
            Optional.empty(),
            UUID.randomUUID(),
            Optional.of("mem_partitioned"),
            Path.of("cp"));
    assertThatThrownBy(() -> new MemorySinkProvider().createSink(context))
        .hasMessageContaining("'memory' does not support partitioning");
  }

  @Test
  void restart_sameQueryId_continuesTheTableAndSkipsTheReplayedBatch() {
    UUID queryId = UUID.randomUUID();
    Sink first = sink("mem_restart", OutputMode.Append(), queryId);
    first.addBatch(0, rows(Row.of("a", 1L)));
    first.addBatch(1, rows(Row.of("b", 2L)));

    Sink restarted = sink("mem_restart", OutputMode.Append(), queryId);
    restarted.addBatch(1, rows(Row.of("b", 2L)));
    restarted.addBatch(2, rows(Row.of("c", 3L)));

    assertThat(restarted).isSameAs(first);
    assertThat(t.table("mem_restart").collectAsList())
        .containsExactly(Row.of("a", 1L), Row.of("b", 2L), Row.of("c", 3L));
  }

  @Test
  void restart_otherQueryIdUnderSameName_startsAnEmptyTable() {
    sink("mem_replaced", OutputMode.Append(), UUID.randomUUID()).addBatch(0, rows(Row.of("a", 1L)));

    Sink other = sink("mem_replaced", OutputMode.Append(), UUID.randomUUID());
    other.addBatch(0, rows(Row.of("z", 9L)));

    assertThat(t.table("mem_replaced").collectAsList()).containsExactly(Row.of("z", 9L));
  }

  @Test
  void provider_isFoundByFormatName() {
    assertThat(SinkProviders.forFormat("MEMORY")).isInstanceOf(MemorySinkProvider.class);
  }

  @Test
  void read_whileTheQueryWrites_seesWholeBatchesOnly() throws Exception {
    Sink sink = sink("mem_concurrent", OutputMode.Append(), UUID.randomUUID());
    DataFrame batch = rows(Row.of("a", 1L), Row.of("b", 2L), Row.of("c", 3L));
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread writer =
        new Thread(
            () -> {
              try {
                started.await();
                for (int id = 0; id < 40; id++) {
                  sink.addBatch(id, batch);
                }
              } catch (Throwable e) {
                failure.set(e);
              }
            });
    writer.start();
    started.countDown();
    int reads = 0;
    while (writer.isAlive() || reads == 0) {
      int size = ((MemorySink) sink).allData().size();
      assertThat(size % 3).as("rows seen: %d", size).isZero();
      reads++;
    }
    writer.join();
    assertThat(failure.get()).isNull();
    assertThat(((MemorySink) sink).allData()).hasSize(120);
  }
}
