package io.tideline.internal.eval;

import io.tideline.internal.expr.Cast;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.ArrayType;
import io.tideline.types.AtomicType;
import io.tideline.types.AtomicType.Kind;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import io.tideline.types.MapType;
import io.tideline.types.StructType;

/**
 * Chooses the kernel for a {@code CAST} / {@code TRY_CAST} from its source and target types.
 *
 * <p>Failure modes follow Spark: with ANSI on, a malformed string or an overflow raises ({@code
 * CAST_INVALID_INPUT}, {@code CAST_OVERFLOW}, {@code NUMERIC_VALUE_OUT_OF_RANGE}); {@code TRY_CAST}
 * turns those into null in either mode; with ANSI off, a plain CAST gives null for malformed
 * strings and decimal overflow and wraps integral overflow like Java's narrowing.
 */
final class CastCompiler {
  private CastCompiler() {}

  /** How a cast reacts to a value it cannot convert. */
  record Mode(boolean ansiSemantics, boolean raise, String sql, DataType from, DataType to) {
    static Mode of(Cast c, EvalContext ctx) {
      return new Mode(
          ctx.ansi() || c.tryCast(),
          ctx.ansi() && !c.tryCast(),
          c.sql(),
          c.child().dataType(),
          c.to());
    }
  }

  static VectorEvaluator compile(Cast c, EvalContext ctx) {
    DataType from = c.child().dataType();
    DataType to = c.to();
    VectorEvaluator child = ExprCompiler.compile(c.child(), ctx);
    if (from.equals(to)) {
      return child;
    }
    Mode mode = Mode.of(c, ctx);
    if (DataTypes.is(from, Kind.NULL)) {
      return ConstantEvaluator.ofLiteral(null, to);
    }
    boolean fromBytes = isBytes(from);
    if (fromBytes && isBytes(to)) {
      return new BytesRelabel(child, to);
    }
    if (DataTypes.is(to, Kind.STRING)) {
      return new ToStringCast(child, new ValueFormatter(ctx.zone()));
    }
    if (DataTypes.is(from, Kind.STRING)) {
      return new StringCast(child, mode, new ZoneConversions(ctx.zone()), ctx.zone());
    }
    if (isNumericLike(from) && isNumericLike(to)) {
      return new NumericCast(child, mode, new ZoneConversions(ctx.zone()));
    }
    if (from instanceof StructType fs && to instanceof StructType ts) {
      return StructCast.compile(child, fs, ts, c, ctx);
    }
    if (from instanceof ArrayType fa && to instanceof ArrayType ta) {
      return ArrayCast.compile(child, fa, ta, c, ctx);
    }
    if (from instanceof MapType fm && to instanceof MapType tm) {
      return MapCast.compile(child, fm, tm, c, ctx);
    }
    if (from instanceof StructType || from instanceof ArrayType || from instanceof MapType) {
      throw EvalErrors.unsupported(
          c.sql(), "Spark does not allow casting " + from.sql() + " to " + to.sql());
    }
    throw EvalErrors.unsupported(
        c.sql(), "Spark does not allow casting " + from.sql() + " to " + to.sql());
  }

  static boolean isBytes(DataType t) {
    return DataTypes.is(t, Kind.STRING) || DataTypes.is(t, Kind.BINARY);
  }

  static boolean isNumericLike(DataType t) {
    if (t instanceof DecimalType) {
      return true;
    }
    if (!(t instanceof AtomicType a)) {
      return false;
    }
    switch (a.kind()) {
      case BOOLEAN:
      case BYTE:
      case SHORT:
      case INT:
      case LONG:
      case FLOAT:
      case DOUBLE:
      case DATE:
      case TIMESTAMP:
        return true;
      default:
        return false;
    }
  }

  /** STRING ↔ BINARY: the same bytes under another type, sharing the input's byte array. */
  static final class BytesRelabel implements VectorEvaluator {
    private final VectorEvaluator child;
    private final DataType to;

