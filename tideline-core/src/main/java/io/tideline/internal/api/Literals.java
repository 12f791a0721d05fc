package io.tideline.internal.api;

import io.tideline.internal.expr.Literal;
import io.tideline.internal.vector.Timestamps;
import io.tideline.types.DataTypes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Turns Java values given to {@code lit(...)} into literals in the engine's internal form. */
public final class Literals {
  private Literals() {}

  /**
   * A literal for {@code value}, typed as Spark's {@code lit} types it: Integer → INT, Long →
   * BIGINT, Double → DOUBLE, Float → FLOAT, String → STRING, Boolean → BOOLEAN, BigDecimal →
   * DECIMAL(precision, scale), Instant/Timestamp → TIMESTAMP, LocalDate/Date → DATE, byte[] →
   * BINARY, null → VOID.
   *
   * @throws IllegalArgumentException for a type Spark's {@code lit} does not support
   */
  public static Literal of(Object value) {
    if (value == null) {
      return Literal.NULL;
    }
    if (value instanceof Literal l) {
      return l;
    }
    if (value instanceof Integer i) {
      return new Literal(i, DataTypes.IntegerType);
    }
    if (value instanceof Long l) {
      return new Literal(l, DataTypes.LongType);
    }
    if (value instanceof Double d) {
      return new Literal(d, DataTypes.DoubleType);
    }
    if (value instanceof Float f) {
      return new Literal(f, DataTypes.FloatType);
    }
    if (value instanceof Short s) {
      return new Literal((int) s, DataTypes.ShortType);
    }
    if (value instanceof Byte b) {
      return new Literal((int) b, DataTypes.ByteType);
    }
    if (value instanceof String s) {
      return new Literal(s, DataTypes.StringType);
    }
    if (value instanceof Character c) {
      return new Literal(c.toString(), DataTypes.StringType);
    }
    if (value instanceof Boolean b) {
      return b ? Literal.TRUE : Literal.FALSE;
    }
    if (value instanceof BigDecimal d) {
      BigDecimal v = d.scale() < 0 ? d.setScale(0) : d;
      int precision = Math.max(v.precision(), v.scale());
      if (precision > 38) {
        throw new IllegalArgumentException(
            "The decimal literal " + d + " has more than 38 digits, more than DECIMAL can hold.");
      }
      return new Literal(v, DataTypes.createDecimalType(Math.max(precision, 1), v.scale()));
    }
    if (value instanceof Instant i) {
      return new Literal(Timestamps.fromInstant(i), DataTypes.TimestampType);
    }
    if (value instanceof java.sql.Timestamp t) {
      return new Literal(Timestamps.fromInstant(t.toInstant()), DataTypes.TimestampType);
    }
    if (value instanceof LocalDate d) {
      return new Literal(Math.toIntExact(d.toEpochDay()), DataTypes.DateType);
    }
    if (value instanceof java.sql.Date d) {
      return new Literal(Math.toIntExact(d.toLocalDate().toEpochDay()), DataTypes.DateType);
    }
    if (value instanceof byte[] b) {
      return new Literal(b.clone(), DataTypes.BinaryType);
    }
    throw new IllegalArgumentException(
        "[UNSUPPORTED_FEATURE.LITERAL_TYPE] The literal "
            + value
            + " of Java class "
            + value.getClass().getName()
            + " is not supported: use a String, number, Boolean, BigDecimal, Instant, LocalDate or"
            + " byte[].");
  }
}
