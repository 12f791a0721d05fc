package io.tideline.types;

import java.util.Objects;

/** One named field of a {@link StructType}. */
public record StructField(String name, DataType dataType, boolean nullable, String comment) {

  public StructField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dataType, "dataType");
  }

  public StructField(String name, DataType dataType, boolean nullable) {
    this(name, dataType, nullable, null);
  }

  public StructField(String name, DataType dataType) {
    this(name, dataType, true, null);
  }

  public StructField withName(String newName) {
    return new StructField(newName, dataType, nullable, comment);
  }

  public StructField withNullable(boolean newNullable) {
    return new StructField(name, dataType, newNullable, comment);
  }

  /** The field as a DDL column definition, e.g. {@code `amount` DOUBLE NOT NULL}. */
  public String toDDL() {
    return StructType.quoteIfNeeded(name)
        + " "
        + dataType.sql()
        + (nullable ? "" : " NOT NULL")
        + (comment == null ? "" : " COMMENT '" + comment.replace("'", "\\'") + "'");
  }

  // Record equality would compare comments; Spark's StructField compares metadata too, so keep it.
  @Override
  public boolean equals(Object o) {
    return o instanceof StructField f
        && f.name.equals(name)
        && f.dataType.equals(dataType)
        && f.nullable == nullable
        && Objects.equals(f.comment, comment);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, dataType, nullable, comment);
  }
}
