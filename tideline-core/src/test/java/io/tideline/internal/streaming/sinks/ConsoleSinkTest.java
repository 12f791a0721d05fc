package io.tideline.internal.streaming.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.streaming.sink.SinkProviders;
import io.tideline.types.StructType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConsoleSinkTest {
  private static final StructType SCHEMA = StructType.fromDDL("word STRING, n BIGINT");
  private static Tideline t;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @BeforeAll
  static void start() {
    t = Tideline.builder().appName("console-sink-test").getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static DataFrame rows(Row... rows) {
    return t.createDataFrame(List.of(rows), SCHEMA);
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void addBatch_printsSparksHeaderThenTheTable() {
    ConsoleSink sink = new ConsoleSink(20, true, out);
    sink.addBatch(0, rows(Row.of("a", 1L), Row.of("b", 2L)));
    sink.addBatch(1, rows(Row.of("c", 3L)));

    assertThat(printed())
        .isEqualTo(
            "-------------------------------------------\n"
                + "Batch: 0\n"
                + "-------------------------------------------\n"
                + "+----+---+\n"
                + "|word|  n|\n"
                + "+----+---+\n"
                + "|   a|  1|\n"
                + "|   b|  2|\n"
                + "+----+---+\n"
                + "\n"
                + "-------------------------------------------\n"
                + "Batch: 1\n"
                + "-------------------------------------------\n"
                + "+----+---+\n"
                + "|word|  n|\n"
                + "+----+---+\n"
                + "|   c|  3|\n"
                + "+----+---+\n"
                + "\n");
  }

  @Test
  void addBatch_completeModeResult_printsTheWholeTableEachBatch() {
    ConsoleSink sink = new ConsoleSink(20, true, out);
    DataFrame counts =
        rows(Row.of("a", 1L), Row.of("a", 1L), Row.of("b", 1L))
            .groupBy("word")
            .count()
            .orderBy("word");
    sink.addBatch(3, counts);

    assertThat(printed())
        .isEqualTo(
            "-------------------------------------------\n"
                + "Batch: 3\n"
                + "-------------------------------------------\n"
                + "+----+-----+\n"
                + "|word|count|\n"
                + "+----+-----+\n"
                + "|   a|    2|\n"
                + "|   b|    1|\n"
                + "+----+-----+\n"
                + "\n");
  }

  @Test
  void addBatch_emptyBatch_printsHeaderAndEmptyTable() {
    new ConsoleSink(20, true, out).addBatch(7, rows());

    assertThat(printed())
        .isEqualTo(
            "-------------------------------------------\n"
                + "Batch: 7\n"
                + "-------------------------------------------\n"
                + "+----+---+\n"
                + "|word|  n|\n"
                + "+----+---+\n"
                + "+----+---+\n"
                + "\n");
  }

  @Test
  void addBatch_redeliveredBatchId_isNotPrintedAgain() {
    ConsoleSink sink = new ConsoleSink(20, true, out);
    sink.addBatch(0, rows(Row.of("a", 1L)));
    String once = printed();
    sink.addBatch(0, rows(Row.of("a", 1L)));

    assertThat(printed()).isEqualTo(once);
  }

  @Test
  void numRows_limitsTheRowsAndSaysSo() {
    new ConsoleSink(1, true, out).addBatch(0, rows(Row.of("a", 1L), Row.of("b", 2L)));

    assertThat(printed())
        .endsWith("|   a|  1|\n+----+---+\nonly showing top 1 row\n\n")
        .doesNotContain("|   b|");
  }

  @Test
  void truncate_cutsCellsTo20CharactersUnlessOff() {
    String longWord = "abcdefghijklmnopqrstuvwxyz";
    new ConsoleSink(20, true, out).addBatch(0, rows(Row.of(longWord, 1L)));
    assertThat(printed()).contains("abcdefghijklmnopq...").doesNotContain(longWord);

    bytes.reset();
    new ConsoleSink(20, false, out).addBatch(0, rows(Row.of(longWord, 1L)));
    assertThat(printed()).contains("|" + longWord + "|");
  }

  @Test
  void provider_readsNumRowsAndTruncateOptions() {
    ConsoleSinkProvider provider = (ConsoleSinkProvider) SinkProviders.forFormat("console");

    assertThat(provider.createSink(SinkContexts.withOptions(t, SCHEMA, Map.of())).description())
        .isEqualTo("ConsoleSink[numRows=20, truncate=true]");
    assertThat(
            provider
                .createSink(
                    SinkContexts.withOptions(
                        t, SCHEMA, Map.of("NUMROWS", "5", "truncate", "false")))
                .description())
        .isEqualTo("ConsoleSink[numRows=5, truncate=false]");
  }

  @Test
  void provider_invalidNumRows_namesTheOption() {
    ConsoleSinkProvider provider = new ConsoleSinkProvider();
    assertThatThrownBy(
            () ->
                provider.createSink(SinkContexts.withOptions(t, SCHEMA, Map.of("numRows", "many"))))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.condition()).isEqualTo(SinkErrors.Condition.INVALID_SINK_OPTION);
              assertThat(e.parameters()).containsEntry("option", "numRows");
            });
  }
}
