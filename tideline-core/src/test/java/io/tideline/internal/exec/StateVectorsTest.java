package io.tideline.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.BoundReference;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateVectorsTest {
  private static final int ROWS_PER_BATCH = 1000;
  private static final int BATCHES = 500;

  private static AggregateCall call(String name) {
    return new AggregateCall(
        name,
        List.of(new BoundReference(0, DataTypes.StringType, true)),
        false,
        DataTypes.StringType,
        true,
        List.of());
  }

  /** Feeds 500k rising 30-byte strings into one group: every row replaces the state. */
  private static ColumnVector feedRisingStrings(AggregateFunction fn) {
    int[] groups = new int[ROWS_PER_BATCH];
    for (int b = 0; b < BATCHES; b++) {
      BytesVector v = new BytesVector(DataTypes.StringType, ROWS_PER_BATCH);
      for (int i = 0; i < ROWS_PER_BATCH; i++) {
        v.appendString(i, String.format("value-%024d", (long) b * ROWS_PER_BATCH + i));
      }
      fn.resize(1);
      fn.update(new ColumnVector[] {v}, new Batch(new ColumnVector[] {v}, ROWS_PER_BATCH), groups);
    }
    return fn.result(1);
  }

  @Test
  void maxOfRisingStrings_keepsStateBytesBounded() {
    ColumnVector result = feedRisingStrings(new MinMaxFunction(call("max"), true));
    assertThat(result.getObject(0))
        .isEqualTo(String.format("value-%024d", (long) BATCHES * ROWS_PER_BATCH - 1));
    assertThat(((BytesVector) result).dataSize()).isLessThan(3 << 20);
  }

  @Test
  void lastOfStrings_keepsStateBytesBounded() {
    ColumnVector result = feedRisingStrings(new FirstLastFunction(call("last"), true));
    assertThat(result.getObject(0))
        .isEqualTo(String.format("value-%024d", (long) BATCHES * ROWS_PER_BATCH - 1));
    assertThat(((BytesVector) result).dataSize()).isLessThan(3 << 20);
  }
}
