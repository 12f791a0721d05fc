package io.tideline;

import io.tideline.internal.api.RowConversions;
import io.tideline.internal.catalog.CatalogErrors;
import io.tideline.internal.catalog.TableCatalog;
import io.tideline.internal.catalog.TableIdentifier;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.LocalRelation;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.streaming.DataStreamReader;
import io.tideline.streaming.StreamingQueryManager;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A Tideline session: the entry point, like Spark's {@code SparkSession}. It holds the
 * configuration, the warehouse folder for tables, and the thread pool queries run on.
 *
 * <pre>{@code
 * Tideline t = Tideline.builder().appName("orders").getOrCreate();
 * DataFrame orders = t.read().schema("order_id STRING, amount DOUBLE").json("/data/orders");
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops every query the session started and its threads.
 */
public final class Tideline implements AutoCloseable {
  private static final Object LOCK = new Object();
  private static Tideline active;

  private final String appName;
  private final Path warehouse;
  private final TidelineConf conf;
  private final ExecutorService pool;
  private volatile boolean closed;
  private final Map<String, Supplier<LogicalPlan>> tempTables = new ConcurrentHashMap<>();
  private final StreamingQueryManager streams = new StreamingQueryManager(this);

  private Tideline(String appName, Path warehouse, TidelineConf conf) {
    this.appName = appName;
    this.warehouse = warehouse;
    this.conf = conf;
    this.pool = Executors.newFixedThreadPool(conf.parallelism(), new WorkerThreads(appName));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds or returns the active session, as {@code SparkSession.builder()}. */
  public static final class Builder {
    private String appName = "tideline";
    private Path warehouse = Path.of("warehouse");
    private final Map<String, String> config = new LinkedHashMap<>();

    private Builder() {}

    public Builder appName(String name) {
      this.appName = name;
      return this;
    }

    /** Spark's {@code master}: accepted for compatibility; Tideline always runs in-process. */
    public Builder master(String master) {
      return this;
    }

    /** The folder where {@code toTable("schema.table")} keeps tables. */
    public Builder warehouse(Path folder) {
      this.warehouse = folder;
      return this;
    }

    public Builder config(String key, String value) {
      config.put(key, value);
      return this;
    }

    public Builder config(String key, long value) {
      return config(key, Long.toString(value));
    }

    public Builder config(String key, boolean value) {
      return config(key, Boolean.toString(value));
    }

    /**
     * The active session if one is open (the builder's settings then apply to its configuration, as
     * in Spark), else a new one.
     */
    public Tideline getOrCreate() {
      synchronized (LOCK) {
        if (active != null && !active.closed) {
          config.forEach(active.conf::set);
          return active;
        }
        active = new Tideline(appName, warehouse, new TidelineConf(config));
        return active;
      }
    }
  }

  public String appName() {
    return appName;
  }

  public Path warehouse() {
    return warehouse;
  }

  /** The session's configuration; changes apply to queries started afterwards. */
  public TidelineConf conf() {
    return conf;
  }

  /** Describes a streaming source: {@code t.readStream().format("rate").load()}. */
  public DataStreamReader readStream() {
    return new DataStreamReader(this);
  }

  /** The session's streaming queries. */
  public StreamingQueryManager streams() {
    return streams;
  }

  /**
   * A batch DataFrame of a table: a memory sink's output (under its query's name), else a table of
   * the session's catalog ({@code "schema.table"} in the warehouse folder, read at its latest
   * version).
   *
   * @throws AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND} listing the tables that exist, or
   *     {@code INVALID_SCHEMA_OR_RELATION_NAME} for a name that cannot be a table's
   */
  public DataFrame table(String name) {
    Supplier<LogicalPlan> temp = tempTables.get(name.toLowerCase(Locale.ROOT));
    if (temp != null) {
      return new DataFrame(this, temp.get());
    }
    TableCatalog catalog = TableCatalog.of(this);
    TableIdentifier id = TableIdentifier.parse(name);
    if (!catalog.exists(id)) {
      List<String> known = new ArrayList<>(new TreeSet<>(tempTables.keySet()));
      known.addAll(catalog.tables());
      throw CatalogErrors.tableNotFound(id, catalog.warehouse(), known);
    }
    return read()
        .format("delta")
        .option("tableName", id.qualified())
        .load(catalog.pathOf(id).toString());
  }

  /**
   * Registers (or replaces) a session table whose content is {@code plan}'s current value, read at
   * each {@link #table(String)} call (for the engine's own modules: the memory sink).
   */
  public void registerTempTable(String name, Supplier<LogicalPlan> plan) {
    tempTables.put(name.toLowerCase(Locale.ROOT), plan);
  }

  public DataFrameReader read() {
    return new DataFrameReader(this);
  }

  /** A DataFrame of {@code rows}, each of which must fit {@code schema}. */
  public DataFrame createDataFrame(List<Row> rows, StructType schema) {
    List<Attribute> output = new ArrayList<>(schema.size());
    for (StructField f : schema.fields()) {
      output.add(new Attribute(f.name(), f.dataType(), f.nullable()));
    }
    return new DataFrame(
        this, new LocalRelation(output, RowConversions.toBatches(rows, schema, conf.batchSize())));
  }

  /** A single BIGINT column {@code id} with values {@code [0, end)}. */
  public DataFrame range(long end) {
    return range(0, end);
  }

  /** A single BIGINT column {@code id} with values {@code [start, end)}. */
  public DataFrame range(long start, long end) {
    int batchSize = conf.batchSize();
    List<io.tideline.internal.vector.Batch> batches = new ArrayList<>();
    for (long from = start; from < end; from += batchSize) {
      int n = (int) Math.min(batchSize, end - from);
      io.tideline.internal.vector.LongVector ids =
          new io.tideline.internal.vector.LongVector(io.tideline.types.DataTypes.LongType, n);
      for (int i = 0; i < n; i++) {
        ids.set(i, from + i);
      }
      batches.add(
          new io.tideline.internal.vector.Batch(
              new io.tideline.internal.vector.ColumnVector[] {ids}, n));
    }
    Attribute id = new Attribute("id", io.tideline.types.DataTypes.LongType, false);
    return new DataFrame(this, new LocalRelation(List.of(id), batches));
  }

  /** The session's task pool (for the engine's own modules). */
  public ExecutorService pool() {
    return pool;
  }

  /** Stops the session's threads; the next {@code getOrCreate()} builds a new session. */
  @Override
  public void close() {
    streams.stopAll();
    synchronized (LOCK) {
      closed = true;
      pool.shutdownNow();
      if (active == this) {
        active = null;
      }
    }
  }

  /** Alias of {@link #close()}, as Spark's {@code stop()}. */
  public void stop() {
    close();
  }

  private static final class WorkerThreads implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger next = new AtomicInteger();

    WorkerThreads(String appName) {
      this.prefix = "tideline-" + appName + "-worker-";
    }

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, prefix + next.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
