package io.tideline.bench.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both engines through the whole harness on tiny inputs: Spark with delta-spark in the peer JVM
 * ({@code delta-bench-serve}) against the harness's broker, each engine's table read by the other.
 * Only with {@code -Pspark-it}; needs tideline-spark compiled (its {@code target/classpath.txt}).
 */
class DeltaBenchmarkSparkIT {
  @TempDir Path work;

  @Test
  void bothEngines_tinyInputs_crossReadEachOthersTablesWithTheSameChecksum() {
    DeltaBenchSettings settings =
        DeltaBenchSettings.parse(
            new String[] {
              "--records", "2000",
              "--warmup-records", "0",
              "--partitions", "2",
              "--runs", "1",
              "--ceiling-runs", "0"
            });
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    DeltaBenchmark.Result result =
        DeltaBenchmark.run(
            settings,
            new PrintStream(printed, true, StandardCharsets.UTF_8),
            work,
            name ->
                name.equals("spark")
                    ? SparkDeltaEngine.start(work)
                    : TidelineDeltaEngine.start(work));

    assertThat(result.engines())
        .extracting(DeltaEngineRuns::engine)
        .containsExactly("tideline", "spark");
    assertThat(result.engines()).allSatisfy(r -> assertThat(r.bronze()).hasSize(1));
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("spark read tideline's table: 2000 rows, the same checksum")
        .contains("tideline read spark's table: 2000 rows, the same checksum")
        .contains("spark 4.2.0: session start");
  }
}
