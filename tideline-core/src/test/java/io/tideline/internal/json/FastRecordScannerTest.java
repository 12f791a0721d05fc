package io.tideline.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.vector.StructVector;
import io.tideline.types.StructType;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class FastRecordScannerTest {
  private static final StructType SCHEMA =
      JsonTestSupport.schema("s STRING, l BIGINT, d DOUBLE, b BOOLEAN, t TIMESTAMP, dt DATE");

  private final JsonOptions options = new JsonOptions(Map.of(), ZoneOffset.UTC);
  private final FastRecordScanner scanner = FastRecordScanner.forSchema(SCHEMA, options, -1);
  private final StructVector out = new StructVector(SCHEMA, 1);

  private boolean decode(String json) {
    byte[] b = ("##" + json + "##").getBytes(StandardCharsets.UTF_8);
    out.reset();
    return scanner.decode(b, 2, b.length - 2, out, 0);
  }

  @Test
  void decode_plainRecord_isHandledWithSparkValues() {
    assertThat(
            decode(
                "{\"x\":{\"n\":[1,\"a\\\"b\"]}, \"t\":\"2024-01-15T10:30:00Z\",\"s\":\"tablet\","
                    + "\"d\":443.21,\"l\":-42,\"b\":true,\"dt\":\"2024-01-15\"}"))
        .isTrue();
    assertThat(out.child(0).getObject(0)).isEqualTo("tablet");
    assertThat(out.child(1).getObject(0)).isEqualTo(-42L);
    assertThat(out.child(2).getObject(0)).isEqualTo(443.21);
    assertThat(out.child(3).getObject(0)).isEqualTo(true);
    assertThat(((io.tideline.internal.vector.LongVector) out.child(4)).get(0))
        .isEqualTo(1_705_314_600_000_000L);
    assertThat(((io.tideline.internal.vector.IntVector) out.child(5)).get(0)).isEqualTo(19_737);
  }

  @Test
  void decode_missingAndNullFields_areNull() {
    assertThat(decode("{\"s\":null}")).isTrue();
    for (int f = 0; f < SCHEMA.size(); f++) {
      assertThat(out.child(f).isNullAt(0)).isTrue();
    }
  }

  @Test
  void decode_numberOrBooleanIntoString_keepsItsJsonText() {
    assertThat(decode("{\"s\":1.50E+3}")).isTrue();
    assertThat(out.child(0).getObject(0)).isEqualTo("1.50E+3");
    assertThat(decode("{\"s\":false}")).isTrue();
    assertThat(out.child(0).getObject(0)).isEqualTo("false");
  }

  @Test
  void decode_integerMinusZeroIntoDouble_isPositiveZero_asJackson() {
    assertThat(decode("{\"d\":-0}")).isTrue();
    assertThat(out.child(2).getObject(0)).isEqualTo(0.0);
    assertThat(decode("{\"d\":-0.0}")).isTrue();
    assertThat(out.child(2).getObject(0)).isEqualTo(-0.0);
  }

  @Test
  void decode_integerSecondsIntoTimestamp_isMicros() {
    assertThat(decode("{\"t\":1700000000}")).isTrue();
    assertThat(((io.tideline.internal.vector.LongVector) out.child(4)).get(0))
        .isEqualTo(1_700_000_000_000_000L);
  }

  @Test
  void decode_unusualRecords_areDeclinedWithoutWriting() {
    String[] declined = {
      "{\"s\":\"a\\nb\"}", // escape in a needed string
      "{\"s\":\"caf\u00e9\"}", // non-ASCII
      "{\"s\":{\"a\":1}}", // nested value for a needed scalar
      "{\"s\":\"a\",\"s\":\"b\"}", // duplicate needed key
      "{\"\\u0073\":\"a\"}", // escaped key
      "{\"l\":1.5}", // wrong type: Spark's partial result is Jackson's
      "{\"l\":12345678901234567890}", // out of range
      "{\"d\":\"NaN\"}", // special string
      "{\"t\":\"15/01/2024\"}", // not ISO
      "{\"s\":'a'}", // single quotes
      "{\"l\":01}", // leading zero
      "{\"x\":[1,]}", // malformed skipped value
      "{\"s\":\"a\"} x", // trailing text
      "{\"s\":\"a\"", // truncated
      "[{\"s\":\"a\"}]", // top-level array
      "{\"s\":\"a\"}\u000b", // vertical tab is not JSON white space
      "{\"x\":{\"" + "k".repeat(2000) + "\":1},\"s\":\"a\"}", // Jackson limits name lengths
    };
    for (String json : declined) {
      out.reset();
      ((io.tideline.internal.vector.BytesVector) out.child(0)).appendString(0, "kept");
      byte[] b = json.getBytes(StandardCharsets.UTF_8);
      assertThat(scanner.decode(b, 0, b.length, out, 0)).as(json).isFalse();
      assertThat(out.child(0).getObject(0)).as(json).isEqualTo("kept");
      assertThat(out.child(1).isNullAt(0)).as(json).isFalse();
    }
  }

  @Test
  void forSchema_nestedOrUnsupportedTypes_useJackson() {
    assertThat(FastRecordScanner.forSchema(JsonTestSupport.schema("a ARRAY<INT>"), options, -1))
        .isNull();
    assertThat(FastRecordScanner.forSchema(JsonTestSupport.schema("a FLOAT"), options, -1))
        .isNull();
    assertThat(FastRecordScanner.forSchema(JsonTestSupport.schema("a DECIMAL(10,2)"), options, -1))
        .isNull();
  }

  @Test
  void findSpecial_findsFirstQuoteBackslashControlOrNonAscii() {
    byte[] b = "abcdefghij\"klmnopqrstuvwxyz".getBytes(StandardCharsets.UTF_8);
    assertThat(FastRecordScanner.findSpecial(b, 0, b.length)).isEqualTo(10);
    assertThat(FastRecordScanner.findSpecial(b, 11, b.length)).isEqualTo(b.length);
    byte[] c = "abcdefgh\u0001".getBytes(StandardCharsets.UTF_8);
    assertThat(FastRecordScanner.findSpecial(c, 0, c.length)).isEqualTo(8);
    byte[] u = "ab\u00e9".getBytes(StandardCharsets.UTF_8);
    assertThat(FastRecordScanner.findSpecial(u, 0, u.length)).isEqualTo(2);
  }

  @Property(tries = 2000)
  void parseDouble_equalsDoubleParseDouble(@ForAll double value, @ForAll boolean scientific) {
    String text = scientific ? String.format("%.6e", value) : Double.toString(value);
    if (!Double.isFinite(value)) {
      return;
    }
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    assertThat(FastRecordScanner.parseDouble(b, 0, b.length)).isEqualTo(Double.parseDouble(text));
  }

  @Property(tries = 2000)
  void parseDouble_shortDecimals_equalDoubleParseDouble(
      @ForAll long units, @ForAll("fractions") int decimals) {
    String digits = Long.toString(Math.abs(units % 1_000_000_000_000L));
    String text =
        decimals == 0 || digits.length() <= decimals
            ? digits + ".5"
            : digits.substring(0, digits.length() - decimals)
                + "."
                + digits.substring(digits.length() - decimals);
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    assertThat(FastRecordScanner.parseDouble(b, 0, b.length)).isEqualTo(Double.parseDouble(text));
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Integer> fractions() {
    return net.jqwik.api.Arbitraries.integers().between(0, 8);
  }
}
