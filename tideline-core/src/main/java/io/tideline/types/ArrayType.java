package io.tideline.types;

import java.util.Objects;

/** ARRAY&lt;elementType&gt;. */
public final class ArrayType extends DataType {
  private final DataType elementType;
  private final boolean containsNull;

  public ArrayType(DataType elementType, boolean containsNull) {
    this.elementType = Objects.requireNonNull(elementType, "elementType");
    this.containsNull = containsNull;
  }

  public DataType elementType() {
    return elementType;
  }

  public boolean containsNull() {
    return containsNull;
  }

  @Override
  public String simpleString() {
    return "array<" + elementType.simpleString() + ">";
  }

  @Override
  public String sql() {
    return "ARRAY<" + elementType.sql() + ">";
  }

  @Override
  public String typeName() {
    return "array";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArrayType a
        && a.elementType.equals(elementType)
        && a.containsNull == containsNull;
  }

  @Override
  public int hashCode() {
    return elementType.hashCode() * 31 + (containsNull ? 1 : 0);
  }
}
