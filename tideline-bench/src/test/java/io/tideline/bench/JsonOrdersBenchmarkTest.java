package io.tideline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonOrdersBenchmarkTest {
  @Test
  void parse_knownOptions_keepsThem() {
    assertThat(JsonOrdersBenchmark.parse(new String[] {"--records", "1000", "--engines", "spark"}))
        .isEqualTo(Map.of("--records", "1000", "--engines", "spark"));
  }

  @Test
  void parse_unknownOrDanglingOption_failsWithUsage() {
    assertThatThrownBy(() -> JsonOrdersBenchmark.parse(new String[] {"--rows", "5"}))
        .hasMessageStartingWith("[BENCH_USAGE] Unexpected argument '--rows'")
        .hasMessageContaining("Usage: JsonOrdersBenchmark");
    assertThatThrownBy(() -> JsonOrdersBenchmark.parse(new String[] {"--runs"}))
        .hasMessageContaining("Unexpected argument '--runs'");
  }

  @Test
  void run_unknownEngine_failsBeforeGeneratingData() {
    assertThatThrownBy(
            () -> JsonOrdersBenchmark.run(Map.of("--engines", "flink", "--data", "/nonexistent/x")))
        .hasMessageContaining("Unknown engine 'flink'");
  }
}
