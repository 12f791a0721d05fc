package io.tideline.internal.eval;

import io.tideline.internal.eval.CastCompiler.Mode;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.AtomicType;
import io.tideline.types.AtomicType.Kind;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.TimeUnit;

/**
 * Casts among BOOLEAN, the integral types, FLOAT, DOUBLE, DECIMAL, DATE and TIMESTAMP. The source
 * is read in one of three forms (long, double, decimal) and converted to the target; both choices
 * are fixed per kernel, so the switches in the loop are loop-invariant. Numbers cast to TIMESTAMP
 * are seconds since epoch, as in Spark.
 */
final class NumericCast extends StrictKernel {
  private enum Source {
    BOOLEAN,
    INT,
    LONG,
    DOUBLE,
    FLOAT,
    DECIMAL,
    DATE,
    TIMESTAMP
  }

  private enum Target {
    BOOLEAN,
    INTEGRAL,
    FLOATING,
    DECIMAL,
    DATE,
    TIMESTAMP
  }

  private final Mode mode;
  private final ZoneConversions zones;
  private final Source source;
  private final Target target;
  private final Kind targetKind;
  private final long min;
  private final long max;

  NumericCast(VectorEvaluator child, Mode mode, ZoneConversions zones) {
    super(mode.to(), child);
    this.mode = mode;
    this.zones = zones;
    this.source = sourceOf(mode.from());
    DataType to = mode.to();
    this.targetKind = to instanceof AtomicType a ? a.kind() : null;
    this.target = targetOf(to);
    this.min = targetKind == null ? 0 : CastCompiler.minOf(targetKind);
    this.max = targetKind == null ? 0 : CastCompiler.maxOf(targetKind);
    if ((source == Source.DATE) != (target == Target.DATE)
        && target != Target.TIMESTAMP
        && source != Source.TIMESTAMP) {
      throw EvalErrors.unsupported(
          mode.sql(), "Spark does not allow casting " + mode.from().sql() + " to " + to.sql());
    }
  }

  private static Source sourceOf(DataType t) {
    if (t instanceof DecimalType) {
      return Source.DECIMAL;
    }
    switch (((AtomicType) t).kind()) {
      case BOOLEAN:
        return Source.BOOLEAN;
      case BYTE:
      case SHORT:
      case INT:
        return Source.INT;
      case LONG:
        return Source.LONG;
      case FLOAT:
        return Source.FLOAT;
      case DOUBLE:
        return Source.DOUBLE;
      case DATE:
        return Source.DATE;
      default:
        return Source.TIMESTAMP;
    }
  }

  private static Target targetOf(DataType t) {
    if (t instanceof DecimalType) {
      return Target.DECIMAL;
    }
    switch (((AtomicType) t).kind()) {
      case BOOLEAN:
        return Target.BOOLEAN;
      case BYTE:
      case SHORT:
      case INT:
      case LONG:
        return Target.INTEGRAL;
      case FLOAT:
      case DOUBLE:
        return Target.FLOATING;
      case DATE:
        return Target.DATE;
      default:
        return Target.TIMESTAMP;
    }
  }

