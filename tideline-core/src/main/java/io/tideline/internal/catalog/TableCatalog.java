package io.tideline.internal.catalog;

import io.tideline.Tideline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The tables of a session's warehouse folder, laid out as Spark lays out {@code spark-warehouse}:
 * {@code <warehouse>/<table>} for the {@code default} schema and {@code
 * <warehouse>/<schema>.db/<table>} for the others.
 *
 * <p>The folders are the catalog: a table exists when its folder holds a Delta log, so there is no
 * metastore to keep in step with the files, and a table written by one session (or by Spark with
 * the same layout) is visible to the next. A name maps to one folder whatever its case.
 */
public final class TableCatalog {

  private static final String DELTA_LOG = "_delta_log";
  private static final String SCHEMA_SUFFIX = ".db";

  private final Path warehouse;

  private TableCatalog(Path warehouse) {
    this.warehouse = warehouse.toAbsolutePath().normalize();
  }

  /** The catalog of {@code session}'s warehouse ({@code Tideline.builder().warehouse(...)}). */
  public static TableCatalog of(Tideline session) {
    return new TableCatalog(session.warehouse());
  }

  /** The catalog of a warehouse folder, for tools that run without a session. */
  public static TableCatalog at(Path warehouse) {
    return new TableCatalog(warehouse);
  }

  public Path warehouse() {
    return warehouse;
  }

  /** The folder of table {@code name}, whether or not it exists yet. */
  public Path pathOf(String name) {
    return pathOf(TableIdentifier.parse(name));
  }

  public Path pathOf(TableIdentifier id) {
    Path schemaFolder =
        id.schema().equals(TableIdentifier.DEFAULT_SCHEMA)
            ? warehouse
            : warehouse.resolve(id.schema() + SCHEMA_SUFFIX);
    return schemaFolder.resolve(id.table());
  }

  /** Whether table {@code name} exists: its folder holds a Delta log. */
  public boolean exists(String name) {
    return exists(TableIdentifier.parse(name));
  }

  public boolean exists(TableIdentifier id) {
    return Files.isDirectory(pathOf(id).resolve(DELTA_LOG));
  }

  /**
   * The folder of an existing table.
   *
   * @throws io.tideline.AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND}, listing the tables that
   *     exist
   */
  public Path existingPathOf(String name) {
    TableIdentifier id = TableIdentifier.parse(name);
    if (!exists(id)) {
      throw CatalogErrors.tableNotFound(id, warehouse, tables());
    }
    return pathOf(id);
  }

  /** The tables of the warehouse as {@code schema.table}, sorted. */
  public List<String> tables() {
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(warehouse)) {
      return names;
    }
    try (Stream<Path> top = Files.list(warehouse)) {
      for (Path p : top.sorted().toList()) {
        String folder = p.getFileName().toString();
        if (Files.isDirectory(p.resolve(DELTA_LOG))) {
          names.add(TableIdentifier.DEFAULT_SCHEMA + "." + folder);
        } else if (folder.endsWith(SCHEMA_SUFFIX) && Files.isDirectory(p)) {
          String schema = folder.substring(0, folder.length() - SCHEMA_SUFFIX.length());
          try (Stream<Path> inSchema = Files.list(p)) {
            for (Path t : inSchema.sorted().toList()) {
              if (Files.isDirectory(t.resolve(DELTA_LOG))) {
                names.add(schema + "." + t.getFileName());
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the warehouse folder " + warehouse, e);
    }
    names.sort(null);
    return names;
  }
}
