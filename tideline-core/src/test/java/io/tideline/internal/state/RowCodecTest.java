package io.tideline.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.Row;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class RowCodecTest {

  @Property(tries = 300)
  void roundTrip_decodesEveryRowAsEncoded(@ForAll long seed) {
    RandomRows random = new RandomRows(seed);
    StructType schema = random.schema(2);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rows.add(random.row(schema));
    }
    ColumnVector[] in = RandomRows.columns(schema, rows);
    RowCodec codec = RowCodec.forValues(schema);
    // Decode in reverse order into reused vectors so rows land at other physical positions.
    ColumnVector[] out = RandomRows.emptyColumns(schema, 2);
    for (int r = rows.size() - 1; r >= 0; r--) {
      byte[] bytes = codec.encode(in, r);
      int target = r % 2;
      codec.decode(bytes, out, target);
      assertThat(RandomRows.canonical(out, target))
          .as("row %d of %s", r, schema.simpleString())
          .isEqualTo(RandomRows.canonical(in, r));
      assertThat(codec.encode(out, target)).isEqualTo(bytes);
    }
  }

  @Property(tries = 300)
  void keyCodec_equalRowsGiveEqualBytesWhereverTheyAreStored(@ForAll long seed) {
    RandomRows random = new RandomRows(seed);
    StructType schema = random.schema(2);
    Row row = random.row(schema);
    Row other = random.row(schema);
    RowCodec codec = new RowCodec(schema);
    ColumnVector[] a = RandomRows.columns(schema, List.of(row));
    ColumnVector[] b = RandomRows.columns(schema, List.of(other, other, row));
    assertThat(codec.encode(b, 2)).isEqualTo(codec.encode(a, 0));
    // Decoding the bytes and encoding again is stable, so stored keys stay equal after a restart.
    ColumnVector[] decoded = RandomRows.emptyColumns(schema, 1);
    codec.decode(codec.encode(a, 0), decoded, 0);
    assertThat(codec.encode(decoded, 0)).isEqualTo(codec.encode(a, 0));
  }

  @Test
  void keyCodec_normalisesNegativeZeroAndNaNAsSparkGroupingKeys() {
    StructType schema =
        new StructType().add("d", DataTypes.DoubleType).add("f", DataTypes.FloatType);
    RowCodec codec = new RowCodec(schema);
    byte[] positive = codec.encode(RandomRows.columns(schema, List.of(Row.of(0.0d, 0.0f))), 0);
    byte[] negative = codec.encode(RandomRows.columns(schema, List.of(Row.of(-0.0d, -0.0f))), 0);
    assertThat(negative).isEqualTo(positive);
    double oddNaN = Double.longBitsToDouble(0x7ff8000000000123L);
    float oddFloatNaN = Float.intBitsToFloat(0x7fc00456);
    byte[] nan =
        codec.encode(RandomRows.columns(schema, List.of(Row.of(Double.NaN, Float.NaN))), 0);
    byte[] otherNaN =
        codec.encode(RandomRows.columns(schema, List.of(Row.of(oddNaN, oddFloatNaN))), 0);
    assertThat(otherNaN).isEqualTo(nan);
  }

  @Test
  void decode_nullStructNullsItsFieldsLikeStructVector() {
    StructType inner = new StructType().add("a", DataTypes.LongType).add("s", DataTypes.StringType);
    StructType schema = new StructType().add("w", inner);
    RowCodec codec = new RowCodec(schema);
    ColumnVector[] out = RandomRows.columns(schema, List.of(Row.of(Row.of(1L, "x"))));
    codec.decode(
        codec.encode(RandomRows.columns(schema, List.of(Row.of((Object) null))), 0), out, 0);
    StructVector w = (StructVector) out[0];
    assertThat(w.isNullAt(0)).isTrue();
    assertThat(w.child(0).isNullAt(0)).isTrue();
    assertThat(w.child(1).isNullAt(0)).isTrue();
  }

  @Test
  void valueCodec_keepsNegativeZero() {
    StructType schema = new StructType().add("d", DataTypes.DoubleType);
    RowCodec codec = RowCodec.forValues(schema);
    byte[] bytes = codec.encode(RandomRows.columns(schema, List.of(Row.of(-0.0d))), 0);
    ColumnVector[] out = RandomRows.emptyColumns(schema, 1);
    codec.decode(bytes, out, 0);
    assertThat(Double.doubleToRawLongBits(((DoubleVector) out[0]).get(0)))
        .isEqualTo(Double.doubleToRawLongBits(-0.0d));
  }

  @Test
  void encode_fixedWidthRowIsBitmapPlusSlots() {
    StructType schema =
        new StructType()
            .add("id", DataTypes.LongType)
            .add("n", DataTypes.IntegerType)
            .add("ok", DataTypes.BooleanType);
    byte[] bytes =
        new RowCodec(schema).encode(RandomRows.columns(schema, List.of(Row.of(7L, null, true))), 0);
    assertThat(bytes).hasSize(1 + 8 + 4 + 1);
    assertThat(bytes[0]).isEqualTo((byte) 0b010);
  }

  @Test
  void fieldAccessors_readTopLevelFieldsWithoutDecoding() {
    StructType schema =
        new StructType()
            .add("name", DataTypes.StringType)
            .add("ts", DataTypes.TimestampType)
            .add("day", DataTypes.DateType)
            .add("price", DataTypes.createDecimalType(10, 2));
    RowCodec codec = new RowCodec(schema);
    byte[] bytes =
        codec.encode(
            RandomRows.columns(
                schema,
                List.of(Row.of("abc", 1_700_000_000_000_000L, null, new BigDecimal("12.34")))),
            0);
    assertThat(codec.getLong(bytes, 1)).isEqualTo(1_700_000_000_000_000L);
    assertThat(codec.getLong(bytes, 3)).isEqualTo(1234L);
    assertThat(codec.isNullAt(bytes, 2)).isTrue();
    assertThat(codec.isNullAt(bytes, 0)).isFalse();
    assertThatThrownBy(() -> codec.getLong(bytes, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name");
  }
}
