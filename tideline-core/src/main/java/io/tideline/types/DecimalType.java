package io.tideline.types;

/**
 * DECIMAL(precision, scale) with Spark's limits: precision 1 to 38, 0 &le; scale &le; precision.
 * Values of precision up to {@link #MAX_LONG_DIGITS} are stored as unscaled longs.
 */
public final class DecimalType extends DataType {
  public static final int MAX_PRECISION = 38;
  public static final int MAX_SCALE = 38;

  /** The largest precision whose unscaled values always fit a long. */
  public static final int MAX_LONG_DIGITS = 18;

  /** Spark's default for an unqualified DECIMAL: DECIMAL(10, 0). */
  public static final DecimalType USER_DEFAULT = new DecimalType(10, 0);

  /** Spark's system default (used when a BigDecimal's precision is unknown): DECIMAL(38, 18). */
  public static final DecimalType SYSTEM_DEFAULT = new DecimalType(38, 18);

  private final int precision;
  private final int scale;

  DecimalType(int precision, int scale) {
    if (precision < 1 || precision > MAX_PRECISION) {
      throw new IllegalArgumentException(
          "DECIMAL precision "
              + precision
              + " is out of range: Tideline, like Spark, supports 1 to "
              + MAX_PRECISION
              + ".");
    }
    if (scale < 0 || scale > precision) {
      throw new IllegalArgumentException(
          "DECIMAL("
              + precision
              + ", "
              + scale
              + ") has an invalid scale: it must be between 0 and the precision.");
    }
    this.precision = precision;
    this.scale = scale;
  }

  public int precision() {
    return precision;
  }

  public int scale() {
    return scale;
  }

  /** True when unscaled values are stored as longs. */
  public boolean fitsInLong() {
    return precision <= MAX_LONG_DIGITS;
  }

  @Override
  public String simpleString() {
    return "decimal(" + precision + "," + scale + ")";
  }

  @Override
  public String typeName() {
    return simpleString();
  }

  @Override
  public boolean isNumeric() {
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DecimalType d && d.precision == precision && d.scale == scale;
  }

  @Override
  public int hashCode() {
    return precision * 31 + scale;
  }
}
