package io.tideline.testkit.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryHistoryTest {
  private static final List<Row> INPUT =
      List.of(Row.of("a", 1), Row.of("b", 1), Row.of("a", 2), Row.of("a", 3));

  @Test
  void sameRowsInOrder_isExactlyOnce() {
    DeliveryHistory h = DeliveryHistory.check(INPUT, INPUT, r -> r.get(0));
    assertThat(h.isExactlyOnce()).as(h.describe()).isTrue();
  }

  @Test
  void lostDuplicatedAndUnexpectedRows_areNamed() {
    List<Row> output = List.of(Row.of("a", 1), Row.of("a", 1), Row.of("b", 1), Row.of("c", 9));
    DeliveryHistory h = DeliveryHistory.check(INPUT, output);
    assertThat(h.lost()).containsExactlyInAnyOrder(Row.of("a", 2), Row.of("a", 3));
    assertThat(h.duplicated()).containsExactly(Row.of("a", 1));
    assertThat(h.unexpected()).containsExactly(Row.of("c", 9));
    assertThat(h.isExactlyOnce()).isFalse();
  }

  @Test
  void rowOfAKeyBeforeAnEarlierOne_isOutOfOrder_otherKeysMayInterleave() {
    List<Row> output = List.of(Row.of("a", 1), Row.of("a", 3), Row.of("b", 1), Row.of("a", 2));
    DeliveryHistory h = DeliveryHistory.check(INPUT, output, r -> r.get(0));
    assertThat(h.outOfOrder()).containsExactly("key a: [a,2] arrived after [a,3]");
    assertThat(DeliveryHistory.check(INPUT, output).isExactlyOnce()).isTrue();
  }
}
