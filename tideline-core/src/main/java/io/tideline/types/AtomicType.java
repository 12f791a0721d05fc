package io.tideline.types;

/** A type without parameters; one instance of each lives in {@link DataTypes}. */
public final class AtomicType extends DataType {

  /** The atomic types Tideline supports, in Spark's names. */
  public enum Kind {
    NULL("void", "void"),
    BOOLEAN("boolean", "boolean"),
    BYTE("tinyint", "byte"),
    SHORT("smallint", "short"),
    INT("int", "integer"),
    LONG("bigint", "long"),
    FLOAT("float", "float"),
    DOUBLE("double", "double"),
    STRING("string", "string"),
    BINARY("binary", "binary"),
    DATE("date", "date"),
    TIMESTAMP("timestamp", "timestamp"),
    /** ANSI day-time interval, in microseconds (Spark's {@code interval day to second}). */
    DAY_TIME_INTERVAL("interval day to second", "interval day to second"),
    /** ANSI year-month interval, in months (Spark's {@code interval year to month}). */
    YEAR_MONTH_INTERVAL("interval year to month", "interval year to month");

    private final String simpleString;
    private final String typeName;

    Kind(String simpleString, String typeName) {
      this.simpleString = simpleString;
      this.typeName = typeName;
    }
  }

  private final Kind kind;

  AtomicType(Kind kind) {
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  @Override
  public String simpleString() {
    return kind.simpleString;
  }

  @Override
  public String typeName() {
    return kind.typeName;
  }

  @Override
  public boolean isNumeric() {
    return switch (kind) {
      case BYTE, SHORT, INT, LONG, FLOAT, DOUBLE -> true;
      default -> false;
    };
  }

  /** True for TINYINT, SMALLINT, INT and BIGINT. */
  public boolean isIntegral() {
    return switch (kind) {
      case BYTE, SHORT, INT, LONG -> true;
      default -> false;
    };
  }
}
