package io.tideline.internal.eval;

import static io.tideline.internal.eval.EvalTesting.batch;
import static io.tideline.internal.eval.EvalTesting.column;
import static io.tideline.internal.eval.EvalTesting.eval;
import static io.tideline.internal.eval.EvalTesting.lit;
import static io.tideline.internal.eval.EvalTesting.ref;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.Row;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.internal.vector.Batch;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON kernels' plumbing (null inputs, selections) over the JSON engineer's decoder, encoder
 * and path extractor: these pass once that work is merged over the placeholders.
 */
class JsonKernelsTest {
  private static final StructType SCHEMA =
      new StructType().add("a", DataTypes.IntegerType).add("b", DataTypes.StringType);

  @Test
  void fromJson_decodesLiveRowsAndKeepsNullInputsNull() {
    ScalarCall call =
        new ScalarCall(
            "from_json",
            List.of(ref(0, DataTypes.StringType)),
            SCHEMA,
            true,
            List.of(SCHEMA, Map.of()));
    Batch b =
        batch(column(DataTypes.StringType, "{\"a\":1,\"b\":\"x\"}", null, "{\"a\":2}"))
            .withSelection(new int[] {1, 2}, 2);
    assertThat(eval(call, b, true)).containsExactly(null, Row.of(2, null));
  }

  @Test
  void toJson_encodesStructs() {
    ScalarCall call =
        new ScalarCall("to_json", List.of(ref(0, SCHEMA)), DataTypes.StringType, true, List.of());
    Batch b = batch(column(SCHEMA, Row.of(1, "x"), null));
    assertThat(eval(call, b, true)).containsExactly("{\"a\":1,\"b\":\"x\"}", null);
  }

  @Test
  void getJsonObject_extractsPath() {
    ScalarCall call =
        new ScalarCall(
            "get_json_object",
            List.of(ref(0, DataTypes.StringType), lit("$.a.b", DataTypes.StringType)),
            DataTypes.StringType,
            true,
            List.of());
    Batch b = batch(column(DataTypes.StringType, "{\"a\":{\"b\":2}}", null));
    assertThat(eval(call, b, true)).containsExactly("2", null);
  }
}
