package io.tideline.internal.delta;

import io.delta.kernel.Snapshot;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.exceptions.KernelEngineException;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.statistics.DataFileStatistics;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.tideline.types.AtomicType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the files of a snapshot that an update-mode batch must rewrite: those that may hold a row
 * whose aggregation key the batch changed. A file is a candidate unless its statistics ({@code
 * minValues}, {@code maxValues}, {@code nullCount} of the key columns, as {@link DeltaFileStats}
 * writes them and delta-spark does) show that no changed key lies within its key ranges: for every
 * changed key, some key leaf is outside the file's {@code [min, max]} (or null where the file has
 * no nulls, or not null where it has only nulls).
 *
 * <p>The bounds are read as delta-spark writes them, widened where a writer truncates: a
 * timestamp's maximum is truncated to milliseconds (so it is compared with 999 microseconds added),
 * a string's maximum may be a 32-character prefix (so only that many bytes of the key are
 * compared). A key leaf that is a partition column is compared with the file's partition value
 * instead (except timestamps, whose folder names depend on the writer's time zone). A file without
 * statistics (written by a writer that records none), or without bounds for a key leaf (a column
 * past {@code delta.dataSkippingNumIndexedCols}, a NaN), is ruled out by the other leaves only, and
 * statistics that cannot be parsed count as none.
 *
 * <p>Cost: one pass over the snapshot's {@code add} actions with their statistics, a box test of
 * each file against the batch's key ranges, and a per-key test only for files that pass it.
 */
final class DeltaRewriteCandidates {
  private static final long TIMESTAMP_TRUNCATION_MICROS = 999;

  /**
   * What a batch rewrites.
   *
   * @param filesByPartition the candidate files by their partition values, for {@link
   *     DeltaScan#planFiles}
   * @param removes their {@code remove} actions
   * @param files how many files the snapshot has
   * @param records how many rows the candidates hold, by their statistics; -1 when one has none
   */
  record Picked(
      Map<Map<String, String>, List<Path>> filesByPartition,
      List<Row> removes,
      long files,
      long records) {
    int candidates() {
      return removes.size();
    }
  }

  private DeltaRewriteCandidates() {}

  /** The files of {@code snapshot} that may hold rows of {@code keys}. */
  static Picked pick(DeltaTable table, Snapshot snapshot, DeltaChangedKeys keys) {
    long now = System.currentTimeMillis();
    StructType statsSchema = statsSchema(snapshot.getSchema(), keys);
    List<String> partitionColumns = snapshot.getPartitionColumnNames();
    Map<Map<String, String>, List<Path>> files = new LinkedHashMap<>();
    List<Row> removes = new ArrayList<>();
    long total = 0;
    long records = 0;
    try (CloseableIterator<FilteredColumnarBatch> scanFiles =
        snapshot.getScanBuilder().build().getScanFiles(table.engine(), true)) {
      while (scanFiles.hasNext()) {
        try (CloseableIterator<Row> rows = scanFiles.next().getRows()) {
          while (rows.hasNext()) {
            Row scanFile = rows.next();
            Row add = scanFile.getStruct(scanFile.getSchema().indexOf("add"));
            total++;
            if (keys.rows() == 0) {
              continue;
            }
            Optional<DataFileStatistics> stats = stats(add, statsSchema);
            Map<String, String> values =
                DeltaScan.toMap(add.getMap(add.getSchema().indexOf("partitionValues")));
            if (!mayHold(stats, values, partitionColumns, keys)) {
              continue;
            }
            records = stats.isEmpty() || records < 0 ? -1 : records + stats.get().getNumRecords();
            DeltaScan.checkNoDeletionVector(table, add);
            String rawPath = add.getString(add.getSchema().indexOf("path"));
            files
                .computeIfAbsent(values, v -> new ArrayList<>())
                .add(DeltaScan.resolve(table, rawPath));
            removes.add(KernelInternals.removeFile(add, now));
          }
        }
      }
    } catch (IOException e) {
      throw DeltaErrors.readFailed(table.displayPath(), e);
    } catch (KernelException | KernelEngineException e) {
      throw table.logFailure(e, -1);
    }
    return new Picked(files, removes, total, records);
  }

  /** The table's schema cut down to the key leaves: all the statistics parsing needs. */
  private static StructType statsSchema(StructType schema, DeltaChangedKeys keys) {
    StructType out = new StructType();
    for (StructField f : schema.fields()) {
      StructField kept = keep(f, new String[0], keys);
      if (kept != null) {
        out = out.add(kept);
      }
    }
    return out;
  }

  private static StructField keep(StructField f, String[] parent, DeltaChangedKeys keys) {
    String[] path = Arrays.copyOf(parent, parent.length + 1);
    path[parent.length] = f.getName();
    if (f.getDataType() instanceof StructType s) {
      StructType out = new StructType();
      for (StructField child : s.fields()) {
        StructField kept = keep(child, path, keys);
        if (kept != null) {
          out = out.add(kept);
        }
      }
      return out.fields().isEmpty() ? null : new StructField(f.getName(), out, true);
    }
    for (DeltaChangedKeys.Leaf leaf : keys.leaves()) {
      if (Arrays.equals(leaf.path, path)) {
        return f;
      }
    }
    return null;
  }

  /** The file's statistics, or empty when it has none or they cannot be read. */
  private static Optional<DataFileStatistics> stats(Row add, StructType statsSchema) {
    int i = add.getSchema().indexOf("stats");
    if (i < 0 || add.isNullAt(i)) {
      return Optional.empty();
    }
    try {
      return DataFileStatistics.deserializeFromJson(add.getString(i), statsSchema);
    } catch (RuntimeException e) {
      // Statistics of another writer that Kernel cannot parse rule nothing out.
      return Optional.empty();
    }
  }

  /** Whether a file with {@code stats} may hold a row of one of the changed keys. */
  static boolean mayHold(Optional<DataFileStatistics> stats, DeltaChangedKeys keys) {
    return mayHold(stats, Map.of(), List.of(), keys);
  }

  /**
   * Whether a file with {@code stats} and {@code partitionValues} (of the table's {@code
   * partitionColumns}) may hold a row of one of the changed keys.
   */
  static boolean mayHold(
      Optional<DataFileStatistics> stats,
      Map<String, String> partitionValues,
      List<String> partitionColumns,
      DeltaChangedKeys keys) {
    List<DeltaChangedKeys.Leaf> leaves = keys.leaves();
    Range[] ranges = new Range[leaves.size()];
    for (int l = 0; l < ranges.length; l++) {
      DeltaChangedKeys.Leaf leaf = leaves.get(l);
      String partition = partitionColumn(partitionColumns, leaf);
      if (partition != null) {
        ranges[l] = Range.ofPartitionValue(lookup(partitionValues, partition), leaf);
      } else {
        ranges[l] = stats.map(s -> Range.of(s, leaf)).orElse(null);
      }
      // Most files are ruled out here, by one leaf's range against the batch's (old windows).
      if (ranges[l] != null && !ranges[l].meets(leaves.get(l))) {
        return false;
      }
    }
    for (int row = 0; row < keys.rows(); row++) {
      boolean all = true;
      for (int l = 0; l < ranges.length && all; l++) {
        all = ranges[l] == null || ranges[l].holds(leaves.get(l), row);
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  /** The partition column a top-level key leaf is, or null. */
  private static String partitionColumn(List<String> partitionColumns, DeltaChangedKeys.Leaf leaf) {
    if (leaf.path.length != 1) {
      return null;
    }
    for (String p : partitionColumns) {
      if (p.equalsIgnoreCase(leaf.path[0])) {
        return p;
      }
    }
    return null;
  }

  private static String lookup(Map<String, String> values, String column) {
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey().equalsIgnoreCase(column)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** What a file's statistics say of one key leaf; null when they say nothing. */
  private static final class Range {
    final boolean mayHaveNulls;
    final boolean onlyNulls;
    final Object min;
    final Object max;

    private Range(boolean mayHaveNulls, boolean onlyNulls, Object min, Object max) {
      this.mayHaveNulls = mayHaveNulls;
      this.onlyNulls = onlyNulls;
      this.min = min;
      this.max = max;
    }

    static Range of(DataFileStatistics stats, DeltaChangedKeys.Leaf leaf) {
      Column column = new Column(leaf.path);
      Long nulls = stats.getNullCount().get(column);
      boolean mayHaveNulls = nulls == null || nulls > 0;
      boolean onlyNulls = nulls != null && nulls == stats.getNumRecords();
      if (onlyNulls) {
        return new Range(true, true, null, null);
      }
      Literal min = stats.getMinValues().get(column);
      Literal max = stats.getMaxValues().get(column);
      if (min == null || max == null || min.getValue() == null || max.getValue() == null) {
        return null;
      }
      try {
        Object lo = bound(leaf, min.getValue(), false);
        Object hi = bound(leaf, max.getValue(), true);
        return lo == null || hi == null ? null : new Range(mayHaveNulls, false, lo, hi);
      } catch (ClassCastException e) {
        // Bounds of another type than the key's (a writer's own encoding): they say nothing.
        return null;
      }
    }

    /**
     * A file's partition value of a key leaf as a one-value range; null (nothing said) for types
     * whose serialised form depends on the writer's time zone (timestamps) or does not parse.
     */
    static Range ofPartitionValue(String raw, DeltaChangedKeys.Leaf leaf) {
      // Delta writes a null partition value (and Spark an empty string) as null.
      if (raw == null || raw.isEmpty()) {
        return new Range(true, true, null, null);
      }
      try {
        Object value =
            switch (leaf.kind) {
              case INTEGRAL -> {
                AtomicType.Kind kind = ((AtomicType) leaf.type).kind();
                if (kind == AtomicType.Kind.TIMESTAMP) {
                  yield null;
                }
                yield kind == AtomicType.Kind.DATE
                    ? LocalDate.parse(raw).toEpochDay()
                    : Long.parseLong(raw);
              }
              case FLOATING -> {
                double d = Double.parseDouble(raw);
                yield Double.isNaN(d) ? null : d;
              }
              case DECIMAL -> new BigDecimal(raw);
              case STRING -> raw.getBytes(StandardCharsets.UTF_8);
            };
        return value == null ? null : new Range(false, false, value, value);
      } catch (RuntimeException e) {
        return null;
      }
    }

    /** A bound in the key leaf's form, widened where writers truncate; null when unusable. */
    private static Object bound(DeltaChangedKeys.Leaf leaf, Object value, boolean upper) {
      return switch (leaf.kind) {
        case INTEGRAL -> {
          long v = ((Number) value).longValue();
          boolean timestamp =
              leaf.type instanceof AtomicType a && a.kind() == AtomicType.Kind.TIMESTAMP;
          yield upper && timestamp ? v + TIMESTAMP_TRUNCATION_MICROS : v;
        }
        case FLOATING -> {
          double d = ((Number) value).doubleValue();
          yield Double.isNaN(d) ? null : d;
        }
        case DECIMAL -> (BigDecimal) value;
        case STRING -> ((String) value).getBytes(StandardCharsets.UTF_8);
      };
    }

    /** Whether the file may hold the key of {@code row} as far as this leaf goes. */
    boolean holds(DeltaChangedKeys.Leaf leaf, int row) {
      if (leaf.nulls[row]) {
        return mayHaveNulls;
      }
      if (onlyNulls) {
        return false;
      }
      if (leaf.kind == DeltaChangedKeys.Kind.FLOATING && Double.isNaN(leaf.doubles[row])) {
        return true;
      }
      return compareToMin(leaf, row) >= 0 && compareToMax(leaf, row) <= 0;
    }

    /** Whether the file's range meets the batch's range of this leaf at all. */
    boolean meets(DeltaChangedKeys.Leaf leaf) {
      if (leaf.anyNull && mayHaveNulls || leaf.anyNaN) {
        return true;
      }
      return !onlyNulls
          && leaf.minRow >= 0
          && compareToMax(leaf, leaf.minRow) <= 0
          && compareToMin(leaf, leaf.maxRow) >= 0;
    }

    private int compareToMin(DeltaChangedKeys.Leaf leaf, int row) {
      return switch (leaf.kind) {
        case INTEGRAL -> Long.compare(leaf.longs[row], (Long) min);
        case FLOATING -> leaf.doubles[row] < (Double) min ? -1 : 0;
        case DECIMAL -> leaf.decimals[row].compareTo((BigDecimal) min);
        case STRING -> Arrays.compareUnsigned(leaf.strings[row], (byte[]) min);
      };
    }

    private int compareToMax(DeltaChangedKeys.Leaf leaf, int row) {
      return switch (leaf.kind) {
        case INTEGRAL -> Long.compare(leaf.longs[row], (Long) max);
        case FLOATING -> leaf.doubles[row] > (Double) max ? 1 : 0;
        case DECIMAL -> leaf.decimals[row].compareTo((BigDecimal) max);
        case STRING -> {
          // A maximum may be a prefix of the real one: compare only as many bytes of the key.
          byte[] v = leaf.strings[row];
          byte[] hi = (byte[]) max;
          yield Arrays.compareUnsigned(v, 0, Math.min(v.length, hi.length), hi, 0, hi.length);
        }
      };
    }
  }
}
