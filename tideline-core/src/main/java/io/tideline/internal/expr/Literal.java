package io.tideline.internal.expr;

import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.util.List;

/**
 * A constant. {@code value} is in the engine's internal form for {@code dataType}: {@code Boolean},
 * {@code Integer} (TINYINT, SMALLINT, INT; DATE as days since epoch; year-month intervals as
 * months), {@code Long} (BIGINT; TIMESTAMP and day-time intervals as microseconds), {@code Float},
 * {@code Double}, {@code BigDecimal} (DECIMAL), {@code String} (STRING), {@code byte[]} (BINARY),
 * or null.
 */
public record Literal(Object value, DataType dataType) implements Expr {
  public static final Literal NULL = new Literal(null, DataTypes.NullType);
  public static final Literal TRUE = new Literal(true, DataTypes.BooleanType);
  public static final Literal FALSE = new Literal(false, DataTypes.BooleanType);

  public static Literal of(int v) {
    return new Literal(v, DataTypes.IntegerType);
  }

  public static Literal of(long v) {
    return new Literal(v, DataTypes.LongType);
  }

  public static Literal of(double v) {
    return new Literal(v, DataTypes.DoubleType);
  }

  public static Literal of(String v) {
    return new Literal(v, DataTypes.StringType);
  }

  @Override
  public List<Expr> children() {
    return List.of();
  }

  @Override
  public Expr withChildren(List<Expr> newChildren) {
    return this;
  }

  @Override
  public boolean nullable() {
    return value == null;
  }

  @Override
  public String sql() {
    return LiteralSql.print(this);
  }

  // byte[] needs content equality for the parser's round-trip property.
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Literal l) || !l.dataType.equals(dataType)) {
      return false;
    }
    if (value instanceof byte[] a && l.value instanceof byte[] b) {
      return java.util.Arrays.equals(a, b);
    }
    return java.util.Objects.equals(value, l.value);
  }

  @Override
  public int hashCode() {
    return dataType.hashCode() * 31
        + (value instanceof byte[] b
            ? java.util.Arrays.hashCode(b)
            : java.util.Objects.hashCode(value));
  }
}
