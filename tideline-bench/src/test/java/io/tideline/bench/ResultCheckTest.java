package io.tideline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultCheckTest {
  private static final List<ProductTotals> EXPECTED =
      List.of(new ProductTotals("camera", 1_000_000.25, 10), new ProductTotals("phone", 5.5, 2));

  @Test
  void differences_sumsWithinRelativeTolerance_agree() {
    List<ProductTotals> actual =
        List.of(
            new ProductTotals("phone", 5.5 * (1 + 5e-7), 2),
            new ProductTotals("camera", 1_000_000.25 * (1 - 9e-7), 10));

    assertThat(ResultCheck.differences(EXPECTED, actual)).isEmpty();
  }

  @Test
  void differences_sumBeyondTolerance_isReported() {
    List<ProductTotals> actual =
        List.of(
            new ProductTotals("camera", 1_000_000.25 * (1 + 2e-6), 10),
            new ProductTotals("phone", 5.5, 2));

    assertThat(ResultCheck.differences(EXPECTED, actual))
        .singleElement()
        .asString()
        .contains("'camera': sum")
        .contains("expected 1000000.250000");
  }

  @Test
  void differences_countsMustBeExact_andProductsMatch() {
    List<ProductTotals> actual =
        List.of(new ProductTotals("camera", 1_000_000.25, 11), new ProductTotals("tablet", 1.0, 1));

    assertThat(ResultCheck.differences(EXPECTED, actual))
        .containsExactly(
            "  'camera': count 11, expected 10",
            "  missing product 'phone'",
            "  unexpected product 'tablet'");
  }

  @Test
  void differences_duplicateProduct_isReported() {
    List<ProductTotals> actual = List.of(EXPECTED.get(0), EXPECTED.get(1), EXPECTED.get(1));

    assertThat(ResultCheck.differences(EXPECTED, actual))
        .anySatisfy(d -> assertThat(d).contains("more than once"));
  }
}
