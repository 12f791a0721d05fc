package io.tideline.internal.exec;

import io.tideline.internal.eval.VectorEvaluator;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Assigns event-time windows ({@code TimeWindowAssign}): prepends the column {@code window {start,
 * end}} and drops rows whose time is null, computing every start with long arithmetic over the
 * batch's timestamp vector, as Spark's generated projection does:
 *
 * <pre>
 *   lastStart = t - floorMod(t - startTime, slide)
 *   window i (i = 0 .. ceil(duration / slide) - 1) = [lastStart - i * slide, that + duration)
 *   kept when it contains t
 * </pre>
 *
 * <p>A tumbling window (one per row) only adds the struct column and narrows the selection: no row
 * is copied. A sliding window gathers each row once per window it belongs to, in Spark's order (for
 * each input row, latest window first), in output batches of about the task's batch size.
 */
public final class TimeWindowExec extends ExecNode {
  private final Attribute window;
  private final Expr timeColumn;
  private final Expr boundTime;
  private final long windowMicros;
  private final long slideMicros;
  private final long startMicros;
  private final int maxWindowsPerRow;
  private final ExecNode child;

  public TimeWindowExec(
      Attribute window,
      Expr timeColumn,
      long windowMicros,
      long slideMicros,
      long startMicros,
      ExecNode child) {
    this.window = window;
    this.timeColumn = timeColumn;
    this.windowMicros = windowMicros;
    this.slideMicros = slideMicros;
    this.startMicros = startMicros;
    this.maxWindowsPerRow = (int) ((windowMicros + slideMicros - 1) / slideMicros);
    this.child = child;
    this.boundTime = AttributeBinder.bind(timeColumn, child.output());
  }

  @Override
  public List<Attribute> output() {
    List<Attribute> out = new ArrayList<>(child.output().size() + 1);
    out.add(window);
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
    StructType type = (StructType) window.dataType();
    return maxWindowsPerRow == 1
        ? new Tumbling(input, time, type)
        : new Sliding(input, time, type, Math.max(ctx.batchSize(), maxWindowsPerRow));
  }

  /** The start of the latest window containing {@code t}. */
  private long lastStart(long t) {
    return t - Math.floorMod(t - startMicros, slideMicros);
  }

  static Batch withWindow(Batch in, StructVector w, int[] selection, int size) {
    ColumnVector[] cols = new ColumnVector[in.numColumns() + 1];
    cols[0] = w;
    System.arraycopy(in.columns(), 0, cols, 1, in.numColumns());
    return new Batch(cols, in.numRows(), selection, size);
  }

  static StructVector struct(StructType type, LongVector start, LongVector end, int capacity) {
    return new StructVector(type, new ColumnVector[] {start, end}, capacity);
  }

  /** One window per row: a new column and a narrower selection. */
  private final class Tumbling implements BatchIterator {
    private final BatchIterator input;
    private final VectorEvaluator time;
    private final StructType type;

    Tumbling(BatchIterator input, VectorEvaluator time, StructType type) {
      this.input = input;
      this.time = time;
      this.type = type;
    }

    @Override
    public Batch next() {
      while (true) {
        Batch in = input.next();
        if (in == null) {
          return null;
        }
        ColumnVector tv = time.eval(in);
        long[] t = ((LongVector) tv).values();
        boolean nulls = tv.mayHaveNulls();
        int n = in.numRows();
        LongVector start = new LongVector(DataTypes.TimestampType, n);
        LongVector end = new LongVector(DataTypes.TimestampType, n);
        long[] s = start.values();
        long[] e = end.values();
        int size = in.size();
        int[] sel = in.selection();
        int[] kept = nulls ? new int[size] : sel;
        int k = 0;
        for (int i = 0; i < size; i++) {
          int row = sel == null ? i : sel[i];
          if (nulls && tv.isNullAt(row)) {
            continue;
          }
          long ls = lastStart(t[row]);
          s[row] = ls;
          e[row] = ls + windowMicros;
          if (nulls) {
            kept[k] = row;
          }
          k++;
        }
        if (k == 0) {
          continue;
        }
        return withWindow(in, struct(type, start, end, n), kept, k);
      }
    }

    @Override
    public void close() {
      input.close();
    }
  }

  /** Several windows per row: the rows gathered once per window containing them. */
  private final class Sliding implements BatchIterator {
    private final BatchIterator input;
    private final VectorEvaluator time;
    private final StructType type;
    private final int maxOut;
    private final int[] source;
    private Batch in;
    private ColumnVector tv;
    private int cursor;

    Sliding(BatchIterator input, VectorEvaluator time, StructType type, int maxOut) {
      this.input = input;
      this.time = time;
      this.type = type;
      this.maxOut = maxOut;
      this.source = new int[maxOut];
    }

    @Override
    public Batch next() {
      while (true) {
        if (in == null || cursor >= in.size()) {
          in = input.next();
          if (in == null) {
            return null;
          }
          tv = time.eval(in);
          cursor = 0;
        }
        Batch out = fill();
        if (out != null) {
          return out;
        }
      }
    }

    /** Expands input rows from the cursor until the next row might not fit in one batch. */
    private Batch fill() {
      long[] t = ((LongVector) tv).values();
      boolean nulls = tv.mayHaveNulls();
      LongVector start = new LongVector(DataTypes.TimestampType, maxOut);
      LongVector end = new LongVector(DataTypes.TimestampType, maxOut);
      long[] s = start.values();
      long[] e = end.values();
      int count = 0;
      int size = in.size();
      while (cursor < size && count + maxWindowsPerRow <= maxOut) {
        int row = in.rowAt(cursor++);
        if (nulls && tv.isNullAt(row)) {
          continue;
        }
        long ts = t[row];
        long ls = lastStart(ts);
        for (int i = 0; i < maxWindowsPerRow; i++) {
          long ws = ls - i * slideMicros;
          long we = ws + windowMicros;
          // Candidates are an over-estimate when the duration is not a multiple of the slide.
          if (ws <= ts && ts < we) {
            source[count] = row;
            s[count] = ws;
            e[count] = we;
            count++;
          }
        }
      }
      if (count == 0) {
        return null;
      }
      ColumnVector[] cols = new ColumnVector[in.numColumns() + 1];
      cols[0] = struct(type, start, end, count);
      for (int c = 0; c < in.numColumns(); c++) {
        cols[c + 1] = in.column(c).gather(source, count);
      }
      return new Batch(cols, count);
    }

    @Override
    public void close() {
      input.close();
    }
  }

  @Override
  public String simpleString() {
    return "TimeWindow "
        + ExprPrinter.list(List.of(window))
        + ", "
        + ExprPrinter.print(timeColumn)
        + ", "
        + windowMicros
        + ", "
        + slideMicros
        + ", "
        + startMicros;
  }
}
