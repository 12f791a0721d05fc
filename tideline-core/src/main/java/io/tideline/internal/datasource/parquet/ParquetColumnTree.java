package io.tideline.internal.datasource.parquet;

import io.tideline.internal.datasource.text.FileErrors;
import io.tideline.types.ArrayType;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import io.tideline.types.MapType;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;

/**
 * The requested Spark columns matched to a file's Parquet schema, as a tree whose nodes carry the
 * Dremel levels the assembler needs: a node is non-null when a value's definition level reaches its
 * {@code defLevel}; a list or map starts a new element when a value's repetition level equals its
 * {@code repLevel}. Requested fields the file lacks are {@code null} children (read as nulls).
 */
final class ParquetColumnTree {
  /** A node of the tree. */
  abstract static sealed class Node permits Leaf, StructNode, ListNode, MapNode {
    final DataType type;
    final int defLevel;

    Node(DataType type, int defLevel) {
      this.type = type;
      this.defLevel = defLevel;
    }
  }

  /** A primitive column: the one place values are read from. */
  static final class Leaf extends Node {
    final ColumnDescriptor column;
    final PrimitiveType parquetType;
    final String name;

    Leaf(
        DataType type,
        int defLevel,
        ColumnDescriptor column,
        PrimitiveType parquetType,
        String name) {
      super(type, defLevel);
      this.column = column;
      this.parquetType = parquetType;
      this.name = name;
    }
  }

  /** A struct; a child is null when the file lacks that field. */
  static final class StructNode extends Node {
    final Node[] children;

    /**
     * Slots of this struct's vector touched in the current batch, to null-fill missing children.
     */
    int slots;

    StructNode(DataType type, int defLevel, Node[] children) {
      super(type, defLevel);
      this.children = children;
    }

    boolean hasMissingChildren() {
      return Arrays.asList(children).contains(null);
    }
  }

  /** An array: {@code elementDef} is the level at which the list has an element. */
  static final class ListNode extends Node {
    final int elementDef;
    final int repLevel;
    final Node element;

    ListNode(DataType type, int defLevel, int elementDef, int repLevel, Node element) {
      super(type, defLevel);
      this.elementDef = elementDef;
      this.repLevel = repLevel;
      this.element = element;
    }
  }

  /** A map: {@code entryDef} is the level at which the map has an entry. */
  static final class MapNode extends Node {
    final int entryDef;
    final int repLevel;
    final Node key;
    final Node value;

    MapNode(DataType type, int defLevel, int entryDef, int repLevel, Node key, Node value) {
      super(type, defLevel);
      this.entryDef = entryDef;
      this.repLevel = repLevel;
      this.key = key;
      this.value = value;
    }
  }

  private final MessageType fileSchema;
  private final Path file;

  private ParquetColumnTree(MessageType fileSchema, Path file) {
    this.fileSchema = fileSchema;
    this.file = file;
  }

  /** One node per requested column, null where the file lacks the column. */
  static Node[] build(StructType required, MessageType fileSchema, Path file) {
    ParquetColumnTree t = new ParquetColumnTree(fileSchema, file);
    Node[] nodes = new Node[required.size()];
    for (int i = 0; i < nodes.length; i++) {
      StructField f = required.field(i);
      Type p = find(fileSchema, f.name());
      nodes[i] = p == null ? null : t.node(f.dataType(), p, 0, 0, new ArrayList<>(), false);
    }
    return nodes;
  }

  private static Type find(GroupType group, String name) {
    if (group.containsField(name)) {
      return group.getType(name);
    }
    for (Type t : group.getFields()) {
      if (t.getName().equalsIgnoreCase(name)) {
        return t;
      }
    }
    return null;
  }

