package io.tideline;

import io.tideline.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row of a result, holding Java values: {@code String}, {@code byte[]}, {@code Integer}, {@code
 * Long}, {@code Double}, {@code Float}, {@code Boolean}, {@code BigDecimal}, {@link Instant}
 * (TIMESTAMP), {@link LocalDate} (DATE), {@code Row} (STRUCT), {@code List} (ARRAY), {@code Map}
 * (MAP), or null.
 *
 * <p>Rows are for the edges of the engine ({@code collectAsList}, {@code createDataFrame}, tests):
 * operators inside the engine work on columnar batches and never build rows. Equality is by value,
 * with {@code byte[]} compared by content; the schema does not take part in equality, as in Spark.
 */
public final class Row {
  private final Object[] values;
  private final StructType schema;

  private Row(Object[] values, StructType schema) {
    this.values = values;
    this.schema = schema;
  }

  /** A row without a schema, like Spark's {@code RowFactory.create}. */
  public static Row of(Object... values) {
    return new Row(values.clone(), null);
  }

  /** A row with a schema, so that {@link #getAs(String)} works. */
  public static Row withSchema(StructType schema, Object... values) {
    if (schema.size() != values.length) {
      throw new IllegalArgumentException(
          "The row has "
              + values.length
              + " values but the schema "
              + schema.simpleString()
              + " has "
              + schema.size()
              + " fields.");
    }
    return new Row(values.clone(), schema);
  }

  public int size() {
    return values.length;
  }

  public int length() {
    return values.length;
  }

  /** The schema, or null when the row was built without one. */
  public StructType schema() {
    return schema;
  }

  public Object get(int i) {
    return values[i];
  }

  public boolean isNullAt(int i) {
    return values[i] == null;
  }

  @SuppressWarnings("unchecked")
  public <T> T getAs(int i) {
    return (T) values[i];
  }

  /**
   * The value of the field named {@code fieldName}.
   *
   * @throws UnsupportedOperationException when the row has no schema
   * @throws IllegalArgumentException naming the existing fields when there is no such field
   */
  @SuppressWarnings("unchecked")
  public <T> T getAs(String fieldName) {
    return (T) values[fieldIndex(fieldName)];
  }

  public int fieldIndex(String fieldName) {
    if (schema == null) {
      throw new UnsupportedOperationException(
          "This row has no schema, so it cannot look up the field \""
              + fieldName
              + "\" by name: use get(int), or build the row with Row.withSchema.");
    }
    return schema.fieldIndex(fieldName);
  }

  public String getString(int i) {
    return (String) values[i];
  }

  public long getLong(int i) {
    return ((Number) nonNull(i)).longValue();
  }

  public int getInt(int i) {
    return ((Number) nonNull(i)).intValue();
  }

  public double getDouble(int i) {
    return ((Number) nonNull(i)).doubleValue();
  }

  public float getFloat(int i) {
    return ((Number) nonNull(i)).floatValue();
  }

  public boolean getBoolean(int i) {
    return (Boolean) nonNull(i);
  }

  public BigDecimal getDecimal(int i) {
    return (BigDecimal) values[i];
  }

  public byte[] getBinary(int i) {
    return (byte[]) values[i];
  }

  public Instant getInstant(int i) {
    return (Instant) values[i];
  }

  public LocalDate getLocalDate(int i) {
    return (LocalDate) values[i];
  }

  public Row getStruct(int i) {
    return (Row) values[i];
  }

  @SuppressWarnings("unchecked")
  public <T> List<T> getList(int i) {
    return (List<T>) values[i];
  }

  @SuppressWarnings("unchecked")
  public <K, V> Map<K, V> getMap(int i) {
    return (Map<K, V>) values[i];
  }

  /** A copy of the values. */
  public Object[] toArray() {
    return values.clone();
  }

  private Object nonNull(int i) {
    Object v = values[i];
    if (v == null) {
      throw new NullPointerException(
          "Value at index " + i + " is null: check isNullAt(" + i + ") before a primitive getter.");
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Row other) || other.values.length != values.length) {
      return false;
    }
    for (int i = 0; i < values.length; i++) {
      if (!valueEquals(values[i], other.values[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (Object v : values) {
      h =
          31 * h
              + (v instanceof byte[] b
                  ? Arrays.hashCode(b)
                  : v instanceof BigDecimal d
                      ? d.stripTrailingZeros().hashCode()
                      : Objects.hashCode(v));
    }
    return h;
  }

  private static boolean valueEquals(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return Objects.equals(a, b);
  }

  /** Spark's form: {@code [a,1,null]}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      Object v = values[i];
      sb.append(v instanceof byte[] b ? Arrays.toString(b) : String.valueOf(v));
    }
    return sb.append(']').toString();
  }
}
