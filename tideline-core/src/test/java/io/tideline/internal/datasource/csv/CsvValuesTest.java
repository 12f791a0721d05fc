package io.tideline.internal.datasource.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class CsvValuesTest {
  private final CsvValues values = new CsvValues();

  private boolean simple(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return values.parseSimpleDouble(b, 0, b.length);
  }

  @Test
  void parseSimpleDouble_acceptsPlainDecimalsLikeJava() {
    for (String s :
        new String[] {
          "0", "-0.0", "1.5", "+2.25", ".5", "5.", "123456789012345", "0.1", "-99.99"
        }) {
      assertThat(simple(s)).as(s).isTrue();
      assertThat(Double.doubleToRawLongBits(values.doubleValue))
          .as(s)
          .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
    }
  }

  @Test
  void parseSimpleDouble_leavesOtherFormsToJava() {
    for (String s :
        new String[] {
          "", "-", ".", "+", "1e5", "1.2.3", "NaN", "1d", " 1", "1234567890123456", "a"
        }) {
      assertThat(simple(s)).as(s).isFalse();
    }
  }

  @Property(tries = 2000)
  void parseSimpleDouble_agreesWithJavaOnPrintedDoubles(
      @ForAll @DoubleRange(min = -1e9, max = 1e9) double d) {
    String s =
        new java.math.BigDecimal(d).setScale(4, java.math.RoundingMode.HALF_UP).toPlainString();
    if (simple(s)) {
      assertThat(values.doubleValue).isEqualTo(Double.parseDouble(s));
    }
  }

  @Test
  void parseIntegral_rangesAndOverflow() {
    byte[] max = "9223372036854775807".getBytes(StandardCharsets.UTF_8);
    assertThat(values.parseIntegral(max, 0, max.length, Long.MIN_VALUE, Long.MAX_VALUE)).isTrue();
    assertThat(values.longValue).isEqualTo(Long.MAX_VALUE);
    byte[] min = "-9223372036854775808".getBytes(StandardCharsets.UTF_8);
    assertThat(values.parseIntegral(min, 0, min.length, Long.MIN_VALUE, Long.MAX_VALUE)).isTrue();
    assertThat(values.longValue).isEqualTo(Long.MIN_VALUE);
    byte[] over = "9223372036854775808".getBytes(StandardCharsets.UTF_8);
    assertThat(values.parseIntegral(over, 0, over.length, Long.MIN_VALUE, Long.MAX_VALUE))
        .isFalse();
    byte[] plus = "+12".getBytes(StandardCharsets.UTF_8);
    assertThat(values.parseIntegral(plus, 0, plus.length, 0, 100)).isTrue();
    assertThat(values.longValue).isEqualTo(12);
    byte[] sp = " 1".getBytes(StandardCharsets.UTF_8);
    assertThat(values.parseIntegral(sp, 0, sp.length, 0, 100)).isFalse();
  }
}
