package io.tideline.internal.streaming.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.Tideline;
import io.tideline.connector.Sink;
import io.tideline.connector.SinkContext;
import io.tideline.connector.SinkProvider;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.streaming.SystemClock;
import io.tideline.streaming.ForeachBatchFunction;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.OutputMode;
import io.tideline.streaming.Trigger;
import io.tideline.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a query's checkpoint goes, as Spark resolves it. */
class CheckpointLocationTest {
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    t = Tideline.builder().appName("checkpoint-location-test").getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static WriteSpec spec(
      String format, Map<String, String> options, String name, ForeachBatchFunction f) {
    return new WriteSpec(
        MemoryStream.of(t, StructType.fromDDL("id BIGINT")).toDF(),
        format,
        OutputMode.Append(),
        options,
        Trigger.Default(),
        Optional.ofNullable(name),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.ofNullable(f),
        Optional.empty(),
        new SystemClock(),
        LoopHooks.NONE);
  }

  @Test
  void option_wins() {
    boolean[] temp = new boolean[1];
    Path cp =
        QueryStarter.checkpointLocation(
            t, spec("parquet", Map.of("CheckpointLocation", dir.toString()), "q", null), "q", temp);
    assertThat(cp).isEqualTo(dir.toAbsolutePath());
    assertThat(temp[0]).isFalse();
  }

  @Test
  void sessionRoot_getsTheQueryNameAppended() {
    t.conf().set(QueryStarter.CHECKPOINT_ROOT_KEY, dir.toString());
    try {
      Path cp =
          QueryStarter.checkpointLocation(
              t, spec("parquet", Map.of(), "orders", null), "orders", new boolean[1]);
      assertThat(cp).isEqualTo(dir.resolve("orders").toAbsolutePath());
    } finally {
      t.conf().unset(QueryStarter.CHECKPOINT_ROOT_KEY);
    }
  }

  @Test
  void foreachBatchWithoutLocation_getsATemporaryFolder() throws Exception {
    boolean[] temp = new boolean[1];
    Path cp =
        QueryStarter.checkpointLocation(
            t, spec("foreachBatch", Map.of(), null, (df, id) -> {}), "<unnamed>", temp);
    assertThat(temp[0]).isTrue();
    assertThat(cp.getFileName().toString()).startsWith("temporary-");
    Files.delete(cp);
  }

  @Test
  void sinkRefusingTheOutputMode_failsWithSparksMessage() {
    SinkProvider appendOnly =
        new SinkProvider() {
          @Override
          public String shortName() {
            return "appendonly";
          }

          @Override
          public Set<OutputMode> supportedOutputModes() {
            return Set.of(OutputMode.Append());
          }

          @Override
          public Sink createSink(SinkContext context) {
            throw new AssertionError("not reached");
          }
        };
    QueryStarter.checkOutputMode(appendOnly, "appendonly", OutputMode.Append());
    assertThatThrownBy(
            () -> QueryStarter.checkOutputMode(appendOnly, "appendonly", OutputMode.Complete()))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e ->
                assertThat(e.getCondition()).isEqualTo("STREAMING_OUTPUT_MODE_UNSUPPORTED_BY_SINK"))
        .hasMessageContaining("Data source appendonly does not support")
        .hasMessageContaining("output mode");
  }

  @Test
  void fileSinkWithoutLocation_isRefusedAskingForOne() {
    assertThatThrownBy(
            () ->
                QueryStarter.checkpointLocation(
                    t, spec("parquet", Map.of(), "q", null), "q", new boolean[1]))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("CHECKPOINT_LOCATION_NOT_SPECIFIED"))
        .hasMessageContaining("checkpointLocation must be specified")
        .hasMessageContaining("parquet");
  }
}
