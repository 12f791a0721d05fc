package io.tideline.types;

import java.util.Objects;

/** MAP&lt;keyType, valueType&gt;; keys are never null, as in Spark. */
public final class MapType extends DataType {
  private final DataType keyType;
  private final DataType valueType;
  private final boolean valueContainsNull;

  public MapType(DataType keyType, DataType valueType, boolean valueContainsNull) {
    this.keyType = Objects.requireNonNull(keyType, "keyType");
    this.valueType = Objects.requireNonNull(valueType, "valueType");
    this.valueContainsNull = valueContainsNull;
  }

  public DataType keyType() {
    return keyType;
  }

  public DataType valueType() {
    return valueType;
  }

  public boolean valueContainsNull() {
    return valueContainsNull;
  }

  @Override
  public String simpleString() {
    return "map<" + keyType.simpleString() + "," + valueType.simpleString() + ">";
  }

  @Override
  public String sql() {
    return "MAP<" + keyType.sql() + ", " + valueType.sql() + ">";
  }

  @Override
  public String typeName() {
    return "map";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MapType m
        && m.keyType.equals(keyType)
        && m.valueType.equals(valueType)
        && m.valueContainsNull == valueContainsNull;
  }

  @Override
  public int hashCode() {
    return (keyType.hashCode() * 31 + valueType.hashCode()) * 31 + (valueContainsNull ? 1 : 0);
  }
}
