package io.tideline.internal.vector;

import io.tideline.types.DecimalType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * A column of DECIMAL(p, s) values: unscaled longs when {@code p <= 18} (the fast path for money
 * columns), {@link BigDecimal}s with scale {@code s} above that.
 */
public final class DecimalVector extends ColumnVector {
  private final DecimalType decimalType;
  private final boolean compact;
  private long[] unscaled;
  private BigDecimal[] big;

  public DecimalVector(DecimalType type, int capacity) {
    super(type, capacity);
    this.decimalType = type;
    this.compact = type.fitsInLong();
    if (compact) {
      unscaled = new long[capacity];
    } else {
      big = new BigDecimal[capacity];
    }
  }

  public DecimalType decimalType() {
    return decimalType;
  }

  /** True when values are unscaled longs ({@link #unscaledValues()}). */
  public boolean isCompact() {
    return compact;
  }

  public long[] unscaledValues() {
    return unscaled;
  }

  public long getUnscaled(int row) {
    return compact ? unscaled[row] : big[row].unscaledValue().longValueExact();
  }

  public void setUnscaled(int row, long value) {
    if (compact) {
      unscaled[row] = value;
    } else {
      big[row] = BigDecimal.valueOf(value, decimalType.scale());
    }
    setNotNull(row);
  }

  public BigDecimal getDecimal(int row) {
    return compact ? BigDecimal.valueOf(unscaled[row], decimalType.scale()) : big[row];
  }

  /**
   * Stores {@code value} rounded HALF_UP to the column's scale; returns false (storing nothing)
   * when it does not fit the precision, so the caller can raise Spark's overflow error or write
   * null as ANSI mode says.
   */
  public boolean setDecimal(int row, BigDecimal value) {
    BigDecimal scaled = value.setScale(decimalType.scale(), RoundingMode.HALF_UP);
    if (scaled.precision() > decimalType.precision()
        && scaled.unscaledValue().compareTo(BigInteger.ZERO) != 0) {
      return false;
    }
    if (compact) {
      unscaled[row] = scaled.unscaledValue().longValueExact();
    } else {
      big[row] = scaled;
    }
    setNotNull(row);
    return true;
  }

  @Override
  protected void growTo(int newCapacity) {
    if (compact) {
      unscaled = Arrays.copyOf(unscaled, newCapacity);
    } else {
      big = Arrays.copyOf(big, newCapacity);
    }
  }

  @Override
  public Object getObject(int row) {
    return isNullAt(row) ? null : getDecimal(row);
  }

  @Override
  public void setObject(int row, Object value) {
    if (value == null) {
      setNull(row);
      return;
    }
    BigDecimal d = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
    if (!setDecimal(row, d)) {
      throw new ArithmeticException("The value " + d + " does not fit " + decimalType.sql() + ".");
    }
  }

  @Override
  public void copyFrom(ColumnVector source, int from, int to) {
    if (source.isNullAt(from)) {
      setNull(to);
      return;
    }
    DecimalVector s = (DecimalVector) source;
    if (compact && s.compact) {
      unscaled[to] = s.unscaled[from];
    } else if (!compact && !s.compact) {
      big[to] = s.big[from];
    } else {
      setDecimal(to, s.getDecimal(from));
    }
    setNotNull(to);
  }

  @Override
  public long sizeInBytes() {
    return (compact ? 8L * unscaled.length : 48L * big.length) + nullBytes();
  }
}
