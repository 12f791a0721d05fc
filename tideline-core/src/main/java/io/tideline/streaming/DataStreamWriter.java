package io.tideline.streaming;

import io.tideline.DataFrame;
import io.tideline.connector.Sink;
import io.tideline.internal.catalog.CatalogErrors;
import io.tideline.internal.catalog.TableCatalog;
import io.tideline.internal.catalog.TableIdentifier;
import io.tideline.internal.streaming.Clock;
import io.tideline.internal.streaming.SystemClock;
import io.tideline.internal.streaming.exec.LoopHooks;
import io.tideline.internal.streaming.exec.WriteSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Describes where and how a streaming DataFrame is written, as Spark's {@code DataStreamWriter};
 * {@code start()} or {@code toTable()} starts the query.
 */
public final class DataStreamWriter {
  private final DataFrame data;
  private static final String TABLE_FORMAT = "delta";

  private String format;

  /** Whether the user chose the format, so that {@code toTable} can refuse a non-table one. */
  private boolean formatGiven;

  private OutputMode outputMode = OutputMode.Append();
  private Trigger trigger = Trigger.ProcessingTime(0L);
  private String queryName;
  private List<String> partitionColumns = List.of();
  private final Map<String, String> options = new LinkedHashMap<>();
  private ForeachBatchFunction foreachBatch;
  private Sink sink;
  private Clock clock = new SystemClock();
  private LoopHooks hooks = LoopHooks.NONE;

  public DataStreamWriter(DataFrame data) {
    this.data = data;
    this.format = data.session().conf().get("tideline.sql.sources.default", "parquet");
  }

  /**
   * The sink's format: {@code parquet}, {@code json}, {@code csv}, {@code text}, {@code memory},
   * {@code console}, or any {@code SinkProvider} on the class path. Default: {@code
   * tideline.sql.sources.default} ({@code parquet}).
   */
  public DataStreamWriter format(String source) {
    this.format = source;
    this.formatGiven = true;
    return this;
  }

  /** {@code append}, {@code complete} or {@code update}, case-insensitive. */
  public DataStreamWriter outputMode(String mode) {
    this.outputMode = OutputMode.fromString(mode);
    return this;
  }

  public DataStreamWriter outputMode(OutputMode mode) {
    this.outputMode = mode;
    return this;
  }

  /** When batches run; default {@link Trigger#Default()}, as fast as possible. */
  public DataStreamWriter trigger(Trigger trigger) {
    this.trigger = trigger;
    return this;
  }

  /** The query's name: shown in progress, and the table name of the {@code memory} sink. */
  public DataStreamWriter queryName(String name) {
    this.queryName = name;
    return this;
  }

  /** Writes the file sink's output in Hive-style {@code column=value} folders. */
  public DataStreamWriter partitionBy(String... columns) {
    this.partitionColumns = List.copyOf(Arrays.asList(columns));
    return this;
  }

  /** Sets an option; keys are matched case-insensitively, a later value replaces an earlier one. */
  public DataStreamWriter option(String key, String value) {
    options.keySet().removeIf(k -> k.equalsIgnoreCase(key));
    options.put(key, value);
    return this;
  }

  public DataStreamWriter option(String key, long value) {
    return option(key, Long.toString(value));
  }

  public DataStreamWriter option(String key, double value) {
    return option(key, Double.toString(value));
  }

  public DataStreamWriter option(String key, boolean value) {
    return option(key, Boolean.toString(value));
  }

  public DataStreamWriter options(Map<String, String> more) {
    more.forEach(this::option);
    return this;
  }

  /** Gives each batch to {@code function} with its batch id. */
  public DataStreamWriter foreachBatch(ForeachBatchFunction function) {
    this.foreachBatch = function;
    this.format = "foreachBatch";
    this.formatGiven = true;
    return this;
  }

  /**
   * Writes to a ready-made sink instead of a format: for the test kit, whose sinks outlive a query
   * so a restarted query writes to the same one.
   */
  public DataStreamWriter sink(Sink sink) {
    this.sink = sink;
    return this;
  }

  /** Drives triggers and time-based sources with {@code clock} (for the test kit). */
  public DataStreamWriter clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** Calls {@code hooks} at each point of the micro-batch loop (for the test kit). */
  public DataStreamWriter loopHooks(LoopHooks hooks) {
    this.hooks = hooks;
    return this;
  }

  /**
   * Checks and starts the query. Returns once the query is running and listeners have heard {@code
   * onQueryStarted}; its batches run on its own thread.
   *
   * @throws io.tideline.internal.errors.TidelineException when the query cannot start: a plan the
   *     output mode cannot run, a sink that does not support it, a missing checkpoint location or
   *     path, a name or query id already active, a checkpoint in use by another run ({@code
   *     CHECKPOINT_IN_USE}) or written by a different query ({@code
   *     STREAMING_CHECKPOINT_QUERY_CHANGED})
   */
  public StreamingQuery start() {
    return start(Optional.empty(), Optional.empty());
  }

  /** Starts the query writing to files (or a table) at {@code path}. */
  public StreamingQuery start(String path) {
    return start(Optional.of(path), Optional.empty());
  }

  /**
   * Starts the query writing to catalog table {@code tableName} ({@code "schema.table"} in the
   * session's warehouse), a Delta table made by the first batch if missing. The format is {@code
   * delta} unless set; another format is refused, as catalog tables are Delta tables.
   *
   * @throws io.tideline.AnalysisException {@code INVALID_SCHEMA_OR_RELATION_NAME} for a name that
   *     cannot be a table's, {@code UNSUPPORTED_TABLE_FORMAT} for a format other than Delta
   */
  public StreamingQuery toTable(String tableName) {
    TableIdentifier id = TableIdentifier.parse(tableName);
    if (!formatGiven) {
      format = TABLE_FORMAT;
    }
    if (!TABLE_FORMAT.equalsIgnoreCase(format)) {
      throw CatalogErrors.unsupportedFormat(id.qualified(), format);
    }
    Path path = TableCatalog.of(data.session()).pathOf(id);
    return start(Optional.of(path.toString()), Optional.of(id.qualified()));
  }

  private StreamingQuery start(Optional<String> path, Optional<String> tableName) {
    Optional<String> resolvedPath = path;
    if (resolvedPath.isEmpty()) {
      for (Map.Entry<String, String> e : options.entrySet()) {
        if (e.getKey().equalsIgnoreCase("path")) {
          resolvedPath = Optional.of(e.getValue());
        }
      }
    }
    WriteSpec spec =
        new WriteSpec(
            data,
            format,
            outputMode,
            options,
            trigger,
            Optional.ofNullable(queryName),
            partitionColumns,
            resolvedPath,
            tableName,
            Optional.ofNullable(foreachBatch),
            Optional.ofNullable(sink),
            clock,
            hooks);
    return data.session().streams().startQuery(spec);
  }
}
