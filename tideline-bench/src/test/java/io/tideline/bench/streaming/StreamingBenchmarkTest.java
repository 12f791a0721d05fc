package io.tideline.bench.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.bench.OrdersDataset;
import io.tideline.internal.errors.TidelineException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's options and its run order, with fake engines. */
class StreamingBenchmarkTest {
  private static final StreamingInputs INPUTS =
      new StreamingInputs(
          Path.of("/small"), 80, new OrdersDataset(Path.of("/orders"), 1000, 10, 5000, List.of()));

  private final List<String> log = new ArrayList<>();
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @Test
  void parse_noOptions_givesTheIssuesDefaults() {
    StreamingSettings s = StreamingBenchmark.parse(new String[0]);

    assertThat(s.records()).isEqualTo(2_000_000);
    assertThat(s.files()).isEqualTo(20);
    assertThat(s.maxFilesPerTrigger()).isEqualTo(5);
    assertThat(s.runs()).isEqualTo(3);
    assertThat(s.warmupRuns()).isEqualTo(1);
    assertThat(s.engines()).containsExactly("tideline", "spark");
    assertThat(s.workloads())
        .containsExactly(Workload.FIRST_BATCH, Workload.BATCH_OVERHEAD, Workload.THROUGHPUT);
  }

  @Test
  void parse_badOptions_failWithUsage() {
    assertThatThrownBy(() -> StreamingBenchmark.parse(new String[] {"--runs", "0"}))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("STREAMING_BENCH_USAGE"))
        .hasMessageContaining("--runs")
        .hasMessageContaining("Usage: run-streaming.sh");
    assertThatThrownBy(() -> StreamingBenchmark.parse(new String[] {"--records", "many"}))
        .hasMessageContaining("--records takes a whole number, got 'many'");
    assertThatThrownBy(() -> StreamingBenchmark.parse(new String[] {"--workloads", "latency"}))
        .hasMessageContaining("Unknown workload 'latency'");
    assertThatThrownBy(() -> StreamingBenchmark.parse(new String[] {"--engines", "flink"}))
        .hasMessageContaining("Unknown engine 'flink'");
    assertThatThrownBy(() -> StreamingBenchmark.parse(new String[] {"--batches"}))
        .hasMessageContaining("--batches needs a value");
  }

  @Test
  void measure_warmsUpEachEngineThenAlternates_freshCheckpointEachRun_closesAll() {
    StreamingSettings settings =
        StreamingBenchmark.parse(
            new String[] {
              "--engines", "tideline,spark", "--runs", "2", "--workloads", "first-batch,throughput",
              "--records", "1000", "--files", "10", "--max-files-per-trigger", "5"
            });

    List<EngineRuns> runs =
        StreamingBenchmark.measure(settings, INPUTS, Path.of("/ck"), FakeEngine::new, out);

    assertThat(log)
        .containsExactly(
            "start tideline",
            "start spark",
            "first-batch tideline /ck/tideline-first-batch-1",
            "first-batch spark /ck/spark-first-batch-2",
            "first-batch tideline /ck/tideline-first-batch-3",
            "first-batch spark /ck/spark-first-batch-4",
            "first-batch tideline /ck/tideline-first-batch-5",
            "first-batch spark /ck/spark-first-batch-6",
            "throughput tideline /ck/tideline-throughput-7",
            "throughput spark /ck/spark-throughput-8",
            "throughput tideline /ck/tideline-throughput-9",
            "throughput spark /ck/spark-throughput-10",
            "throughput tideline /ck/tideline-throughput-11",
            "throughput spark /ck/spark-throughput-12",
            "close tideline",
            "close spark");
    assertThat(runs).extracting(EngineRuns::engine).containsExactly("tideline", "spark");
    assertThat(runs.get(0).firstBatch()).hasSize(2);
    assertThat(runs.get(1).throughput()).hasSize(2);
    assertThat(runs.get(0).overhead()).isEmpty();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("first-batch    run 2    spark    first commit after 2.000 s");
  }

  @Test
  void measure_wrongAnswer_failsNamingEngineAndStillClosesEveryEngine() {
    StreamingSettings settings =
        StreamingBenchmark.parse(
            new String[] {
              "--workloads", "batch-overhead", "--batches", "3", "--warmup-batches", "2"
            });

    assertThatThrownBy(
            () ->
                StreamingBenchmark.measure(
                    settings,
                    INPUTS,
                    Path.of("/ck"),
                    name -> new FakeEngine(name, name.equals("spark") ? 1 : 0),
                    out))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("STREAMING_BENCH_WRONG_ANSWER"))
        .hasMessageContaining("spark gave a wrong answer in the batch-overhead run")
        .hasMessageContaining("the memory sink's row count was 6, expected 5");
    assertThat(log).contains("close tideline", "close spark");
  }

  /** Answers right (or {@code extraRows} off) after a time that depends on the engine. */
  private final class FakeEngine implements StreamingEngine {
    private final String name;
    private final long extraRows;

    FakeEngine(String name) {
      this(name, 0);
    }

    FakeEngine(String name, long extraRows) {
      this.name = name;
      this.extraRows = extraRows;
      log.add("start " + name);
    }

    private double seconds() {
      return name.equals("spark") ? 2.0 : 0.1;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String version() {
      return "1";
    }

    @Override
    public double sessionStartSeconds() {
      return 0.5;
    }

    @Override
    public FirstBatchRun firstBatch(Path input, Path checkpoint) {
      log.add("first-batch " + name + " " + checkpoint);
      assertThat(input).isEqualTo(INPUTS.small());
      return new FirstBatchRun(seconds(), seconds() / 2, 80 + extraRows);
    }

    @Override
    public OverheadRun batchOverhead(int warmupBatches, int batches, Path checkpoint) {
      log.add("batch-overhead " + name + " " + checkpoint);
      List<Long> trigger = new ArrayList<>();
      List<Double> wall = new ArrayList<>();
      for (int i = 0; i < batches; i++) {
        trigger.add((long) (seconds() * 100));
        wall.add(seconds() * 110);
      }
      return new OverheadRun(trigger, wall, warmupBatches + batches + extraRows);
    }

    @Override
    public ThroughputRun throughput(Path input, int maxFilesPerTrigger, Path checkpoint) {
      log.add("throughput " + name + " " + checkpoint);
      assertThat(maxFilesPerTrigger).isEqualTo(5);
      return new ThroughputRun(seconds(), seconds(), 1000 + extraRows, 2);
    }

    @Override
    public void close() {
      log.add("close " + name);
    }
  }
}
