package io.tideline.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.state.StatefulOperatorInfo;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.streaming.OutputMode;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateAggregateBuffersTest extends ExecTestSupport {
  private final Attribute k = attr("k", DataTypes.StringType);
  private final Attribute v = attr("v", DataTypes.DoubleType);
  private final AggregateCall count =
      new AggregateCall(
          "count", List.of(Literal.of(1)), false, DataTypes.LongType, false, List.of());
  private final AggregateCall avg =
      new AggregateCall("avg", List.of(v), false, DataTypes.DoubleType, true, List.of());
  private final StatefulOperatorInfo info =
      new StatefulOperatorInfo(4, 7, 3, OutputMode.UPDATE, 0, null);
  private final List<Attribute> input =
      List.of(
          k,
          attr("count", DataTypes.LongType),
          attr("sum", DataTypes.DoubleType),
          attr("cnt", DataTypes.LongType));

  private StateAggregateBuffers buffers(StructType prefix) {
    return new StateAggregateBuffers(
        info, List.<Expr>of(k), List.of(count, avg), input, prefix, "aggregation");
  }

  @Test
  void layout_followsTheInputsBuffersAfterTheValuePrefix() {
    StateAggregateBuffers buffers =
        buffers(new StructType().add("sessionEndTime", DataTypes.TimestampType, false));

    assertThat(buffers.bufferTypes())
        .containsExactly(DataTypes.LongType, DataTypes.DoubleType, DataTypes.LongType);
    assertThat(buffers.valueSchema().fieldNames())
        .containsExactly("sessionEndTime", "count", "sum", "cnt");
    ColumnVector[] columns =
        StateAggregateBuffers.allocate(
            List.of(
                DataTypes.StringType, DataTypes.LongType, DataTypes.DoubleType, DataTypes.LongType),
            4);
    assertThat(buffers.bufferColumns(columns, 1, 0)).containsExactly(columns[1]);
    assertThat(buffers.bufferColumns(columns, 1, 1)).containsExactly(columns[2], columns[3]);
    assertThat(buffers.newFunctions(false)).hasSize(2);
  }

  @Test
  void inputWiderThanTheBuffers_isABug() {
    List<Attribute> wider = new ArrayList<>(input);
    wider.add(attr("extra", DataTypes.LongType));

    assertThatThrownBy(
            () ->
                new StateAggregateBuffers(
                    info,
                    List.<Expr>of(k),
                    List.of(count, avg),
                    wider,
                    new StructType(),
                    "session aggregation"))
        .hasMessageContaining("Bug in Tideline")
        .hasMessageContaining("a streaming session aggregation's input has 5 columns, expected 4");
  }

  @Test
  void simpleString_namesKeysFunctionsOperatorAndExtra() {
    String plan = buffers(new StructType()).simpleString("SessionWindowStateAggregate", ", x=1");

    assertThat(plan)
        .startsWith("SessionWindowStateAggregate(keys=[k")
        .contains("functions=[count(1), avg(v")
        .endsWith("operator=4, batch=7, mode=Update, x=1, partitions=3)");
  }
}
