package io.tideline.internal.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.Row;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnVectorTest {

  @Test
  void allocate_picksThePhysicalVectorOfEachType() {
    assertThat(ColumnVector.allocate(DataTypes.DateType, 4)).isInstanceOf(IntVector.class);
    assertThat(ColumnVector.allocate(DataTypes.TimestampType, 4)).isInstanceOf(LongVector.class);
    assertThat(ColumnVector.allocate(DataTypes.StringType, 4)).isInstanceOf(BytesVector.class);
    assertThat(ColumnVector.allocate(DataTypes.BinaryType, 4)).isInstanceOf(BytesVector.class);
    assertThat(ColumnVector.allocate(DataTypes.createDecimalType(10, 2), 4))
        .isInstanceOf(DecimalVector.class);
    assertThat(ColumnVector.allocate(DataTypes.NullType, 4)).isInstanceOf(NullVector.class);
  }

  @Test
  void nulls_areTrackedPerRowAndOnlyAllocatedOnFirstNull() {
    LongVector v = new LongVector(DataTypes.LongType, 100);
    assertThat(v.mayHaveNulls()).isFalse();
    v.set(3, 7);
    v.setNull(70);
    assertThat(v.mayHaveNulls()).isTrue();
    assertThat(v.isNullAt(70)).isTrue();
    assertThat(v.isNullAt(3)).isFalse();
    assertThat(v.countNulls(100)).isEqualTo(1);
    v.setNotNull(70);
    assertThat(v.isNullAt(70)).isFalse();
    v.setNull(5);
    v.reset();
    assertThat(v.isNullAt(5)).isFalse();
  }

  @Test
  void ensureCapacity_keepsValuesAndNulls() {
    IntVector v = new IntVector(DataTypes.IntegerType, 2);
    v.set(0, 42);
    v.setNull(1);
    v.ensureCapacity(1000);
    assertThat(v.capacity()).isGreaterThanOrEqualTo(1000);
    assertThat(v.get(0)).isEqualTo(42);
    assertThat(v.isNullAt(1)).isTrue();
    v.setNull(999);
    assertThat(v.isNullAt(999)).isTrue();
  }

  @Test
  void nullVector_isNullAtEveryRowEvenAfterGrowing() {
    NullVector v = new NullVector(2);
    v.ensureCapacity(500);
    assertThat(v.isNullAt(0)).isTrue();
    assertThat(v.isNullAt(499)).isTrue();
    assertThat(v.getObject(3)).isNull();
  }

  @Test
  void bytesVector_rowsAreSlicesOfOneArray() {
    BytesVector v = new BytesVector(DataTypes.StringType, 3);
    v.appendString(0, "widget");
    v.setNull(1);
    v.appendString(2, "gadget\u00e9");
    assertThat(v.getString(0)).isEqualTo("widget");
    assertThat(v.getObject(1)).isNull();
    assertThat(v.getString(2)).isEqualTo("gadget\u00e9");
    assertThat(v.length(2)).isEqualTo(8);
    assertThat(BytesVector.compare(v, 0, v, 2)).isGreaterThan(0);
  }

  @Test
  void bytesVector_gatherSharesBytesAndLaterAppendsDoNotCorruptTheSource() {
    BytesVector src = new BytesVector(DataTypes.StringType, 3);
    src.appendString(0, "a");
    src.appendString(1, "bb");
    src.appendString(2, "ccc");
    BytesVector g = (BytesVector) src.gather(new int[] {2, 0}, 2);
    assertThat(g.data()).isSameAs(src.data());
    g.ensureCapacity(3);
    g.appendString(2, "zzzz");
    src.ensureCapacity(4);
    src.appendString(3, "dddd");
    assertThat(g.getString(0)).isEqualTo("ccc");
    assertThat(g.getString(1)).isEqualTo("a");
    assertThat(g.getString(2)).isEqualTo("zzzz");
    assertThat(src.getString(3)).isEqualTo("dddd");
    assertThat(src.getString(2)).isEqualTo("ccc");
  }

  @Test
  void bytesVector_resetOfASharingVectorLeavesTheSourceIntact() {
    BytesVector src = new BytesVector(DataTypes.StringType, 1);
    src.appendString(0, "keep");
    BytesVector view = BytesVector.sharing(DataTypes.StringType, 1, src.data());
    view.setRef(0, src.start(0), src.length(0));
    view.reset();
    view.appendString(0, "XXXX");
    assertThat(src.getString(0)).isEqualTo("keep");
    assertThat(view.getString(0)).isEqualTo("XXXX");
  }

  @Test
  void decimalVector_compactAndWideForms() {
    DecimalVector small = new DecimalVector(DataTypes.createDecimalType(10, 2), 2);
    assertThat(small.isCompact()).isTrue();
    assertThat(small.setDecimal(0, new BigDecimal("123.456"))).isTrue();
    assertThat(small.getDecimal(0)).isEqualByComparingTo("123.46");
    assertThat(small.getUnscaled(0)).isEqualTo(12346L);
    assertThat(small.setDecimal(1, new BigDecimal("123456789.1"))).isFalse();

    DecimalVector wide = new DecimalVector(DataTypes.createDecimalType(38, 10), 1);
    assertThat(wide.isCompact()).isFalse();
    wide.setObject(0, new BigDecimal("1234567890123456789012345.5"));
    assertThat(wide.getDecimal(0)).isEqualByComparingTo("1234567890123456789012345.5");
    assertThatThrownBy(() -> small.setObject(1, new BigDecimal("1e20")))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("DECIMAL(10,2)");
  }

  @Test
  void temporalVectors_convertToJavaTime() {
    LongVector ts = new LongVector(DataTypes.TimestampType, 1);
    Instant t = Instant.parse("2024-01-15T10:30:00.123456Z");
    ts.setObject(0, t);
    assertThat(ts.get(0)).isEqualTo(1705314600123456L);
    assertThat(ts.getObject(0)).isEqualTo(t);

    IntVector d = new IntVector(DataTypes.DateType, 1);
    d.setObject(0, LocalDate.of(1969, 12, 31));
    assertThat(d.get(0)).isEqualTo(-1);
    assertThat(d.getObject(0)).isEqualTo(LocalDate.of(1969, 12, 31));
  }

  @Test
  void negativeTimestamps_roundTripThroughInstant() {
    Instant t = Instant.parse("1960-06-01T00:00:00.000001Z");
    assertThat(Timestamps.toInstant(Timestamps.fromInstant(t))).isEqualTo(t);
  }

  @Test
  void nestedVectors_roundTripJavaValues() {
    StructType schema =
        new StructType()
            .add("id", DataTypes.LongType)
            .add("tags", DataTypes.createArrayType(DataTypes.StringType))
            .add("attrs", DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType));
    StructVector v = new StructVector(schema, 2);
    Row value = Row.of(1L, List.of("a", "b"), Map.of("k", 3));
    v.setObject(0, value);
    v.setObject(1, null);
    assertThat(v.getObject(0)).isEqualTo(value);
    assertThat(v.getObject(1)).isNull();

    StructVector copy = new StructVector(schema, 1);
    copy.copyFrom(v, 0, 0);
    assertThat(copy.getObject(0)).isEqualTo(value);
    assertThat(((StructVector) v.gather(new int[] {1, 0}, 2)).getObject(1)).isEqualTo(value);
  }
}
