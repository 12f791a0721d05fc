package io.tideline.testkit.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowsTest {

  @Test
  void sameMultiset_countsRepeatedRows() {
    assertThat(
            Rows.sameMultiset(
                List.of(Row.of(1), Row.of(1), Row.of(2)), List.of(Row.of(2), Row.of(1), Row.of(1))))
        .isTrue();
    assertThat(Rows.sameMultiset(List.of(Row.of(1), Row.of(1)), List.of(Row.of(1), Row.of(2))))
        .isFalse();
    assertThat(Rows.sameMultiset(List.of(Row.of(1)), List.of(Row.of(1), Row.of(1)))).isFalse();
  }

  @Test
  void duplicates_listsEachRepeatedRowOnce() {
    assertThat(Rows.duplicates(List.of(Row.of(1), Row.of(2), Row.of(1), Row.of(1))))
        .containsExactly(Row.of(1));
  }

  @Test
  void sideBySide_marksDifferingLines() {
    String text =
        Rows.sideBySide(List.of(Row.of(1), Row.of(3)), List.of(Row.of(2), Row.of(1)), false);
    assertThat(text)
        .contains("Expected (2 rows) | Actual (2 rows), any order")
        .contains("  [1]  |  [1]")
        .contains("! [3]  |  [2]");
  }
}
