package io.tideline.internal.delta;

import io.delta.kernel.Snapshot;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.delta.DeltaScan.ScanFile;
import io.tideline.types.StructType;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/**
 * Delta's {@code DESCRIBE DETAIL}: one row describing the latest snapshot of a table, with
 * delta-spark's columns (without {@code statistics}): its format, id, location, creation and last
 * commit times, partition columns, number and size of its files, properties and protocol.
 */
public final class DeltaDetail {
  /** The schema of the detail row, in delta-spark's column order. */
  public static final StructType SCHEMA =
      StructType.fromDDL(
          "format STRING, id STRING, name STRING, description STRING, location STRING,"
              + " createdAt TIMESTAMP, lastModified TIMESTAMP, partitionColumns ARRAY<STRING>,"
              + " clusteringColumns ARRAY<STRING>, numFiles BIGINT, sizeInBytes BIGINT,"
              + " properties MAP<STRING, STRING>, minReaderVersion INT, minWriterVersion INT,"
              + " tableFeatures ARRAY<STRING>");

  private DeltaDetail() {}

  /** The detail of the table at {@code path}, or {@code DELTA_MISSING_DELTA_TABLE}. */
  public static DataFrame of(Tideline session, String path) {
    DeltaTable table = DeltaTable.at(path);
    Snapshot snapshot = table.latestOrFail();
    KernelInternals.TableDetail detail = KernelInternals.detail(snapshot);
    long numFiles = 0;
    long size = 0;
    for (ScanFile f : DeltaScan.files(table, snapshot)) {
      numFiles++;
      size += f.size();
    }
    Row row =
        Row.of(
            "delta",
            detail.id(),
            detail.name().orElse(null),
            detail.description().orElse(null),
            "file:" + table.root(),
            detail.createdAtMs().map(Instant::ofEpochMilli).orElse(null),
            Instant.ofEpochMilli(snapshot.getTimestamp(table.engine())),
            List.copyOf(snapshot.getPartitionColumnNames()),
            List.of(),
            numFiles,
            size,
            new TreeMap<>(snapshot.getTableProperties()),
            detail.minReaderVersion(),
            detail.minWriterVersion(),
            detail.tableFeatures());
    return session.createDataFrame(List.of(row), SCHEMA);
  }

  /** The schema of the table at {@code path} (its latest snapshot), for {@code describe}. */
  public static StructType schema(String path) {
    DeltaTable table = DeltaTable.at(path);
    return DeltaSchemas.fromKernel(table.latestOrFail().getSchema(), table.displayPath());
  }

  /** Whether {@code path} holds a Delta table (a log with at least one commit). */
  public static boolean isDeltaTable(String path) {
    return DeltaTable.at(path).exists();
  }

  /**
   * The table's folder as Tideline resolves {@code path} (absolute, normalised), or {@code
   * DELTA_MISSING_DELTA_TABLE} when there is no Delta table there.
   */
  public static String requireTable(String path) {
    DeltaTable table = DeltaTable.at(path);
    table.latestOrFail();
    return table.displayPath();
  }
}
