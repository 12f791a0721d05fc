package io.tideline.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.bench.DataGen;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrdersTopicTest {

  @Test
  void lineSplitter_handsOverEachLineWithoutItsNewlineAndWithItsIndex() throws Exception {
    List<String> lines = new ArrayList<>();
    List<Long> indexes = new ArrayList<>();
    try (OrdersTopic.LineSplitter splitter =
        new OrdersTopic.LineSplitter(
            (i, line) -> {
              indexes.add(i);
              lines.add(new String(line, StandardCharsets.UTF_8));
            })) {
      splitter.write("ab\nc".getBytes(StandardCharsets.UTF_8));
      // A line longer than the splitter's first buffer, written in pieces.
      splitter.write(("d".repeat(300) + "\n\n").getBytes(StandardCharsets.UTF_8), 0, 302);
    }

    assertThat(lines).containsExactly("ab", "c" + "d".repeat(300), "");
    assertThat(indexes).containsExactly(0L, 1L, 2L);
  }

  @Test
  void splitGeneratorLines_equalTheGeneratorsFileLines() throws Exception {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    DataGen.writeLines(DataGen.DEFAULT_SEED, 0, 50, file);
    List<String> split = new ArrayList<>();
    try (OrdersTopic.LineSplitter splitter =
        new OrdersTopic.LineSplitter(
            (i, line) -> split.add(new String(line, StandardCharsets.UTF_8)))) {
      DataGen.writeLines(DataGen.DEFAULT_SEED, 0, 50, splitter);
    }

    assertThat(split)
        .containsExactlyElementsOf(List.of(file.toString(StandardCharsets.UTF_8).split("\n")));
  }

  @Test
  void orderId_isTheValueOfTheFirstField() {
    byte[] line =
        "{\"order_id\":\"o-0000000042\",\"customer_id\":\"c-1\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(new String(OrdersTopic.orderId(line), StandardCharsets.UTF_8))
        .isEqualTo("o-0000000042");
  }

  @Test
  void over100_countsTheGeneratedLinesWhoseAmountIsOver100() throws Exception {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    DataGen.writeLines(DataGen.DEFAULT_SEED, 0, 5000, file);
    long over100 = 0;
    for (String line : file.toString(StandardCharsets.UTF_8).split("\n")) {
      int at = line.indexOf("\"amount\":") + "\"amount\":".length();
      double amount = Double.parseDouble(line.substring(at, line.indexOf(',', at)));
      if (amount > 100) {
        over100++;
      }
    }

    assertThat(OrdersTopic.over100(5000)).isEqualTo(over100).isBetween(3000L, 4800L);
  }
}
