package io.tideline.bench.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingInputsTest {
  private static final Pattern AMOUNT = Pattern.compile("\"amount\":([0-9.]+)");

  @Test
  void write_smallInputIsOneFileOf100Lines_andItsExpectedCountMatchesTheLines(@TempDir Path tmp)
      throws Exception {
    StreamingInputs inputs = StreamingInputs.write(tmp, 1000, 4);

    List<Path> smallFiles;
    try (var files = Files.list(inputs.small())) {
      smallFiles = files.toList();
    }
    assertThat(smallFiles).hasSize(1);
    List<String> lines = Files.readAllLines(smallFiles.get(0));
    assertThat(lines).hasSize(100);
    long over100 =
        lines.stream()
            .map(AMOUNT::matcher)
            .filter(Matcher::find)
            .filter(m -> Double.parseDouble(m.group(1)) > 100)
            .count();
    assertThat(inputs.smallOver100()).isEqualTo(over100).isBetween(60L, 95L);
    assertThat(inputs.orders().files()).isEqualTo(4);
    assertThat(inputs.throughputRows()).isEqualTo(1000);
    // The generator's manifests sit beside the folders, not inside what the engines list.
    assertThat(inputs.small().getParent()).isEqualTo(tmp);
  }

  @Test
  void throughputBatches_roundsPartialGroupsUp(@TempDir Path tmp) {
    StreamingInputs inputs = StreamingInputs.write(tmp, 200, 20);

    assertThat(inputs.throughputBatches(5)).isEqualTo(4);
    assertThat(inputs.throughputBatches(6)).isEqualTo(4);
    assertThat(inputs.throughputBatches(20)).isEqualTo(1);
    assertThat(inputs.throughputBatches(1)).isEqualTo(20);
  }
}
