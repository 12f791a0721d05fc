package io.tideline.internal.eval;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.expr.BoundReference;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataType;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Builds batches from Java values and evaluates expressions on them, for kernel tests. */
final class EvalTesting {
  static final ZoneId UTC = ZoneOffset.UTC;

  /** 2024-01-02T03:04:05.678901Z. */
  static final long NOW_MICROS = 1_704_164_645_678_901L;

  private EvalTesting() {}

  static EvalContext ctx(boolean ansi) {
    return ctx(ansi, UTC);
  }

  static EvalContext ctx(boolean ansi, ZoneId zone) {
    return new EvalContext(ansi, zone, NOW_MICROS, new TidelineConf());
  }

  /** A column holding Java API values (as {@code ColumnVector.setObject} takes them). */
  static ColumnVector column(DataType type, Object... values) {
    ColumnVector v = ColumnVector.allocate(type, Math.max(values.length, 1));
    for (int i = 0; i < values.length; i++) {
      v.setObject(i, values[i]);
    }
    return v;
  }

  static Batch batch(ColumnVector... columns) {
    int rows = columns.length == 0 ? 1 : columns[0].capacity();
    return new Batch(columns, rows);
  }

  static BoundReference ref(int ordinal, DataType type) {
    return new BoundReference(ordinal, type, true);
  }

  static Literal lit(Object internalValue, DataType type) {
    return new Literal(internalValue, type);
  }

  /** Evaluates {@code e} on the live rows of {@code b}; returns their values in order. */
  static List<Object> eval(Expr e, Batch b, EvalContext ctx) {
    VectorEvaluator ev = ExprCompiler.compile(e, ctx);
    return liveValues(ev.eval(b), b);
  }

  static List<Object> eval(Expr e, Batch b, boolean ansi) {
    return eval(e, b, ctx(ansi));
  }

  static List<Object> liveValues(ColumnVector v, Batch b) {
    List<Object> out = new ArrayList<>();
    for (int k = 0; k < b.size(); k++) {
      out.add(v.getObject(b.rowAt(k)));
    }
    return out;
  }

  /** Evaluates an expression without column references (a one-row batch). */
  static Object evalConstant(Expr e, boolean ansi) {
    return eval(e, new Batch(new ColumnVector[0], 1), ansi).get(0);
  }
}
