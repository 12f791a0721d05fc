package io.tideline.internal.exec;

import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.state.StatefulOperatorInfo;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataType;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The aggregation buffers of a stateful streaming aggregation operator ({@link
 * StateStoreAggregateExec}, {@link SessionWindowStateExec}) and what both do with them alike: the
 * buffer layout of their exchanged input and their state values, the functions that merge them,
 * their metrics and their plan string. Immutable; one per operator, shared by its tasks.
 */
final class StateAggregateBuffers {
  private final StatefulOperatorInfo info;
  private final List<Expr> grouping;
  private final List<AggregateCall> aggregates;
  private final int[] bufferOffsets;
  private final List<DataType> bufferTypes;
  private final StructType valueSchema;

  /**
   * @param input the operator's input, {@code [grouping..., buffers...]}: every function's partial
   *     buffers, in call order, after the grouping columns
   * @param valuePrefix the state value's columns before the buffers
   * @param what the operator, as "a streaming {@code what}" in an invariant failure
   */
  StateAggregateBuffers(
      StatefulOperatorInfo info,
      List<Expr> grouping,
      List<AggregateCall> aggregates,
      List<Attribute> input,
      StructType valuePrefix,
      String what) {
    this.info = info;
    this.grouping = List.copyOf(grouping);
    this.aggregates = List.copyOf(aggregates);
    StructType values = valuePrefix;
    List<DataType> types = new ArrayList<>();
    this.bufferOffsets = new int[aggregates.size() + 1];
    int at = grouping.size();
    for (int f = 0; f < aggregates.size(); f++) {
      bufferOffsets[f] = at - grouping.size();
      for (DataType type : AggregateFunction.create(aggregates.get(f), false).bufferTypes()) {
        values = values.add(input.get(at).name(), type, true);
        types.add(type);
        at++;
      }
    }
    bufferOffsets[aggregates.size()] = at - grouping.size();
    if (at != input.size()) {
      throw ExecErrors.bug(
          "a streaming " + what + "'s input has " + input.size() + " columns, expected " + at);
    }
    this.bufferTypes = List.copyOf(types);
    this.valueSchema = values;
  }

  /** Every function's buffer types, in call order. */
  List<DataType> bufferTypes() {
    return bufferTypes;
  }

  /** The state value's schema: the prefix, then every function's buffers. */
  StructType valueSchema() {
    return valueSchema;
  }

  /** Fresh functions, one per aggregate call, with no groups yet. */
  AggregateFunction[] newFunctions(boolean ansi) {
    AggregateFunction[] out = new AggregateFunction[aggregates.size()];
    for (int f = 0; f < out.length; f++) {
      out[f] = AggregateFunction.create(aggregates.get(f), ansi);
    }
    return out;
  }

  /** The buffer vectors of function {@code f} within {@code columns}, starting at {@code base}. */
  ColumnVector[] bufferColumns(ColumnVector[] columns, int base, int f) {
    return Arrays.copyOfRange(columns, base + bufferOffsets[f], base + bufferOffsets[f + 1]);
  }

  /** One empty vector per type, each with room for {@code capacity} rows. */
  static ColumnVector[] allocate(List<DataType> types, int capacity) {
    ColumnVector[] out = new ColumnVector[types.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ColumnVector.allocate(types.get(i), capacity);
    }
    return out;
  }

  /** The batches of {@code out} that have rows, as a task's output. */
  static BatchIterator nonEmpty(List<Batch> out) {
    Iterator<Batch> it = out.stream().filter(b -> b.numRows() > 0).iterator();
    return () -> it.hasNext() ? it.next() : null;
  }

  /** Names the operator for progress and adds one task's update and removal times. */
  void recordMetrics(
      String operatorName, int numPartitions, long updatesNanos, long removalsNanos) {
    info.stores().describeOperator(info.operatorId(), operatorName, numPartitions);
    info.stores().operatorMetrics(info.operatorId(), info.batchId()).addUpdatesTimeNs(updatesNanos);
    info.stores()
        .operatorMetrics(info.operatorId(), info.batchId())
        .addRemovalsTimeNs(removalsNanos);
  }

  /**
   * The operator's plan string: {@code name(keys=..., functions=[...], operator=..., batch=...,
   * mode=...<extra>, partitions=...)}.
   */
  String simpleString(String name, String extra) {
    StringBuilder sb = new StringBuilder(name).append("(keys=");
    sb.append(ExprPrinter.list(grouping)).append(", functions=[");
    for (int i = 0; i < aggregates.size(); i++) {
      sb.append(i > 0 ? ", " : "").append(ExprPrinter.print(aggregates.get(i)));
    }
    return sb.append("], operator=")
        .append(info.operatorId())
        .append(", batch=")
        .append(info.batchId())
        .append(", mode=")
        .append(info.outputMode())
        .append(extra)
        .append(", partitions=")
        .append(info.numPartitions())
        .append(')')
        .toString();
  }
}
