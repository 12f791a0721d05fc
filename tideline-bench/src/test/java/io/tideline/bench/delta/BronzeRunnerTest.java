package io.tideline.bench.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.bench.kafka.OrdersTopic;
import io.tideline.internal.errors.TidelineException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks around each bronze run, with fake engines: who reads whose table, and what fails. */
class BronzeRunnerTest {
  @TempDir Path work;

  private static final OrdersTopic TOPIC = new OrdersTopic("orders", 1000, 2, 125_000, 800);

  private static TableChecksum good(String maxKafkaTimestamp) {
    return new TableChecksum(1000, 800, 2.5e5, 0, 0, 0, 0, 0, 0, "a", "b", "c", maxKafkaTimestamp);
  }

  /** An engine that writes a file into the table folder and reads every table as {@code reads}. */
  private static final class FakeEngine implements DeltaEngine {
    final String name;
    final TableChecksum reads;
    final List<Path> checked = new ArrayList<>();

    FakeEngine(String name, TableChecksum reads) {
      this.name = name;
      this.reads = reads;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String version() {
      return "0";
    }

    @Override
    public double sessionStartSeconds() {
      return 0;
    }

    @Override
    public BronzeRun bronze(
        String bootstrapServers, String topic, long maxOffsets, Path checkpoint, Path table) {
      try {
        Files.createDirectories(table);
        Files.writeString(table.resolve("part-0.parquet"), "rows");
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      return new BronzeRun(2.0, 3.0, 1, Map.of());
    }

    @Override
    public TableChecksum checksum(Path table) {
      checked.add(table);
      return reads;
    }

    @Override
    public void close() {}
  }

  private BronzeRunner runner(List<DeltaEngine> engines, ByteArrayOutputStream printed) {
    DeltaBenchSettings settings = DeltaBenchSettings.parse(new String[0]);
    return new BronzeRunner(
        "127.0.0.1:1",
        settings,
        engines,
        work,
        new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  @Test
  void measuredRun_isReadByBothEngines_recorded_andItsFolderDeleted() {
    FakeEngine tideline = new FakeEngine("tideline", good("t"));
    FakeEngine spark = new FakeEngine("spark", good("t"));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    DeltaEngineRuns runs = new DeltaEngineRuns("tideline", "0", 0);

    runner(List.of(tideline, spark), printed).run(tideline, TOPIC, "run 1", runs);

    assertThat(runs.bronze()).hasSize(1);
    assertThat(tideline.checked).hasSize(1);
    assertThat(spark.checked).isEqualTo(tideline.checked);
    assertThat(work.resolve("tideline-1")).doesNotExist();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("bronze   run 1    tideline 2.000 s, 500 records/s, 3.00 CPU s, 1 batches")
        .contains("spark read tideline's table: 1000 rows, the same checksum");
  }

  @Test
  void warmupRun_isReadByItsWriterOnly_andNotRecorded() {
    FakeEngine tideline = new FakeEngine("tideline", good("t"));
    FakeEngine spark = new FakeEngine("spark", good("t"));

    runner(List.of(tideline, spark), new ByteArrayOutputStream())
        .run(spark, TOPIC, "warm-up", null);

    assertThat(spark.checked).hasSize(1);
    assertThat(tideline.checked).isEmpty();
  }

  @Test
  void writerReadsWhatTheGeneratorDidNotWrite_failsNamingTheField() {
    TableChecksum short1 = new TableChecksum(999, 800, 2.5e5, 0, 0, 0, 0, 0, 0, "a", "b", "c", "t");
    FakeEngine tideline = new FakeEngine("tideline", short1);

    assertThatThrownBy(
            () ->
                runner(List.of(tideline), new ByteArrayOutputStream())
                    .run(tideline, TOPIC, "run 1", new DeltaEngineRuns("tideline", "0", 0)))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("DELTA_BENCH_WRONG_ANSWER"))
        .hasMessageContaining("tideline read tideline's table of the run 1 run")
        .hasMessageContaining("rows 999 where 1000 was expected");
  }

  @Test
  void crossReadDiffers_failsNamingTheReaderAndTheWriter() {
    FakeEngine tideline = new FakeEngine("tideline", good("2026-11-26T04:00:01Z"));
    FakeEngine spark = new FakeEngine("spark", good("2026-11-26T04:00:02Z"));
    DeltaEngineRuns runs = new DeltaEngineRuns("spark", "0", 0);

    assertThatThrownBy(
            () ->
                runner(List.of(tideline, spark), new ByteArrayOutputStream())
                    .run(spark, TOPIC, "run 2", runs))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("DELTA_BENCH_WRONG_ANSWER"))
        .hasMessageContaining("tideline read spark's table of the run 2 run")
        .hasMessageContaining(
            "max(kafka_timestamp) 2026-11-26T04:00:01Z where 2026-11-26T04:00:02Z was expected");
    assertThat(runs.bronze()).isEmpty();
  }
}
