package io.tideline.bench.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole harness on tiny inputs with Tideline only: a real embedded broker, the bronze query
 * into real Delta tables, each table read back and checked against the generator, and the ceiling.
 * Spark's side runs in {@code DeltaBenchmarkSparkIT}.
 */
class DeltaBenchmarkIT {
  @TempDir Path work;

  @Test
  void tidelineOnly_tinyInputs_loadsEveryOrderIntoDeltaAndMeasuresTheCeiling() {
    DeltaBenchSettings settings =
        DeltaBenchSettings.parse(
            new String[] {
              "--engines", "tideline",
              "--records", "3000",
              "--warmup-records", "0",
              "--partitions", "2",
              "--max-offsets-per-trigger", "1000",
              "--runs", "1",
              "--ceiling-records", "2000",
              "--ceiling-runs", "1"
            });
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    DeltaBenchmark.Result result =
        DeltaBenchmark.run(
            settings,
            new PrintStream(printed, true, StandardCharsets.UTF_8),
            work,
            name -> TidelineDeltaEngine.start(work));

    DeltaEngineRuns tideline = result.engines().get(0);
    assertThat(tideline.bronze()).hasSize(1);
    // 3000 offsets at most 1000 a batch: three Delta commits.
    assertThat(tideline.bronze().get(0).batches()).isEqualTo(3);
    assertThat(result.ceiling()).singleElement().extracting(c -> c.rows()).isEqualTo(2000L);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("Wrote orders (3000 records, 2 partitions")
        .contains("bronze   run 1    tideline")
        .contains("| bronze Kafka → Delta, records/s |")
        .contains("| Tideline bronze, % of the ceiling |");
    assertThat(work.resolve("runs")).isEmptyDirectory();
  }
}
