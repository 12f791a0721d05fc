package io.tideline.internal.exec;

import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataType;
import java.util.List;
import java.util.Locale;

/**
 * The columnar state of one aggregate function over all groups of one task: accumulators are
 * primitive arrays indexed by group id, never an object per group.
 *
 * <p>Lifecycle: {@link #resize} whenever the group count grew, then {@link #update} with evaluated
 * arguments (raw input) or {@link #merge} with partial buffers (the columns {@link #bufferTypes()}
 * describes, as another task's {@link #writeBuffers} wrote them); at the end either {@link
 * #writeBuffers} (partial aggregation) or {@link #result} (final). In every call the {@code k}-th
 * live row of {@code batch} belongs to group {@code groupIds[k]}; vectors are row-aligned with the
 * batch.
 */
abstract class AggregateFunction {
  protected final AggregateCall call;

  protected AggregateFunction(AggregateCall call) {
    this.call = call;
  }

  abstract List<DataType> bufferTypes();

  abstract void resize(int numGroups);

  abstract void update(ColumnVector[] args, Batch batch, int[] groupIds);

  abstract void merge(ColumnVector[] buffers, Batch batch, int[] groupIds);

  /** Writes groups {@code 0..numGroups-1} into {@code out}, one vector per buffer type. */
  abstract void writeBuffers(ColumnVector[] out, int numGroups);

  /** The final values of groups {@code 0..numGroups-1}, of the call's result type. */
  abstract ColumnVector result(int numGroups);

  /** The state for {@code call} with Spark's semantics for its name. */
  static AggregateFunction create(AggregateCall call, boolean ansi) {
    String name = call.name().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "count" -> new CountFunction(call);
      case "sum" -> SumFunction.create(call, ansi);
      case "avg", "mean" -> AvgFunction.create(call, ansi);
      case "min" -> new MinMaxFunction(call, false);
      case "max" -> new MinMaxFunction(call, true);
      case "first", "first_value" -> new FirstLastFunction(call, false);
      case "last", "last_value" -> new FirstLastFunction(call, true);
      case "approx_count_distinct" -> new ApproxCountDistinctFunction(call);
      default -> throw ExecErrors.unsupportedAggregate(call.sql());
    };
  }

  static long[] grow(long[] a, int n) {
    return a.length >= n ? a : java.util.Arrays.copyOf(a, Math.max(n, a.length * 2));
  }

  static double[] grow(double[] a, int n) {
    return a.length >= n ? a : java.util.Arrays.copyOf(a, Math.max(n, a.length * 2));
  }

  static boolean[] grow(boolean[] a, int n) {
    return a.length >= n ? a : java.util.Arrays.copyOf(a, Math.max(n, a.length * 2));
  }
}