  /**
   * The node for Spark type {@code spark} read from {@code p}; {@code asElement} means {@code p} is
   * a repeated field already counted by its enclosing list.
   */
  private Node node(
      DataType spark, Type p, int parentDef, int parentRep, List<String> path, boolean asElement) {
    List<String> here = new ArrayList<>(path);
    here.add(p.getName());
    if (p.isRepetition(Repetition.REPEATED) && !asElement) {
      // A bare repeated field: a non-null array whose elements are the field's values.
      if (!(spark instanceof ArrayType a)) {
        throw mismatch(here, p, spark);
      }
      Node element =
          present(
              node(a.elementType(), p, parentDef + 1, parentRep + 1, path, true), here, p, spark);
      return new ListNode(spark, parentDef, parentDef + 1, parentRep + 1, element);
    }
    int def = parentDef + (p.isRepetition(Repetition.OPTIONAL) ? 1 : 0);
    if (p.isPrimitive()) {
      PrimitiveType prim = p.asPrimitiveType();
      DataType natural = ParquetSchemas.field(prim, file);
      if (!readable(natural, spark)) {
        throw mismatch(here, p, spark);
      }
      ColumnDescriptor column = fileSchema.getColumnDescription(here.toArray(new String[0]));
      return new Leaf(spark, def, column, prim, String.join(".", here));
    }
    GroupType g = p.asGroupType();
    LogicalTypeAnnotation ann = g.getLogicalTypeAnnotation();
    if (ann instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
      if (!(spark instanceof ArrayType a)) {
        throw mismatch(here, p, spark);
      }
      Type repeated = g.getType(0);
      List<String> repeatedPath = new ArrayList<>(here);
      Node element;
      if (ParquetSchemas.isTwoLevelList(g)) {
        element =
            present(
                node(a.elementType(), repeated, def + 1, parentRep + 1, here, true),
                here,
                p,
                spark);
      } else {
        repeatedPath.add(repeated.getName());
        Type el = repeated.asGroupType().getType(0);
        element =
            present(
                node(a.elementType(), el, def + 1, parentRep + 1, repeatedPath, false),
                here,
                p,
                spark);
      }
      return new ListNode(spark, def, def + 1, parentRep + 1, element);
    }
    if (ann instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || ann instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
      if (!(spark instanceof MapType m)) {
        throw mismatch(here, p, spark);
      }
      GroupType kv = g.getType(0).asGroupType();
      List<String> kvPath = new ArrayList<>(here);
      kvPath.add(kv.getName());
      Node key =
          present(
              node(m.keyType(), kv.getType(0), def + 1, parentRep + 1, kvPath, false),
              here,
              p,
              spark);
      Node value =
          kv.getFieldCount() > 1
              ? present(
                  node(m.valueType(), kv.getType(1), def + 1, parentRep + 1, kvPath, false),
                  here,
                  p,
                  spark)
              : null;
      return new MapNode(spark, def, def + 1, parentRep + 1, key, value);
    }
    if (!(spark instanceof StructType s)) {
      throw mismatch(here, p, spark);
    }
    // A repeated group read as an element is required within its list.
    int structDef = asElement ? parentDef : def;
    Node[] children = new Node[s.size()];
    boolean any = false;
    for (int i = 0; i < children.length; i++) {
      Type child = find(g, s.field(i).name());
      if (child != null) {
        children[i] = node(s.field(i).dataType(), child, structDef, parentRep, here, false);
        any = true;
      }
    }
    // None of the requested fields is in the file: the struct reads as missing (null), as in Spark.
    return any ? new StructNode(spark, structDef, children) : null;
  }

  /**
   * The element, key or value node, which unlike a struct field cannot be missing: a list of
   * structs none of whose requested fields is in the file cannot be read.
   */
  private Node present(Node n, List<String> path, Type p, DataType spark) {
    if (n == null) {
      throw FileErrors.parquetColumnTypeMismatch(
          file,
          String.join(".", path),
          p.toString().trim(),
          spark.sql() + " (none of the requested nested fields is in the file)");
    }
    return n;
  }

  /** True when a column of Spark type {@code natural} can be read as {@code requested}. */
  static boolean readable(DataType natural, DataType requested) {
    if (natural.equals(requested)) {
      return true;
    }
    if (natural instanceof DecimalType n && requested instanceof DecimalType r) {
      return r.scale() >= n.scale() && r.precision() - r.scale() >= n.precision() - n.scale();
    }
    if (natural instanceof AtomicType n && requested instanceof AtomicType r) {
      boolean smallInt =
          n.kind() == AtomicType.Kind.BYTE
              || n.kind() == AtomicType.Kind.SHORT
              || n.kind() == AtomicType.Kind.INT;
      return switch (r.kind()) {
        case SHORT -> n.kind() == AtomicType.Kind.BYTE;
        case INT -> n.kind() == AtomicType.Kind.BYTE || n.kind() == AtomicType.Kind.SHORT;
        case LONG, DOUBLE ->
            smallInt || (r.kind() == AtomicType.Kind.DOUBLE && n.kind() == AtomicType.Kind.FLOAT);
        default -> false;
      };
    }
    return false;
  }

  private RuntimeException mismatch(List<String> path, Type p, DataType spark) {
    return FileErrors.parquetColumnTypeMismatch(
        file, String.join(".", path), p.toString().trim(), spark.sql());
  }

  static boolean isNullType(DataType t) {
    return t == DataTypes.NullType;
  }
}
