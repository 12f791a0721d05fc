package io.tideline.internal.delta;

import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.statistics.DataFileStatistics;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-file statistics of one Parquet file a Delta write produces, as delta-spark collects them
 * for data skipping: {@code numRecords}, and for each statistics column Kernel names (the first
 * {@code delta.dataSkippingNumIndexedCols} leaf columns, 32 by default, partition columns excluded,
 * struct fields such as {@code window.start} one by one) its {@code nullCount} and, for the types
 * delta-spark skips on (numbers, dates, timestamps, strings), its {@code minValues} and {@code
 * maxValues}. Kernel serialises them into the {@code add} action's {@code stats} JSON (nested
 * objects for struct fields, timestamps truncated to milliseconds).
 *
 * <p>Readers skip files with these values, so they must hold for every row of the file: strings
 * longer than 32 characters keep a 32-character prefix as minimum and, as maximum, the prefix
 * followed by delta-spark's tie-breaker {@code U+FFFD} (extended past any character not below it,
 * so the maximum stays above every value in Spark's byte order); a float or double column holding
 * NaN gets no bounds (readers then treat its range as unknown). A struct field is null where the
 * struct is.
 *
 * <p>Values are accumulated column by column over each batch written to the file: primitives
 * compared in place, strings by reference to the batch's bytes, copied only when a batch holds a
 * new minimum or maximum.
 */
final class DeltaFileStats {
  /** delta-spark's {@code spark.databricks.delta.stats.skipping.stringPrefixLength}. */
  static final int STRING_PREFIX_LENGTH = 32;

  private static final int TIE_BREAKER = 0xFFFD;

  private final List<Leaf> leaves = new ArrayList<>();
  private long numRecords;

  /**
   * Statistics for {@code columns} (Kernel's statistics columns of the write context) of files
   * whose rows have {@code dataSchema}; columns not found in it are left out.
   */
  DeltaFileStats(StructType dataSchema, List<Column> columns) {
    for (Column c : columns) {
      Leaf leaf = Leaf.resolve(dataSchema, c);
      if (leaf != null) {
        leaves.add(leaf);
      }
    }
  }

  /** Adds the live rows of {@code batch}, whose columns are the data schema's. */
  void add(Batch batch) {
    int n = batch.size();
    if (n == 0) {
      return;
    }
    numRecords += n;
    for (Leaf leaf : leaves) {
      leaf.add(batch);
    }
  }

  /** The statistics of every row added, as Kernel writes them into the {@code add} action. */
  DataFileStatistics toKernel() {
    Map<Column, Literal> min = new HashMap<>();
    Map<Column, Literal> max = new HashMap<>();
    Map<Column, Long> nullCount = new HashMap<>();
    for (Leaf leaf : leaves) {
      nullCount.put(leaf.column, leaf.nulls);
      if (leaf.hasBounds()) {
        min.put(leaf.column, leaf.minLiteral());
        max.put(leaf.column, leaf.maxLiteral());
      }
    }
    return new DataFileStatistics(numRecords, min, max, nullCount, Optional.empty());
  }

  /** What is kept of a leaf's values. */
  private enum Kind {
    /** Byte, short, int, date, long, timestamp: bounds as longs. */
    INTEGRAL,
    FLOATING,
    DECIMAL,
    STRING,
    /** Booleans, binary, arrays, maps: null count only, as delta-spark. */
    NULL_COUNT_ONLY
  }

  /** One statistics column: where it is in a batch and what was seen of it. */
  private static final class Leaf {
    final Column column;
    final int[] path;
    final DataType type;
    final Kind kind;
    long nulls;
    boolean seen;
    boolean nan;
    long minLong;
    long maxLong;
    double minDouble;
    double maxDouble;
    BigDecimal minDecimal;
    BigDecimal maxDecimal;
    byte[] minBytes;
    byte[] maxBytes;

    private Leaf(Column column, int[] path, DataType type) {
      this.column = column;
      this.path = path;
      this.type = type;
      this.kind = kindOf(type);
    }

