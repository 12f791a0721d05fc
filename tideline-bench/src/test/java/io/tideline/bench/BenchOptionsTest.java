package io.tideline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  private static final Function<String, RuntimeException> USAGE = IllegalArgumentException::new;
  private static final List<String> NAMES = List.of("--runs", "--engines");

  @Test
  void parse_takesPairsAndFlagsAnywhere_laterPairsWin() {
    BenchOptions options =
        BenchOptions.parse(
            new String[] {"--runs", "3", "--small", "--engines", "spark", "--runs", "1_000"},
            NAMES,
            Set.of("--small"),
            USAGE);

    assertThat(options.values()).isEqualTo(Map.of("--runs", "1_000", "--engines", "spark"));
    assertThat(options.has("--small")).isTrue();
    assertThat(options.number("--runs", 7, USAGE)).isEqualTo(1000);
    assertThat(options.number("--missing", 7, USAGE)).isEqualTo(7);
  }

  @Test
  void parse_unknownOptionOrMissingValue_isAUsageError() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--small"}, NAMES, Set.of(), USAGE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown option '--small'");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--runs"}, NAMES, Set.of(), USAGE))
        .hasMessage("--runs needs a value");
  }

  @Test
  void wholeNumber_notANumber_namesTheOptionAndTheText() {
    assertThatThrownBy(() -> BenchOptions.wholeNumber("--runs", "three", USAGE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--runs takes a whole number, got 'three'");
  }
}
