package io.tideline.internal.delta;

import io.tideline.internal.plan.LocalRelation;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DecimalType;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The aggregation keys of one update-mode batch's changed rows, leaf by leaf ({@code product},
 * {@code window.start}, {@code window.end}), in the forms file statistics are compared with: longs
 * for integral, date and timestamp values, doubles, decimals and UTF-8 bytes. {@link
 * DeltaRewriteCandidates} tests each table file's statistics against them.
 *
 * <p>Leaves of other types (booleans, binary, arrays, maps) have no bounds in the statistics, so
 * they are left out: they never rule a file out.
 */
final class DeltaChangedKeys {
  /** How a leaf's values compare. */
  enum Kind {
    INTEGRAL,
    FLOATING,
    DECIMAL,
    STRING
  }

  /** One key leaf: its path in the table's schema and the batch's values of it, row by row. */
  static final class Leaf {
    final String[] path;
    final DataType type;
    final Kind kind;
    final boolean[] nulls;
    final long[] longs;
    final double[] doubles;
    final BigDecimal[] decimals;
    final byte[][] strings;

    /** The rows holding the smallest and largest non-null values, or -1 when there are none. */
    int minRow = -1;

    int maxRow = -1;

    boolean anyNull;

    /** Whether a float or double value is NaN, which no range test rules out. */
    boolean anyNaN;

    private Leaf(String[] path, DataType type, Kind kind, int rows) {
      this.path = path;
      this.type = type;
      this.kind = kind;
      this.nulls = new boolean[rows];
      this.longs = kind == Kind.INTEGRAL ? new long[rows] : null;
      this.doubles = kind == Kind.FLOATING ? new double[rows] : null;
      this.decimals = kind == Kind.DECIMAL ? new BigDecimal[rows] : null;
      this.strings = kind == Kind.STRING ? new byte[rows][] : null;
    }

    /** Compares the values of rows {@code a} and {@code b}, both non-null. */
    int compareRows(int a, int b) {
      return switch (kind) {
        case INTEGRAL -> Long.compare(longs[a], longs[b]);
        case FLOATING -> Double.compare(doubles[a], doubles[b]);
        case DECIMAL -> decimals[a].compareTo(decimals[b]);
        case STRING -> java.util.Arrays.compareUnsigned(strings[a], strings[b]);
      };
    }
  }

  private final int rows;
  private final List<Leaf> leaves;

  /** The value of the first key leaf that orders the table's rows by time, or by anything. */
  private final Object splitValue;

  private final String[] splitPath;

  private DeltaChangedKeys(int rows, List<Leaf> leaves, String[] splitPath, Object splitValue) {
    this.rows = rows;
    this.leaves = leaves;
    this.splitPath = splitPath;
    this.splitValue = splitValue;
  }

  /**
   * The keys of {@code changed}'s rows; {@code keys} are column names of {@code changed}, {@code
   * tableSchema} gives each its name in the table.
   */
  static DeltaChangedKeys of(LocalRelation changed, List<String> keys, StructType tableSchema) {
    int rows = 0;
    for (Batch b : changed.batches()) {
      rows += b.size();
    }
    List<Leaf> leaves = new ArrayList<>();
    for (String key : keys) {
      int index = indexOf(changed, key);
      String tableName =
          DeltaSchemas.find(tableSchema, key)
              .map(StructField::name)
              .orElse(changed.output().get(index).name());
      addLeaves(
          changed,
          index,
          new String[] {tableName},
          new int[0],
          changed.output().get(index).dataType(),
          rows,
          leaves);
    }
    // The split column: the first time-like leaf (a window's start), else the first leaf.
    Leaf splitLeaf = null;
    for (Leaf l : leaves) {
      if (l.minRow >= 0 && isTime(l.type)) {
        splitLeaf = l;
        break;
      }
    }
    if (splitLeaf == null) {
      for (Leaf l : leaves) {
        if (l.minRow >= 0) {
          splitLeaf = l;
          break;
        }
      }
    }
    Object splitValue = splitLeaf == null ? null : valueAt(splitLeaf);
    return new DeltaChangedKeys(
        rows, List.copyOf(leaves), splitLeaf == null ? null : splitLeaf.path, splitValue);
  }

  private static boolean isTime(DataType type) {
    return type instanceof AtomicType a
        && (a.kind() == AtomicType.Kind.TIMESTAMP || a.kind() == AtomicType.Kind.DATE);
  }

