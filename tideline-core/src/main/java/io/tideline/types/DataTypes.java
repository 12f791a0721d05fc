package io.tideline.types;

import java.util.List;

/** The singletons and factories of Spark SQL's types, named as in Spark's Java API. */
public final class DataTypes {
  private DataTypes() {}

  public static final DataType NullType = new AtomicType(AtomicType.Kind.NULL);
  public static final DataType BooleanType = new AtomicType(AtomicType.Kind.BOOLEAN);
  public static final DataType ByteType = new AtomicType(AtomicType.Kind.BYTE);
  public static final DataType ShortType = new AtomicType(AtomicType.Kind.SHORT);
  public static final DataType IntegerType = new AtomicType(AtomicType.Kind.INT);
  public static final DataType LongType = new AtomicType(AtomicType.Kind.LONG);
  public static final DataType FloatType = new AtomicType(AtomicType.Kind.FLOAT);
  public static final DataType DoubleType = new AtomicType(AtomicType.Kind.DOUBLE);
  public static final DataType StringType = new AtomicType(AtomicType.Kind.STRING);
  public static final DataType BinaryType = new AtomicType(AtomicType.Kind.BINARY);
  public static final DataType DateType = new AtomicType(AtomicType.Kind.DATE);
  public static final DataType TimestampType = new AtomicType(AtomicType.Kind.TIMESTAMP);
  public static final DataType DayTimeIntervalType =
      new AtomicType(AtomicType.Kind.DAY_TIME_INTERVAL);
  public static final DataType YearMonthIntervalType =
      new AtomicType(AtomicType.Kind.YEAR_MONTH_INTERVAL);

  public static DecimalType createDecimalType(int precision, int scale) {
    return new DecimalType(precision, scale);
  }

  /** DECIMAL(10, 0), Spark's default for an unqualified DECIMAL. */
  public static DecimalType createDecimalType() {
    return DecimalType.USER_DEFAULT;
  }

  public static ArrayType createArrayType(DataType elementType) {
    return new ArrayType(elementType, true);
  }

  public static ArrayType createArrayType(DataType elementType, boolean containsNull) {
    return new ArrayType(elementType, containsNull);
  }

  public static MapType createMapType(DataType keyType, DataType valueType) {
    return new MapType(keyType, valueType, true);
  }

  public static MapType createMapType(
      DataType keyType, DataType valueType, boolean valueContainsNull) {
    return new MapType(keyType, valueType, valueContainsNull);
  }

  public static StructField createStructField(String name, DataType type, boolean nullable) {
    return new StructField(name, type, nullable);
  }

  public static StructType createStructType(List<StructField> fields) {
    return new StructType(fields);
  }

  public static StructType createStructType(StructField[] fields) {
    return new StructType(List.of(fields));
  }

  /** True when {@code type} is the given atomic kind. */
  public static boolean is(DataType type, AtomicType.Kind kind) {
    return type instanceof AtomicType a && a.kind() == kind;
  }
}