    static Leaf resolve(StructType schema, Column column) {
      String[] names = column.getNames();
      int[] path = new int[names.length];
      DataType type = schema;
      for (int i = 0; i < names.length; i++) {
        if (!(type instanceof StructType s)) {
          return null;
        }
        int index = indexOf(s, names[i]);
        if (index < 0) {
          return null;
        }
        path[i] = index;
        type = s.field(index).dataType();
      }
      return new Leaf(column, path, type);
    }

    private static int indexOf(StructType s, String name) {
      List<StructField> fields = s.fields();
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).name().equals(name)) {
          return i;
        }
      }
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).name().equalsIgnoreCase(name)) {
          return i;
        }
      }
      return -1;
    }

    private static Kind kindOf(DataType type) {
      if (type instanceof DecimalType) {
        return Kind.DECIMAL;
      }
      if (!(type instanceof AtomicType a)) {
        return Kind.NULL_COUNT_ONLY;
      }
      return switch (a.kind()) {
        case BYTE, SHORT, INT, DATE, LONG, TIMESTAMP -> Kind.INTEGRAL;
        case FLOAT, DOUBLE -> Kind.FLOATING;
        case STRING -> Kind.STRING;
        default -> Kind.NULL_COUNT_ONLY;
      };
    }

    boolean hasBounds() {
      return seen && !nan && kind != Kind.NULL_COUNT_ONLY;
    }

    void add(Batch batch) {
      ColumnVector v = batch.column(path[0]);
      int n = batch.size();
      if (path.length == 1) {
        addRows(batch, v, null, n);
        return;
      }
      // A nested field is null where any struct above it is: mark those rows as the parents'.
      StructVector[] parents = new StructVector[path.length - 1];
      for (int i = 1; i < path.length; i++) {
        parents[i - 1] = (StructVector) v;
        v = ((StructVector) v).child(path[i]);
      }
      addRows(batch, v, parents, n);
    }

    private static boolean isNull(ColumnVector v, StructVector[] parents, int row) {
      if (parents != null) {
        for (StructVector p : parents) {
          if (p.isNullAt(row)) {
            return true;
          }
        }
      }
      return v.isNullAt(row);
    }

    private void addRows(Batch batch, ColumnVector v, StructVector[] parents, int n) {
      boolean checkNulls = parents != null || v.mayHaveNulls();
      switch (kind) {
        case INTEGRAL -> {
          long[] longs = v instanceof LongVector l ? l.values() : null;
          int[] ints = longs == null ? ((IntVector) v).values() : null;
          for (int k = 0; k < n; k++) {
            int r = batch.rowAt(k);
            if (checkNulls && isNull(v, parents, r)) {
              nulls++;
              continue;
            }
            long x = longs != null ? longs[r] : ints[r];
            if (!seen) {
              minLong = x;
              maxLong = x;
              seen = true;
            } else if (x < minLong) {
              minLong = x;
            } else if (x > maxLong) {
              maxLong = x;
            }
          }
        }
        case FLOATING -> {
          double[] doubles = v instanceof DoubleVector d ? d.values() : null;
          float[] floats = doubles == null ? ((FloatVector) v).values() : null;
          for (int k = 0; k < n; k++) {
            int r = batch.rowAt(k);
            if (checkNulls && isNull(v, parents, r)) {
              nulls++;
              continue;
            }
            double x = doubles != null ? doubles[r] : floats[r];
            if (Double.isNaN(x)) {
              nan = true;
            } else if (!seen) {
              minDouble = x;
              maxDouble = x;
              seen = true;
            } else if (x < minDouble) {
              minDouble = x;
            } else if (x > maxDouble) {
              maxDouble = x;
            }
          }
        }
        case DECIMAL -> {
          DecimalVector d = (DecimalVector) v;
          for (int k = 0; k < n; k++) {
            int r = batch.rowAt(k);
            if (checkNulls && isNull(v, parents, r)) {
              nulls++;
              continue;
            }
            BigDecimal x = d.getDecimal(r);
            if (!seen) {
              minDecimal = x;
              maxDecimal = x;
              seen = true;
            } else if (x.compareTo(minDecimal) < 0) {
              minDecimal = x;
            } else if (x.compareTo(maxDecimal) > 0) {
              maxDecimal = x;
            }
          }
        }
        case STRING -> addStrings(batch, (BytesVector) v, parents, n, checkNulls);
        case NULL_COUNT_ONLY -> {
          if (checkNulls) {
            for (int k = 0; k < n; k++) {
              if (isNull(v, parents, batch.rowAt(k))) {
                nulls++;
              }
            }
          }
        }
      }
    }

    /** The batch's extremes by reference first, so only a new file-wide bound is copied. */
    private void addStrings(
        Batch batch, BytesVector v, StructVector[] parents, int n, boolean checkNulls) {
      int minRow = -1;
      int maxRow = -1;
      for (int k = 0; k < n; k++) {
        int r = batch.rowAt(k);
        if (checkNulls && isNull(v, parents, r)) {
          nulls++;
          continue;
        }
        if (minRow < 0) {
          minRow = r;
          maxRow = r;
        } else if (BytesVector.compare(v, r, v, minRow) < 0) {
          minRow = r;
        } else if (BytesVector.compare(v, r, v, maxRow) > 0) {
          maxRow = r;
        }
      }
      if (minRow < 0) {
        return;
      }
      if (!seen || compare(v, minRow, minBytes) < 0) {
        minBytes = v.getBytes(minRow);
      }
      if (!seen || compare(v, maxRow, maxBytes) > 0) {
        maxBytes = v.getBytes(maxRow);
      }
      seen = true;
    }

    private static int compare(BytesVector v, int row, byte[] other) {
      return Arrays.compareUnsigned(
          v.data(), v.start(row), v.start(row) + v.length(row), other, 0, other.length);
    }

    Literal minLiteral() {
      return switch (kind) {
        case INTEGRAL -> integral(minLong);
        case FLOATING -> floating(minDouble);
        case DECIMAL -> decimal(minDecimal);
        case STRING -> Literal.ofString(truncateMin(utf8(minBytes)));
        case NULL_COUNT_ONLY -> throw new IllegalStateException("no bounds for " + type);
      };
    }

    Literal maxLiteral() {
      return switch (kind) {
        case INTEGRAL -> integral(maxLong);
        case FLOATING -> floating(maxDouble);
        case DECIMAL -> decimal(maxDecimal);
        case STRING -> Literal.ofString(truncateMax(utf8(maxBytes)));
        case NULL_COUNT_ONLY -> throw new IllegalStateException("no bounds for " + type);
      };
    }

    private static String utf8(byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    private Literal integral(long x) {
      return switch (((AtomicType) type).kind()) {
        case BYTE -> Literal.ofByte((byte) x);
        case SHORT -> Literal.ofShort((short) x);
        case INT -> Literal.ofInt((int) x);
        case DATE -> Literal.ofDate((int) x);
        case TIMESTAMP -> Literal.ofTimestamp(x);
        default -> Literal.ofLong(x);
      };
    }

    private Literal floating(double x) {
      return ((AtomicType) type).kind() == AtomicType.Kind.FLOAT
          ? Literal.ofFloat((float) x)
          : Literal.ofDouble(x);
    }

    private Literal decimal(BigDecimal x) {
      DecimalType d = (DecimalType) type;
      return Literal.ofDecimal(x, d.precision(), d.scale());
    }
  }

  /** A string minimum as delta-spark keeps it: its first 32 characters, a lower bound. */
  static String truncateMin(String s) {
    if (s.codePointCount(0, s.length()) <= STRING_PREFIX_LENGTH) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, STRING_PREFIX_LENGTH));
  }

  /**
   * A string maximum as delta-spark keeps it: longer than 32 characters, the prefix, then every
   * following character not below the tie-breaker {@code U+FFFD}, then the tie-breaker, so the
   * result is above every string the prefix starts in Spark's byte order (characters above {@code
   * U+FFFF} included, which is where counting in code points differs from delta-spark's chars).
   */
  static String truncateMax(String s) {
    if (s.codePointCount(0, s.length()) <= STRING_PREFIX_LENGTH) {
      return s;
    }
    int end = s.offsetByCodePoints(0, STRING_PREFIX_LENGTH);
    while (end < s.length() && s.codePointAt(end) >= TIE_BREAKER) {
      end = s.offsetByCodePoints(end, 1);
    }
    if (end == s.length()) {
      return s;
    }
    return s.substring(0, end) + (char) TIE_BREAKER;
  }
}
