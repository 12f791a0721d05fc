package io.tideline.internal.delta;

import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.exceptions.KernelEngineException;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.utils.CloseableIterator;
import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.plan.FileRelation;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.Project;
import io.tideline.internal.plan.Union;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The batch plan reading one snapshot of a Delta table: Kernel replays the log and lists the
 * snapshot's files with their partition values; Tideline's own columnar Parquet reader reads them.
 *
 * <p>Why Tideline's reader and not Kernel's: Kernel's default engine reads Parquet into its own
 * column vectors, which would have to be copied value by value into Tideline's; the file scan of
 * core reads straight into Tideline's vectors, splits files across tasks and prunes columns. The
 * plan is one {@link FileRelation} per distinct set of partition values, projected with the values
 * as literals (as partition discovery does for {@code col=value} folders), in the table's column
 * order.
 *
 * <p>Refused for now, with a clear error: tables with column mapping (physical names differ from
 * the schema's) and files with deletion vectors.
 */
final class DeltaScan {
  private DeltaScan() {}

  /** The plan of every row of {@code snapshot}. */
  static LogicalPlan plan(DeltaTable table, Snapshot snapshot) {
    checkReadable(table, snapshot);
    StructType schema = DeltaSchemas.fromKernel(snapshot.getSchema(), table.displayPath());
    return planFiles(schema, snapshot.getPartitionColumnNames(), listFiles(table, snapshot));
  }

  /** Refuses tables this reader cannot read yet: with column mapping. */
  static void checkReadable(DeltaTable table, Snapshot snapshot) {
    String mapping = snapshot.getTableProperties().getOrDefault("delta.columnMapping.mode", "none");
    if (!mapping.equalsIgnoreCase("none")) {
      throw DeltaErrors.unsupportedFeature(
          table.displayPath(),
          "column mapping (delta.columnMapping.mode = " + mapping + ")",
          "Read it with Apache Spark, or rewrite it without column mapping.");
    }
  }

  /**
   * The plan reading {@code filesByPartition} (data files grouped by their partition values) of a
   * table whose columns are {@code schema}, partitioned by {@code partitionColumns}: what a
   * snapshot's scan and the streaming source's batches share.
   */
  static LogicalPlan planFiles(
      StructType schema,
      List<String> partitionColumns,
      Map<Map<String, String>, List<Path>> filesByPartition) {
    List<Attribute> dataOutput = new ArrayList<>();
    List<StructField> partitionFields = new ArrayList<>();
    for (StructField f : schema.fields()) {
      if (isPartitionColumn(partitionColumns, f.name())) {
        partitionFields.add(f);
      } else {
        // Spark reads files with every column nullable.
        dataOutput.add(new Attribute(f.name(), f.dataType(), true));
      }
    }
    if (partitionFields.isEmpty()) {
      List<Path> files = new ArrayList<>();
      filesByPartition.values().forEach(files::addAll);
      return new FileRelation("parquet", files, Map.of(), dataOutput);
    }
    List<LogicalPlan> scans = new ArrayList<>();
    for (Map.Entry<Map<String, String>, List<Path>> e : filesByPartition.entrySet()) {
      scans.add(partitionScan(e.getValue(), e.getKey(), dataOutput, partitionFields));
    }
    if (scans.isEmpty()) {
      scans.add(partitionScan(List.of(), Map.of(), dataOutput, partitionFields));
    }
    LogicalPlan union = scans.size() == 1 ? scans.get(0) : new Union(scans);
    List<Expr> ordered = new ArrayList<>();
    for (StructField f : schema.fields()) {
      for (Attribute a : union.output()) {
        if (a.name().equals(f.name())) {
          // A partition value is a literal per file group, but the column is nullable, as Spark
          // reads it (a null value is written as a null partition value).
          ordered.add(a.withNullable(true));
          break;
        }
      }
    }
    return new Project(ordered, union);
  }

  private static LogicalPlan partitionScan(
      List<Path> files,
      Map<String, String> values,
      List<Attribute> dataOutput,
      List<StructField> partitionFields) {
    List<Expr> projection = new ArrayList<>(dataOutput);
    for (StructField f : partitionFields) {
      projection.add(new Alias(valueOf(lookup(values, f.name()), f.dataType()), f.name()));
    }
    return new Project(projection, new FileRelation("parquet", files, Map.of(), dataOutput));
  }

  private static String lookup(Map<String, String> values, String column) {
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey().equalsIgnoreCase(column)) {
        return e.getValue();
      }
    }
    return null;
  }

  /**
   * A partition value as Delta serialises it, typed: a string, where null and the empty string are
   * both null (Spark writes an empty string value as null, and reads it so).
   */
  private static Expr valueOf(String raw, DataType type) {
    if (raw == null || raw.isEmpty()) {
      return new Literal(null, type);
    }
    Literal text = Literal.of(raw);
    return type.equals(DataTypes.StringType) ? text : new Cast(text, type);
  }

  private static boolean isPartitionColumn(List<String> partitionColumns, String name) {
    for (String p : partitionColumns) {
      if (p.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /** The snapshot's data files grouped by their partition values, in the log's order. */
  private static Map<Map<String, String>, List<Path>> listFiles(
      DeltaTable table, Snapshot snapshot) {
    Map<Map<String, String>, List<Path>> out = new LinkedHashMap<>();
    for (ScanFile f : files(table, snapshot)) {
      out.computeIfAbsent(f.partitionValues(), v -> new ArrayList<>()).add(f.path());
    }
    return out;
  }

  /**
   * One data file of a snapshot, as its {@code add} action describes it.
   *
   * @param path where it is
   * @param size its length in bytes
   * @param partitionValues its partition values as Delta serialises them (null for a null value)
   * @param add its {@code add} action, for a {@code remove} of the file
   */
  record ScanFile(Path path, long size, Map<String, String> partitionValues, Row add) {}

  /**
   * The snapshot's data files, in the log's order; files with deletion vectors are refused (reading
   * them whole would bring deleted rows back).
   */
  static List<ScanFile> files(DeltaTable table, Snapshot snapshot) {
    List<ScanFile> out = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> scanFiles =
        snapshot.getScanBuilder().build().getScanFiles(table.engine())) {
      while (scanFiles.hasNext()) {
        try (CloseableIterator<Row> rows = scanFiles.next().getRows()) {
          while (rows.hasNext()) {
            Row scanFile = rows.next();
            Row add = scanFile.getStruct(scanFile.getSchema().indexOf("add"));
            checkNoDeletionVector(table, add);
            String rawPath = add.getString(add.getSchema().indexOf("path"));
            Map<String, String> values =
                toMap(add.getMap(add.getSchema().indexOf("partitionValues")));
            long size = add.getLong(add.getSchema().indexOf("size"));
            out.add(new ScanFile(resolve(table, rawPath), size, values, add));
          }
        }
      }
    } catch (IOException e) {
      throw DeltaErrors.readFailed(table.displayPath(), e);
    } catch (KernelException | KernelEngineException e) {
      // Kernel reads the log lazily: a bad commit file may only show while listing the files.
      throw table.logFailure(e, -1);
    }
    return out;
  }

  /** Refuses an {@code add} action with a deletion vector: its file has rows that are deleted. */
  static void checkNoDeletionVector(DeltaTable table, Row add) {
    int dv = add.getSchema().indexOf("deletionVector");
    if (dv >= 0 && !add.isNullAt(dv)) {
      throw deletionVectorsUnsupported(table);
    }
  }

  /** The error for a file with a deletion vector, which this reader cannot apply yet. */
  static RuntimeException deletionVectorsUnsupported(DeltaTable table) {
    return DeltaErrors.unsupportedFeature(
        table.displayPath(),
        "deletion vectors",
        "Read it with Apache Spark, or purge them there with REORG TABLE ... APPLY (PURGE).");
  }

  /** A partition-values map of the log as a Java map (null values kept). */
  static Map<String, String> toMap(MapValue map) {
    if (map == null || map.getSize() == 0) {
      return Map.of();
    }
    Map<String, String> out = new HashMap<>();
    ColumnVector keys = map.getKeys();
    ColumnVector values = map.getValues();
    for (int i = 0; i < map.getSize(); i++) {
      out.put(keys.getString(i), values.isNullAt(i) ? null : values.getString(i));
    }
    return out;
  }

  /** An {@code add} path: a URI, relative to the table's folder unless absolute. */
  static Path resolve(DeltaTable table, String rawPath) {
    try {
      URI uri = new URI(rawPath);
      if (uri.isAbsolute()) {
        return Path.of(uri);
      }
      return table.root().resolve(uri.getPath());
    } catch (URISyntaxException e) {
      throw DeltaErrors.bug(table.displayPath(), "an add action has the invalid path " + rawPath);
    }
  }
}
