package io.tideline.types;

import io.tideline.internal.sql.DataTypeParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * STRUCT&lt;...&gt;: an ordered list of named fields; also the schema of a DataFrame.
 *
 * <p>Immutable: {@link #add} returns a new instance, as Spark's does. Name lookups follow Spark's
 * default {@code spark.sql.caseSensitive=false}: an exact match wins, otherwise a unique
 * case-insensitive match.
 */
public final class StructType extends DataType implements Iterable<StructField> {
  private final List<StructField> fields;

  public StructType() {
    this.fields = List.of();
  }

  public StructType(List<StructField> fields) {
    this.fields = List.copyOf(fields);
  }

  public StructType(StructField... fields) {
    this.fields = List.of(fields);
  }

  /**
   * Parses a DDL schema, {@code "order_id STRING, amount DOUBLE, order_time TIMESTAMP"}, or a
   * struct type string {@code "struct<a:int,b:string>"}.
   *
   * @throws IllegalArgumentException with the position of the first error
   */
  public static StructType fromDDL(String ddl) {
    return DataTypeParser.parseSchema(ddl);
  }

  public StructType add(String name, DataType type) {
    return add(new StructField(name, type, true));
  }

  public StructType add(String name, DataType type, boolean nullable) {
    return add(new StructField(name, type, nullable));
  }

  /** Adds a field whose type is given in DDL form, e.g. {@code add("amount", "double")}. */
  public StructType add(String name, String ddlType) {
    return add(new StructField(name, DataTypeParser.parseType(ddlType), true));
  }

  public StructType add(StructField field) {
    List<StructField> copy = new ArrayList<>(fields.size() + 1);
    copy.addAll(fields);
    copy.add(field);
    return new StructType(copy);
  }

  public List<StructField> fields() {
    return fields;
  }

  public int size() {
    return fields.size();
  }

  public StructField field(int index) {
    return fields.get(index);
  }

  public StructField apply(String name) {
    int i = fieldIndex(name);
    return fields.get(i);
  }

  public String[] fieldNames() {
    String[] names = new String[fields.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = fields.get(i).name();
    }
    return names;
  }

  /**
   * The index of the field named {@code name}, exact match first, then case-insensitive.
   *
   * @throws IllegalArgumentException naming the existing fields when there is no such field
   */
  public int fieldIndex(String name) {
    int i = indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(
          "Field \""
              + name
              + "\" does not exist. Available fields: "
              + Arrays.toString(fieldNames()));
    }
    return i;
  }

  /** The index of {@code name}, or -1; an ambiguous case-insensitive match also gives -1. */
  public int indexOf(String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    int found = -1;
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equalsIgnoreCase(name)) {
        if (found >= 0) {
          return -1;
        }
        found = i;
      }
    }
    return found;
  }

  public Optional<StructField> find(String name) {
    int i = indexOf(name);
    return i < 0 ? Optional.empty() : Optional.of(fields.get(i));
  }

  @Override
  public Iterator<StructField> iterator() {
    return fields.iterator();
  }

  @Override
  public String simpleString() {
    StringBuilder sb = new StringBuilder("struct<");
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(fields.get(i).name()).append(':').append(fields.get(i).dataType().simpleString());
    }
    return sb.append('>').toString();
  }

  @Override
  public String sql() {
    StringBuilder sb = new StringBuilder("STRUCT<");
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      StructField f = fields.get(i);
      sb.append(quoteIfNeeded(f.name())).append(": ").append(f.dataType().sql());
      if (!f.nullable()) {
        sb.append(" NOT NULL");
      }
    }
    return sb.append('>').toString();
  }

  @Override
  public String typeName() {
    return "struct";
  }

  /** The schema as DDL, {@code order_id STRING,amount DOUBLE}, which {@link #fromDDL} reads. */
  public String toDDL() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(fields.get(i).toDDL());
    }
    return sb.toString();
  }

  /** The tree that {@code printSchema()} prints, in Spark's format, ending with a newline. */
  public String treeString() {
    StringBuilder sb = new StringBuilder("root\n");
    appendFields(sb, this, " |");
    return sb.toString();
  }

  public void printTreeString() {
    System.out.print(treeString());
  }

  private static void appendFields(StringBuilder sb, StructType struct, String prefix) {
    for (StructField f : struct.fields) {
      sb.append(prefix)
          .append("-- ")
          .append(f.name())
          .append(": ")
          .append(f.dataType().typeName())
          .append(" (nullable = ")
          .append(f.nullable())
          .append(")\n");
      appendChild(sb, f.dataType(), prefix + "    |");
    }
  }

  private static void appendChild(StringBuilder sb, DataType type, String prefix) {
    if (type instanceof StructType s) {
      appendFields(sb, s, prefix);
    } else if (type instanceof ArrayType a) {
      sb.append(prefix)
          .append("-- element: ")
          .append(a.elementType().typeName())
          .append(" (containsNull = ")
          .append(a.containsNull())
          .append(")\n");
      appendChild(sb, a.elementType(), prefix + "    |");
    } else if (type instanceof MapType m) {
      sb.append(prefix).append("-- key: ").append(m.keyType().typeName()).append('\n');
      appendChild(sb, m.keyType(), prefix + "    |");
      sb.append(prefix)
          .append("-- value: ")
          .append(m.valueType().typeName())
          .append(" (valueContainsNull = ")
          .append(m.valueContainsNull())
          .append(")\n");
      appendChild(sb, m.valueType(), prefix + "    |");
    }
  }

  static String quoteIfNeeded(String name) {
    boolean plain = !name.isEmpty() && !Character.isDigit(name.charAt(0));
    for (int i = 0; plain && i < name.length(); i++) {
      char c = name.charAt(i);
      plain = Character.isLetterOrDigit(c) || c == '_';
    }
    return plain ? name : "`" + name.replace("`", "``") + "`";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StructType s && s.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }
}
