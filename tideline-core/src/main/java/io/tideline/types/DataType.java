package io.tideline.types;

/**
 * A Spark SQL data type. Instances of the atomic types are singletons held by {@link DataTypes};
 * parameterised types ({@link DecimalType}, {@link ArrayType}, {@link MapType}, {@link StructType})
 * are values compared by content.
 *
 * <p>Each type has a fixed physical representation in Tideline's column vectors: BOOLEAN as
 * booleans, INT and DATE (days since epoch) as ints, BIGINT, TIMESTAMP (microseconds since epoch,
 * UTC) and day-time intervals (microseconds) as longs, STRING (UTF-8) and BINARY as bytes plus
 * offsets, DECIMAL as unscaled longs up to precision 18 and as {@link java.math.BigDecimal} above.
 */
public abstract sealed class DataType
    permits AtomicType, DecimalType, ArrayType, MapType, StructType {

  DataType() {}

  /**
   * The name Spark prints in {@code printSchema()} and {@code simpleString}, e.g. {@code bigint}.
   */
  public abstract String simpleString();

  /** The name in SQL form, as Spark prints it in error messages, e.g. {@code "BIGINT"}. */
  public String sql() {
    return simpleString().toUpperCase(java.util.Locale.ROOT);
  }

  /** The type's name in Spark's {@code typeName} form, e.g. {@code long} for BIGINT. */
  public abstract String typeName();

  /** True for INT, BIGINT, FLOAT, DOUBLE and DECIMAL. */
  public boolean isNumeric() {
    return false;
  }

  @Override
  public String toString() {
    return simpleString();
  }
}
