package io.tideline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterleavedMeasurementTest {
  private static final List<ProductTotals> ANSWER = List.of(new ProductTotals("phone", 250.5, 2));
  private static final OrdersDataset DATA =
      new OrdersDataset(Path.of("/data"), 1_000_000, 1, 100, ANSWER);

  private final List<String> log = new ArrayList<>();

  @Test
  void measure_warmsUpEachEngineThenAlternatesMeasuredRuns_andClosesAll() {
    List<EngineMeasurement> m =
        JsonOrdersBenchmark.measure(
            List.of(new FakeEngine("a", ANSWER), new FakeEngine("b", ANSWER)), DATA, 1, 2);

    assertThat(log)
        .containsExactly(
            "start a", "start b", "run a", "run b", "run a", "run b", "run a", "run b", "close a",
            "close b");
    assertThat(m).extracting(EngineMeasurement::engine).containsExactly("a", "b");
    assertThat(m.get(0).runSeconds()).containsExactly(2.0, 3.0);
    assertThat(m.get(0).cpuSecondsPerMillionRecords()).isEqualTo(4.0);
    assertThat(m.get(1).sessionStartSeconds()).isEqualTo(0.5);
    assertThat(m.get(1).version()).isEqualTo("b-1");
  }

  @Test
  void measure_wrongAnswer_failsAndStillClosesSessions() {
    List<ProductTotals> wrong = List.of(new ProductTotals("phone", 250.5, 3));

    assertThatThrownBy(
            () ->
                JsonOrdersBenchmark.measure(
                    List.of(new FakeEngine("a", ANSWER), new FakeEngine("b", wrong)), DATA, 1, 2))
        .hasMessageStartingWith("[BENCH_RESULTS_DIFFER] b computed a different answer")
        .hasMessageContaining("'phone': count 3, expected 2");
    assertThat(log).containsExactly("start a", "start b", "run a", "run b", "close a", "close b");
  }

  private final class FakeEngine implements OrdersEngine {
    private final String name;
    private final List<ProductTotals> answer;

    FakeEngine(String name, List<ProductTotals> answer) {
      this.name = name;
      this.answer = answer;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public OrdersEngineSession start(OrdersDataset data) {
      log.add("start " + name);
      return new OrdersEngineSession() {
        private int runs;

        @Override
        public String version() {
          return name + "-1";
        }

        @Override
        public double sessionStartSeconds() {
          return 0.5;
        }

        @Override
        public RunResult run() {
          log.add("run " + name);
          runs++;
          return new RunResult(runs, runs * 2, answer);
        }

        @Override
        public void close() {
          log.add("close " + name);
        }
      };
    }
  }
}