  @Override
  protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
    ColumnVector src = in[0];
    if (fastDecimalWidening(src, out, sel, n)) {
      return;
    }
    for (int k = 0; k < n; k++) {
      int i = sel == null ? k : sel[k];
      switch (source) {
        case BOOLEAN:
          fromLong(((BooleanVector) src).values()[i] ? 1 : 0, out, i);
          break;
        case INT:
          fromLong(((IntVector) src).values()[i], out, i);
          break;
        case LONG:
          fromLong(((LongVector) src).values()[i], out, i);
          break;
        case DOUBLE:
          fromDouble(((DoubleVector) src).values()[i], false, out, i);
          break;
        case FLOAT:
          fromDouble(((FloatVector) src).values()[i], true, out, i);
          break;
        case DECIMAL:
          DecimalVector dv = (DecimalVector) src;
          if (dv.isCompact() && target != Target.DECIMAL && target != Target.TIMESTAMP) {
            fromCompactDecimal(dv.unscaledValues()[i], dv.decimalType().scale(), out, i);
          } else {
            fromDecimal(dv.getDecimal(i), out, i);
          }
          break;
        case DATE:
          fromDate(((IntVector) src).values()[i], out, i);
          break;
        default:
          fromTimestamp(((LongVector) src).values()[i], out, i);
          break;
      }
    }
  }

  /** DECIMAL(p, s) to a compact decimal that holds every value: rescale longs, no rounding. */
  private boolean fastDecimalWidening(ColumnVector src, ColumnVector out, int[] sel, int n) {
    if (!(src instanceof DecimalVector s) || !(out instanceof DecimalVector o)) {
      return false;
    }
    DecimalType from = s.decimalType();
    DecimalType to = o.decimalType();
    if (!s.isCompact()
        || !o.isCompact()
        || to.scale() < from.scale()
        || to.precision() - to.scale() < from.precision() - from.scale()) {
      return false;
    }
    long factor = ArithmeticKernels.pow10(to.scale() - from.scale());
    long[] a = s.unscaledValues();
    long[] r = o.unscaledValues();
    for (int k = 0; k < n; k++) {
      int i = sel == null ? k : sel[k];
      r[i] = a[i] * factor;
    }
    return true;
  }

  private void fromLong(long v, ColumnVector out, int i) {
    switch (target) {
      case BOOLEAN:
        ((BooleanVector) out).values()[i] = v != 0;
        break;
      case INTEGRAL:
        if (v < min || v > max) {
          if (mode.ansiSemantics()) {
            overflow(out, i, CastCompiler.literal(v, mode.from()));
            return;
          }
          v = CastCompiler.wrap(v, targetKind);
        }
        CastCompiler.writeIntegral(out, i, v);
        break;
      case FLOATING:
        CastCompiler.writeDouble(out, i, (double) v);
        break;
      case DECIMAL:
        toDecimal(BigDecimal.valueOf(v), (DecimalVector) out, i);
        break;
      case TIMESTAMP:
        // Spark converts with TimeUnit.SECONDS.toMicros, which saturates in every mode.
        ((LongVector) out).values()[i] = TimeUnit.SECONDS.toMicros(v);
        break;
      default:
        throw EvalErrors.bug("cast from " + mode.from() + " to DATE");
    }
  }

  private void fromDouble(double d, boolean isFloat, ColumnVector out, int i) {
    switch (target) {
      case BOOLEAN:
        ((BooleanVector) out).values()[i] = d != 0;
        break;
      case INTEGRAL:
        if (mode.ansiSemantics()) {
          if (!(Math.floor(d) <= max && Math.ceil(d) >= min)) {
            overflow(out, i, CastCompiler.literal(d, isFloat));
            return;
          }
          CastCompiler.writeIntegral(out, i, (long) d);
        } else if (targetKind == Kind.LONG) {
          CastCompiler.writeIntegral(out, i, (long) d);
        } else {
          // Spark's legacy cast truncates to int first, then narrows.
          CastCompiler.writeIntegral(out, i, CastCompiler.wrap((int) d, targetKind));
        }
        break;
      case FLOATING:
        CastCompiler.writeDouble(out, i, d);
        break;
      case DECIMAL:
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          if (mode.raise()) {
            overflow(out, i, CastCompiler.literal(d, isFloat));
          }
          out.setNull(i);
          return;
        }
        BigDecimal b = isFloat ? new BigDecimal(Float.toString((float) d)) : BigDecimal.valueOf(d);
        toDecimal(b, (DecimalVector) out, i);
        break;
      case TIMESTAMP:
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          out.setNull(i);
          return;
        }
        double micros = d * ZoneConversions.MICROS_PER_SECOND;
        if (mode.ansiSemantics()
            && !(Math.floor(micros) <= Long.MAX_VALUE && Math.ceil(micros) >= Long.MIN_VALUE)) {
          // Spark's ANSI cast converts the microseconds exactly and names them a BIGINT overflow.
          if (mode.raise()) {
            throw EvalErrors.castOverflow(
                CastCompiler.literal(micros, false),
                DataTypes.DoubleType,
                DataTypes.LongType,
                mode.sql());
          }
          out.setNull(i);
          return;
        }
        ((LongVector) out).values()[i] = (long) micros;
        break;
      default:
        throw EvalErrors.bug("cast from " + mode.from() + " to DATE");
    }
  }

  /**
   * A compact decimal to BOOLEAN, an integral type or a floating type without BigDecimal: the whole
   * part by long division (truncating toward zero, as Spark does), and the double as Spark computes
   * it for compact decimals, {@code unscaled / 10^scale} in double arithmetic.
   */
  private void fromCompactDecimal(long unscaled, int scale, ColumnVector out, int i) {
    switch (target) {
      case BOOLEAN:
        ((BooleanVector) out).values()[i] = unscaled != 0;
        break;
      case FLOATING:
        CastCompiler.writeDouble(out, i, unscaled / (double) ArithmeticKernels.pow10(scale));
        break;
      default:
        long whole = unscaled / ArithmeticKernels.pow10(scale);
        if (whole < min || whole > max) {
          if (mode.ansiSemantics()) {
            overflow(out, i, BigDecimal.valueOf(unscaled, scale).toPlainString() + "BD");
            return;
          }
          whole = CastCompiler.wrap(whole, targetKind);
        }
        CastCompiler.writeIntegral(out, i, whole);
        break;
    }
  }

  private void fromDecimal(BigDecimal d, ColumnVector out, int i) {
    switch (target) {
      case BOOLEAN:
        ((BooleanVector) out).values()[i] = d.signum() != 0;
        break;
      case INTEGRAL:
        BigDecimal whole = d.setScale(0, RoundingMode.DOWN);
        if (whole.compareTo(BigDecimal.valueOf(min)) < 0
            || whole.compareTo(BigDecimal.valueOf(max)) > 0) {
          if (mode.ansiSemantics()) {
            overflow(out, i, d.toPlainString() + "BD");
            return;
          }
          CastCompiler.writeIntegral(out, i, CastCompiler.wrap(whole.longValue(), targetKind));
        } else {
          CastCompiler.writeIntegral(out, i, whole.longValue());
        }
        break;
      case FLOATING:
        CastCompiler.writeDouble(out, i, d.doubleValue());
        break;
      case DECIMAL:
        toDecimal(d, (DecimalVector) out, i);
        break;
      case TIMESTAMP:
        ((LongVector) out).values()[i] = d.movePointRight(6).longValue();
        break;
      default:
        throw EvalErrors.bug("cast from " + mode.from() + " to DATE");
    }
  }

  private void fromDate(int days, ColumnVector out, int i) {
    if (target == Target.TIMESTAMP) {
      ((LongVector) out).values()[i] = zones.daysToMicros(days);
    } else {
      throw EvalErrors.bug("cast from DATE to " + mode.to().sql());
    }
  }

  private void fromTimestamp(long micros, ColumnVector out, int i) {
    switch (target) {
      case DATE:
        ((IntVector) out).values()[i] = zones.microsToDays(micros);
        break;
      case FLOATING:
        CastCompiler.writeDouble(out, i, micros / (double) ZoneConversions.MICROS_PER_SECOND);
        break;
      case DECIMAL:
        toDecimal(BigDecimal.valueOf(micros, 6), (DecimalVector) out, i);
        break;
      case BOOLEAN:
        ((BooleanVector) out).values()[i] = micros != 0;
        break;
      default:
        long seconds = Math.floorDiv(micros, ZoneConversions.MICROS_PER_SECOND);
        if (seconds < min || seconds > max) {
          if (mode.ansiSemantics()) {
            overflow(out, i, Long.toString(seconds));
            return;
          }
          seconds = CastCompiler.wrap(seconds, targetKind);
        }
        CastCompiler.writeIntegral(out, i, seconds);
        break;
    }
  }

  private void toDecimal(BigDecimal v, DecimalVector out, int i) {
    if (!out.setDecimal(i, v)) {
      CastCompiler.writeDecimalFailure(out, i, v, mode);
    }
  }

  private void overflow(ColumnVector out, int i, String valueLiteral) {
    if (mode.raise()) {
      throw EvalErrors.castOverflow(valueLiteral, mode.from(), mode.to(), mode.sql());
    }
    out.setNull(i);
  }
}