    BytesRelabel(VectorEvaluator child, DataType to) {
      this.child = child;
      this.to = to;
    }

    @Override
    public ColumnVector eval(Batch batch) {
      BytesVector in = (BytesVector) child.eval(batch);
      int rows = batch.numRows();
      BytesVector out = BytesVector.sharing(to, Math.max(rows, 1), in.data());
      int[] sel = batch.selection();
      int n = batch.size();
      boolean nulls = in.mayHaveNulls();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        if (nulls && in.isNullAt(i)) {
          out.setNull(i);
        } else {
          out.setRef(i, in.start(i), in.length(i));
        }
      }
      return out;
    }
  }

  /** Any type to STRING, as Spark prints values. */
  static final class ToStringCast extends StrictKernel {
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private final ValueFormatter formatter;
    private final StringBuilder sb = new StringBuilder();

    ToStringCast(VectorEvaluator child, ValueFormatter formatter) {
      super(DataTypes.StringType, child);
      this.formatter = formatter;
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      ColumnVector src = in[0];
      BytesVector o = (BytesVector) out;
      boolean integral =
          (src instanceof IntVector || src instanceof LongVector)
              && src.type() instanceof AtomicType a
              && a.isIntegral();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        if (integral) {
          Utf8.appendLong(
              o, i, src instanceof IntVector iv ? iv.get(i) : ((LongVector) src).get(i));
        } else if (src instanceof BooleanVector bv) {
          o.append(i, bv.get(i) ? TRUE : FALSE);
        } else {
          sb.setLength(0);
          formatter.append(sb, src, i);
          o.appendString(i, sb.toString());
        }
      }
    }
  }

  /** Formats a value as Spark prints a SQL literal of its type in error messages. */
  static String literal(double d, boolean isFloat) {
    return isFloat ? Float.toString((float) d) + "F" : Double.toString(d) + "D";
  }

  static String literal(long v, DataType t) {
    if (t instanceof AtomicType a) {
      switch (a.kind()) {
        case BYTE:
          return v + "Y";
        case SHORT:
          return v + "S";
        case LONG:
          return v + "L";
        default:
          break;
      }
    }
    return Long.toString(v);
  }

  static long minOf(Kind k) {
    switch (k) {
      case BYTE:
        return Byte.MIN_VALUE;
      case SHORT:
        return Short.MIN_VALUE;
      case INT:
        return Integer.MIN_VALUE;
      default:
        return Long.MIN_VALUE;
    }
  }

  static long maxOf(Kind k) {
    switch (k) {
      case BYTE:
        return Byte.MAX_VALUE;
      case SHORT:
        return Short.MAX_VALUE;
      case INT:
        return Integer.MAX_VALUE;
      default:
        return Long.MAX_VALUE;
    }
  }

  /** Java's narrowing of a long to the width of an integral kind, which non-ANSI Spark keeps. */
  static long wrap(long v, Kind k) {
    switch (k) {
      case BYTE:
        return (byte) v;
      case SHORT:
        return (short) v;
      case INT:
        return (int) v;
      default:
        return v;
    }
  }

  static void writeIntegral(ColumnVector out, int i, long v) {
    if (out instanceof IntVector iv) {
      iv.values()[i] = (int) v;
    } else {
      ((LongVector) out).values()[i] = v;
    }
  }

  static void writeDouble(ColumnVector out, int i, double d) {
    if (out instanceof DoubleVector dv) {
      dv.values()[i] = d;
    } else {
      ((FloatVector) out).values()[i] = (float) d;
    }
  }

  static void writeDecimalFailure(DecimalVector out, int i, java.math.BigDecimal v, Mode mode) {
    if (mode.raise()) {
      DecimalType t = out.decimalType();
      throw EvalErrors.decimalOutOfRange(v.toPlainString(), t.precision(), t.scale(), mode.sql());
    }
    out.setNull(i);
  }
}