  private static int indexOf(LocalRelation changed, String key) {
    for (int i = 0; i < changed.output().size(); i++) {
      if (changed.output().get(i).name().equals(key)) {
        return i;
      }
    }
    for (int i = 0; i < changed.output().size(); i++) {
      if (changed.output().get(i).name().equalsIgnoreCase(key)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no key column " + key + " in " + changed.output());
  }

  private static void addLeaves(
      LocalRelation changed,
      int column,
      String[] path,
      int[] fields,
      DataType type,
      int rows,
      List<Leaf> out) {
    if (type instanceof StructType s) {
      for (int i = 0; i < s.size(); i++) {
        String[] childPath = java.util.Arrays.copyOf(path, path.length + 1);
        childPath[path.length] = s.field(i).name();
        int[] childFields = java.util.Arrays.copyOf(fields, fields.length + 1);
        childFields[fields.length] = i;
        addLeaves(changed, column, childPath, childFields, s.field(i).dataType(), rows, out);
      }
      return;
    }
    Kind kind = kindOf(type);
    if (kind == null) {
      return;
    }
    Leaf leaf = new Leaf(path, type, kind, rows);
    int row = 0;
    for (Batch b : changed.batches()) {
      ColumnVector top = b.column(column);
      for (int k = 0; k < b.size(); k++, row++) {
        int r = b.rowAt(k);
        ColumnVector v = top;
        boolean isNull = v.isNullAt(r);
        for (int f = 0; f < fields.length && !isNull; f++) {
          v = ((StructVector) v).child(fields[f]);
          isNull = v.isNullAt(r);
        }
        if (isNull) {
          leaf.nulls[row] = true;
          leaf.anyNull = true;
          continue;
        }
        switch (kind) {
          case INTEGRAL ->
              leaf.longs[row] = v instanceof IntVector i ? i.get(r) : ((LongVector) v).get(r);
          case FLOATING ->
              leaf.doubles[row] = v instanceof FloatVector x ? x.get(r) : ((DoubleVector) v).get(r);
          case DECIMAL -> leaf.decimals[row] = ((DecimalVector) v).getDecimal(r);
          case STRING -> leaf.strings[row] = ((BytesVector) v).getBytes(r);
        }
        if (kind == Kind.FLOATING && Double.isNaN(leaf.doubles[row])) {
          leaf.anyNaN = true;
          continue;
        }
        if (leaf.minRow < 0 || leaf.compareRows(row, leaf.minRow) < 0) {
          leaf.minRow = row;
        }
        if (leaf.maxRow < 0 || leaf.compareRows(row, leaf.maxRow) > 0) {
          leaf.maxRow = row;
        }
      }
    }
    out.add(leaf);
  }

  private static Kind kindOf(DataType type) {
    if (type instanceof DecimalType) {
      return Kind.DECIMAL;
    }
    if (!(type instanceof AtomicType a)) {
      return null;
    }
    return switch (a.kind()) {
      case BYTE, SHORT, INT, DATE, LONG, TIMESTAMP -> Kind.INTEGRAL;
      case FLOAT, DOUBLE -> Kind.FLOATING;
      case STRING -> Kind.STRING;
      default -> null;
    };
  }

  /** The split leaf's smallest value as the Java value a literal takes. */
  private static Object valueAt(Leaf leaf) {
    int row = leaf.minRow;
    return switch (leaf.kind) {
      case INTEGRAL -> integralValue(leaf.type, leaf.longs[row]);
      case FLOATING ->
          ((AtomicType) leaf.type).kind() == AtomicType.Kind.FLOAT
              ? (Object) (float) leaf.doubles[row]
              : (Object) leaf.doubles[row];
      case DECIMAL -> leaf.decimals[row];
      case STRING -> new String(leaf.strings[row], java.nio.charset.StandardCharsets.UTF_8);
    };
  }

  private static Object integralValue(DataType type, long v) {
    return switch (((AtomicType) type).kind()) {
      case BYTE -> (byte) v;
      case SHORT -> (short) v;
      case INT -> (int) v;
      case DATE -> java.time.LocalDate.ofEpochDay(v);
      case TIMESTAMP -> io.tideline.internal.vector.Timestamps.toInstant(v);
      default -> v;
    };
  }

  /** The number of changed rows. */
  int rows() {
    return rows;
  }

  /** The key leaves that statistics can rule files out by. */
  List<Leaf> leaves() {
    return leaves;
  }

  /**
   * The path (table names) of the leaf that splits rewritten rows into files of older keys and
   * files of the batch's key range, or null when every key is null or has no bounds.
   */
  String[] splitPath() {
    return splitPath;
  }

  /** The batch's smallest value of {@link #splitPath()}, as a literal's Java value. */
  Object splitValue() {
    return splitValue;
  }
}
