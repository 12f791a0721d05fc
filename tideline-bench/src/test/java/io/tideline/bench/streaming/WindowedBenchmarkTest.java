package io.tideline.bench.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.TidelineException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The windowed harness's run order and answer checks, with fake engines. */
class WindowedBenchmarkTest {
  private static final BidEvents BIDS = BidEvents.throughput(4000, 20);
  private static final BidEvents LIVE = BidEvents.liveKeys(300, BidEvents.DEFAULT_START_MILLIS);
  private static final WindowedInputs INPUTS =
      new WindowedInputs(
          BIDS,
          4,
          Path.of("/json"),
          Path.of("/parquet"),
          LIVE,
          Path.of("/state/build.parquet"),
          Path.of("/extra/extra.parquet"));

  private final List<String> log = new ArrayList<>();
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  private static WindowedSettings settings(String... args) {
    List<String> all = new ArrayList<>(List.of("--events", "4000", "--auctions", "20"));
    all.addAll(List.of("--files", "4", "--state-keys", "300"));
    all.addAll(List.of(args));
    return WindowedSettings.parse(all.toArray(String[]::new));
  }

  @Test
  void measure_warmsUpThenAlternates_heapOnlyWhereMeasurable_closesAll() {
    WindowedFigures figures =
        WindowedBenchmark.measure(
            settings("--runs", "2", "--workloads", "parquet,state-heap,recovery"),
            INPUTS,
            Path.of("/runs"),
            name -> engine(name, 0),
            out);

    assertThat(log)
        .containsExactly(
            "start tideline",
            "start spark",
            "windowed tideline parquet update /runs/tideline-parquet-update-1",
            "windowed spark parquet update /runs/spark-parquet-update-2",
            "windowed tideline parquet update /runs/tideline-parquet-update-3",
            "windowed spark parquet update /runs/spark-parquet-update-4",
            "windowed tideline parquet update /runs/tideline-parquet-update-5",
            "windowed spark parquet update /runs/spark-parquet-update-6",
            "heap tideline DEFAULT /state",
            "heap tideline DEFAULT /state",
            "heap tideline ROCKSDB /state",
            "heap tideline ROCKSDB /state",
            "recovery tideline DEFAULT /runs/tideline-recovery-default-11",
            "recovery spark DEFAULT /runs/spark-recovery-default-12",
            "recovery tideline DEFAULT /runs/tideline-recovery-default-13",
            "recovery spark DEFAULT /runs/spark-recovery-default-14",
            "recovery tideline ROCKSDB /runs/tideline-recovery-rocksdb-15",
            "recovery spark ROCKSDB /runs/spark-recovery-rocksdb-16",
            "recovery tideline ROCKSDB /runs/tideline-recovery-rocksdb-17",
            "recovery spark ROCKSDB /runs/spark-recovery-rocksdb-18",
            "close tideline",
            "close spark");
    String table = figures.render();
    assertThat(table).contains("goal >= 2x Spark: met");
    assertThat(table).containsPattern("\\(c\\) heap per live key, in-memory +tideline +2 +150\\.0");
    assertThat(table).contains("goal <= 200 B/key: met");
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("parquet-update   run 2    spark    2.000 s, 2000 events/s");
  }

  @Test
  void measure_wrongChecksum_failsNamingTheEngine_andStillClosesEveryEngine() {
    assertThatThrownBy(
            () ->
                WindowedBenchmark.measure(
                    settings("--workloads", "json", "--warmup", "0"),
                    INPUTS,
                    Path.of("/runs"),
                    name -> engine(name, name.equals("spark") ? 1 : 0),
                    out))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("STREAMING_BENCH_WRONG_ANSWER"))
        .hasMessageContaining("spark gave a wrong answer in the json-update run")
        .hasMessageContaining("the output's checksum");
    assertThat(log).contains("close tideline", "close spark");
  }

  @Test
  void measure_restartThatLostItsState_isAWrongAnswer() {
    assertThatThrownBy(
            () ->
                WindowedBenchmark.measure(
                    settings("--workloads", "recovery", "--engines", "tideline"),
                    INPUTS,
                    Path.of("/runs"),
                    name -> engine(name, 2),
                    out))
        .hasMessageContaining("the restarted query's first batch");
  }

  private WindowedEngine engine(String name, int fault) {
    return name.equals("tideline") ? new HeapFakeEngine(name, fault) : new FakeEngine(name, fault);
  }

  /**
   * Answers with the model's checksum ({@code fault} 1: one row too many; 2: a restart that counts
   * each key once, as if the state were lost), faster as Tideline.
   */
  private class FakeEngine implements WindowedEngine {
    final String name;
    final int fault;

    FakeEngine(String name, int fault) {
      this.name = name;
      this.fault = fault;
      log.add("start " + name);
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
      return 1;
    }

    private double seconds() {
      return name.equals("spark") ? 2.0 : 0.5;
    }

    @Override
    public WindowedRun windowed(
        Path input, BidFormat format, String outputMode, int maxFilesPerTrigger, Path checkpoint) {
      log.add("windowed " + name + " " + format.wireName() + " " + outputMode + " " + checkpoint);
      WindowedAnswer a = INPUTS.expected(maxFilesPerTrigger, outputMode).get(0);
      if (fault == 1) {
        a = a.plus(new WindowedAnswer(1, 0, 0));
      }
      return new WindowedRun(seconds(), seconds(), BIDS.events(), a);
    }

    @Override
    public RecoveryRun recovery(Path build, Path extra, Path runDir, StateProvider provider) {
      log.add("recovery " + name + " " + provider + " " + runDir);
      WindowedAnswer a = INPUTS.expectedRecovery();
      if (fault == 2) {
        a = new WindowedAnswer(a.rows(), a.rows(), a.sumMaxPrice());
      }
      return new RecoveryRun(seconds(), seconds(), LIVE.events(), a);
    }

    @Override
    public void close() {
      log.add("close " + name);
    }
  }

  /** Tideline's fake also measures heap. */
  private final class HeapFakeEngine extends FakeEngine implements HeapMeasuring {
    HeapFakeEngine(String name, int fault) {
      super(name, fault);
    }

    @Override
    public HeapRun heap(Path input, StateProvider provider, Path checkpoint) {
      log.add("heap " + name + " " + provider + " " + input);
      return new HeapRun(LIVE.events(), 1000, 1000 + 150 * LIVE.events(), 1000, 0, 0);
    }
  }
}
