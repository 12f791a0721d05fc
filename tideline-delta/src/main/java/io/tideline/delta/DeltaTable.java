package io.tideline.delta;

import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.internal.catalog.TableCatalog;
import io.tideline.internal.delta.DeltaDetail;
import io.tideline.internal.delta.DeltaHistory;

/**
 * A Delta table, as delta-spark's {@code io.delta.tables.DeltaTable}: its rows, its history and
 * detail, and maintenance ({@code optimize}).
 *
 * <pre>{@code
 * DeltaTable orders = DeltaTable.forName(t, "silver.orders");   // or forPath(t, "/tables/orders")
 * orders.history(5).show();
 * orders.optimize().where("product = 'books'").executeCompaction().show();
 * }</pre>
 *
 * <p>The handle holds the session and the table's folder only: every call reads the table's log
 * anew, so it sees the commits of other writers, as delta-spark's does.
 */
public final class DeltaTable {
  private final Tideline session;
  private final String path;

  private DeltaTable(Tideline session, String path) {
    this.session = session;
    this.path = path;
  }

  /**
   * The Delta table at {@code path}.
   *
   * @throws io.tideline.AnalysisException {@code DELTA_MISSING_DELTA_TABLE} when {@code path} holds
   *     no Delta table
   */
  public static DeltaTable forPath(Tideline session, String path) {
    return new DeltaTable(session, DeltaDetail.requireTable(path));
  }

  /**
   * The Delta table {@code name} ({@code schema.table} or {@code table}) of the session's
   * warehouse.
   *
   * @throws io.tideline.AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND} (listing the tables that
   *     exist) when there is no such table, or an invalid-name error
   */
  public static DeltaTable forName(Tideline session, String name) {
    return forPath(session, TableCatalog.of(session).existingPathOf(name).toString());
  }

  /**
   * Whether {@code path} holds a Delta table (a {@code _delta_log} with at least one commit). The
   * session is not needed to tell; it is taken to keep delta-spark's signature.
   */
  public static boolean isDeltaTable(Tideline session, String path) {
    return DeltaDetail.isDeltaTable(path);
  }

  /** The table's rows at its latest version, as {@code t.read().format("delta").load(path)}. */
  public DataFrame toDF() {
    return session.read().format("delta").load(path);
  }

  /**
   * The table's history (Delta's {@code DESCRIBE HISTORY}): one row per commit still in the log,
   * latest first, with {@code version}, {@code timestamp}, {@code operation}, {@code
   * operationParameters}, {@code operationMetrics}, ...
   */
  public DataFrame history() {
    return DeltaHistory.of(session, path, 0);
  }

  /** The latest {@code limit} commits of the table's history. */
  public DataFrame history(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("history(limit) needs a positive limit, got " + limit);
    }
    return DeltaHistory.of(session, path, limit);
  }

  /**
   * One row describing the table (Delta's {@code DESCRIBE DETAIL}): {@code format}, {@code id},
   * {@code location}, {@code createdAt}, {@code lastModified}, {@code partitionColumns}, {@code
   * numFiles}, {@code sizeInBytes}, {@code properties}, {@code minReaderVersion}, {@code
   * minWriterVersion}, ...
   */
  public DataFrame detail() {
    return DeltaDetail.of(session, path);
  }

  /** Starts an {@code OPTIMIZE} of the table: compaction of its small files. */
  public DeltaOptimizeBuilder optimize() {
    return new DeltaOptimizeBuilder(session, path);
  }

  /** The table's folder. */
  public String path() {
    return path;
  }

  @Override
  public String toString() {
    return "DeltaTable(" + path + ")";
  }
}
