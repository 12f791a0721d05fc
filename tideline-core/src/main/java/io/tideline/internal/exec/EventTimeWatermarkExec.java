package io.tideline.internal.exec;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.EventTimeColumns;
import io.tideline.internal.plan.EventTimeStats;
import io.tideline.internal.plan.EventTimeStatsCollector;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.internal.vector.StructVector;
import java.util.List;

/**
 * The physical {@code withWatermark}: Spark's {@code EventTimeWatermarkExec}. Passes its child's
 * batches through untouched and adds the event times of their live rows to this batch's stats, once
 * per batch of rows; it drops nothing (the stateful operators above drop late rows).
 *
 * <p>Event times are microseconds in the vectors and milliseconds in the stats, divided as Spark
 * divides them (truncating). A window struct column contributes its {@code end}. Null event times
 * are skipped; Spark counts them as epoch 0, which can only lower {@code min} and {@code avg}.
 */
public final class EventTimeWatermarkExec extends ExecNode {
  private final ExecNode child;
  private final Attribute eventTime;
  private final EventTimeStatsCollector.Pass stats;
  private final int column;
  private final int endField;

  public EventTimeWatermarkExec(
      Attribute eventTime, ExecNode child, EventTimeStatsCollector.Pass stats) {
    this.child = child;
    this.eventTime = eventTime;
    this.stats = stats;
    int found = -1;
    List<Attribute> in = child.output();
    for (int i = 0; i < in.size(); i++) {
      if (in.get(i).exprId() == eventTime.exprId()) {
        found = i;
      }
    }
    if (found < 0) {
      throw ExecErrors.bug("the event-time column " + eventTime.name() + " was pruned away");
    }
    this.column = found;
    this.endField = EventTimeColumns.endField(eventTime.dataType());
  }

  @Override
  public List<Attribute> output() {
    return child.output();
  }

  @Override
  public List<ExecNode> children() {
    return List.of(child);
  }

  @Override
  public int numPartitions() {
    return child.numPartitions();
  }

  @Override
  public BatchIterator execute(int partition, TaskContext ctx) {
    BatchIterator input = child.execute(partition, ctx);
    return new BatchIterator() {
      @Override
      public Batch next() {
        Batch b = input.next();
        if (b != null && b.size() > 0) {
          stats.add(statsOf(b));
        }
        return b;
      }

      @Override
      public void close() {
        input.close();
      }
    };
  }

  private EventTimeStats statsOf(Batch b) {
    ColumnVector v = b.column(column);
    if (endField >= 0) {
      StructVector s = (StructVector) v;
      v = s.child(endField);
      // A null window has no end, whatever its child vector holds.
      return statsOf((LongVector) v, s, b);
    }
    return statsOf((LongVector) v, v, b);
  }

  private static EventTimeStats statsOf(LongVector times, ColumnVector nulls, Batch b) {
    long[] values = times.values();
    boolean mayBeNull = nulls.mayHaveNulls() || times.mayHaveNulls();
    long max = Long.MIN_VALUE;
    long min = Long.MAX_VALUE;
    long count = 0;
    long base = 0;
    double offsets = 0;
    int n = b.size();
    for (int k = 0; k < n; k++) {
      int row = b.rowAt(k);
      if (mayBeNull && (nulls.isNullAt(row) || times.isNullAt(row))) {
        continue;
      }
      long ms = values[row] / 1000;
      if (count == 0) {
        base = ms;
      }
      max = Math.max(max, ms);
      min = Math.min(min, ms);
      // Offsets from the first value keep the sum exact where epoch millis would lose digits.
      offsets += ms - base;
      count++;
    }
    return count == 0
        ? EventTimeStats.EMPTY
        : new EventTimeStats(max, min, base + offsets / count, count);
  }

  @Override
  public String simpleString() {
    return "EventTimeWatermark(" + eventTime.name() + "#" + eventTime.exprId() + ")";
  }
}
