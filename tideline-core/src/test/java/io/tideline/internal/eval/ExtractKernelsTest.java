package io.tideline.internal.eval;

import static io.tideline.internal.eval.EvalTesting.batch;
import static io.tideline.internal.eval.EvalTesting.column;
import static io.tideline.internal.eval.EvalTesting.ctx;
import static io.tideline.internal.eval.EvalTesting.eval;
import static io.tideline.internal.eval.EvalTesting.lit;
import static io.tideline.internal.eval.EvalTesting.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.Row;
import io.tideline.internal.expr.GetArrayItem;
import io.tideline.internal.expr.GetMapValue;
import io.tideline.internal.expr.GetStructField;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtractKernelsTest {
  private static final DataType INT = DataTypes.IntegerType;
  private static final DataType STRING = DataTypes.StringType;
  private static final StructType ST = new StructType().add("id", INT).add("name", STRING);

  @Test
  void getStructField_withoutStructNulls_returnsChildVectorItself() {
    ColumnVector structs = column(ST, Row.of(1, "a"), Row.of(2, "b"));
    GetStructField g = new GetStructField(ref(0, ST), 1, "name");
    ColumnVector out = ExprCompiler.compile(g, ctx(true)).eval(batch(structs));
    assertThat(out).isSameAs(((StructVector) structs).child(1));
  }

  @Test
  void getStructField_appliesStructNulls() {
    Batch b = batch(column(ST, Row.of(1, "a"), null, Row.of(3, null)));
    assertThat(eval(new GetStructField(ref(0, ST), 0, "id"), b, true)).containsExactly(1, null, 3);
    assertThat(eval(new GetStructField(ref(0, ST), 1, "name"), b, true))
        .containsExactly("a", null, null);
  }

  @Test
  void getStructField_structNullMasksNonNullChildValue() {
    ColumnVector ids = column(INT, 10, 20);
    ColumnVector names = column(STRING, "x", "y");
    StructVector s = new StructVector(ST, new ColumnVector[] {ids, names}, 2);
    s.setNull(0);
    Batch b = batch(s);
    assertThat(eval(new GetStructField(ref(0, ST), 0, "id"), b, true)).containsExactly(null, 20);
    assertThat(eval(new GetStructField(ref(0, ST), 1, "name"), b, true)).containsExactly(null, "y");
    assertThat(ids.isNullAt(0)).as("the input column is never written").isFalse();
  }

  @Test
  void getArrayItem_pastTheEnd_failsUnderAnsiAndIsNullOtherwise() {
    DataType arr = DataTypes.createArrayType(STRING);
    Batch b = batch(column(arr, List.of("x", "y"), Arrays.asList("z", null), null));
    GetArrayItem first = new GetArrayItem(ref(0, arr), lit(0, INT));
    GetArrayItem second = new GetArrayItem(ref(0, arr), lit(1, INT));
    assertThat(eval(first, b, true)).containsExactly("x", "z", null);
    assertThat(eval(second, b, true)).containsExactly("y", null, null);
    GetArrayItem third = new GetArrayItem(ref(0, arr), lit(2, INT));
    assertThatThrownBy(() -> eval(third, b, true))
        .hasMessageContaining(
            "[INVALID_ARRAY_INDEX] The index 2 is out of bounds. The array has 2 elements.");
    assertThat(eval(third, b, false)).containsExactly(null, null, null);
  }

  @Test
  void getMapValue_missingKeyIsNull() {
    DataType map = DataTypes.createMapType(STRING, INT);
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("a", 1);
    m.put("b", null);
    Batch b = batch(column(map, m, Map.of("c", 3), null));
    assertThat(eval(new GetMapValue(ref(0, map), lit("a", STRING)), b, true))
        .containsExactly(1, null, null);
    assertThat(eval(new GetMapValue(ref(0, map), lit("b", STRING)), b, true))
        .containsExactly(null, null, null);
    assertThat(eval(new GetMapValue(ref(0, map), lit("c", STRING)), b, true))
        .containsExactly(null, 3, null);
  }
}
