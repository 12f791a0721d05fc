package io.tideline.internal.exec;

import io.tideline.internal.eval.VectorEvaluator;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.streaming.IntervalStrings;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Assigns each row its own session ({@code SessionWindowAssign}): prepends the column {@code
 * session_window {start: t, end: t + gap}} and drops rows whose time is null or whose gap is null
 * or not positive, as Spark's {@code SessionWindowing} filter does. A per-row gap is a STRING
 * interval; text that is no interval (or has months) counts as null, as Spark's cast to an interval
 * gives null. Rows are not copied: the batch gains a column and a narrower selection.
 */
public final class SessionWindowExec extends ExecNode {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private final Attribute session;
  private final Expr timeColumn;
  private final Expr gap;
  private final long gapMicros;
  private final Expr boundTime;
  private final Expr boundGap;
  private final ExecNode child;

  /**
   * @param gap a STRING expression evaluated per row, or null to use {@code gapMicros}
   */
  public SessionWindowExec(
      Attribute session, Expr timeColumn, Expr gap, long gapMicros, ExecNode child) {
    this.session = session;
    this.timeColumn = timeColumn;
    this.gap = gap;
    this.gapMicros = gapMicros;
    this.child = child;
    this.boundTime = AttributeBinder.bind(timeColumn, child.output());
    this.boundGap = gap == null ? null : AttributeBinder.bind(gap, child.output());
  }

  @Override
  public List<Attribute> output() {
    List<Attribute> out = new ArrayList<>(child.output().size() + 1);
    out.add(session);
    out.addAll(child.output());
    return out;
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
    VectorEvaluator time = ctx.compile(boundTime, child.output());
    VectorEvaluator gapEval = boundGap == null ? null : ctx.compile(boundGap, child.output());
    StructType type = (StructType) session.dataType();
    return new BatchIterator() {
      @Override
      public Batch next() {
        while (true) {
          Batch in = input.next();
          if (in == null) {
            return null;
          }
          Batch out = assign(in, time.eval(in), gapEval == null ? null : gapEval.eval(in), type);
          if (out != null) {
            return out;
          }
        }
      }

      @Override
      public void close() {
        input.close();
      }
    };
  }

  private Batch assign(Batch in, ColumnVector tv, ColumnVector gv, StructType type) {
    int n = in.numRows();
    long[] t = ((LongVector) tv).values();
    LongVector start = new LongVector(DataTypes.TimestampType, n);
    LongVector end = new LongVector(DataTypes.TimestampType, n);
    long[] s = start.values();
    long[] e = end.values();
    int size = in.size();
    int[] kept = new int[size];
    int k = 0;
    // Per-row gaps repeat (a when(...) of a few literals): parse only when the text changes.
    int parsedRow = -1;
    long parsedGap = 0;
    for (int i = 0; i < size; i++) {
      int row = in.rowAt(i);
      if (tv.isNullAt(row)) {
        continue;
      }
      long g = gapMicros;
      if (gv != null) {
        if (!(gv instanceof BytesVector text) || gv.isNullAt(row)) {
          continue;
        }
        if (parsedRow < 0 || BytesVector.compare(text, parsedRow, text, row) != 0) {
          parsedGap = parseGap((String) text.getObject(row));
          parsedRow = row;
        }
        g = parsedGap;
      }
      if (g <= 0) {
        continue;
      }
      s[row] = t[row];
      e[row] = t[row] + g;
      kept[k++] = row;
    }
    if (k == 0) {
      return null;
    }
    return TimeWindowExec.withWindow(in, TimeWindowExec.struct(type, start, end, n), kept, k);
  }

  /** The gap in microseconds, or 0 (dropping the row) for text that is no fixed interval. */
  private static long parseGap(String text) {
    try {
      IntervalStrings.Parsed p = IntervalStrings.parse(text);
      if (p.months() != 0) {
        return 0;
      }
      return Math.addExact(Math.multiplyExact(p.days(), MICROS_PER_DAY), p.micros());
    } catch (RuntimeException e) {
      return 0;
    }
  }

  @Override
  public String simpleString() {
    return "SessionWindow "
        + ExprPrinter.list(List.of(session))
        + ", "
        + ExprPrinter.print(timeColumn)
        + ", "
        + (gap == null ? Long.toString(gapMicros) : ExprPrinter.print(gap));
  }
}
