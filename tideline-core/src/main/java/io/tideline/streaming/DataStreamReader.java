package io.tideline.streaming;

import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.connector.SourceProvider;
import io.tideline.internal.catalog.TableCatalog;
import io.tideline.internal.catalog.TableIdentifier;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.StreamingRelation;
import io.tideline.internal.streaming.source.ProviderSourceSpec;
import io.tideline.internal.streaming.source.SourceProviders;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Describes a streaming source, as Spark's {@code DataStreamReader}: {@code
 * t.readStream().format("kafka").option("subscribe", "orders").load()}. {@code load()} checks the
 * options and fixes the schema; the source itself is made when a query starts.
 */
public final class DataStreamReader {
  private final Tideline session;
  private String format;
  private StructType userSchema;
  private final Map<String, String> options = new LinkedHashMap<>();

  public DataStreamReader(Tideline session) {
    this.session = session;
    this.format = session.conf().get("tideline.sql.sources.default", "parquet");
  }

  /**
   * The source's format: {@code json}, {@code csv}, {@code parquet}, {@code text}, {@code rate}, or
   * any {@code SourceProvider} on the class path. Default: {@code tideline.sql.sources.default}
   * ({@code parquet}).
   */
  public DataStreamReader format(String source) {
    this.format = source;
    return this;
  }

  public DataStreamReader schema(StructType schema) {
    this.userSchema = schema;
    return this;
  }

  /** The schema in DDL: {@code "order_id STRING, amount DOUBLE"}. */
  public DataStreamReader schema(String ddl) {
    return schema(StructType.fromDDL(ddl));
  }

  /** Sets an option; keys are matched case-insensitively, a later value replaces an earlier one. */
  public DataStreamReader option(String key, String value) {
    options.keySet().removeIf(k -> k.equalsIgnoreCase(key));
    options.put(key, value);
    return this;
  }

  public DataStreamReader option(String key, long value) {
    return option(key, Long.toString(value));
  }

  public DataStreamReader option(String key, double value) {
    return option(key, Double.toString(value));
  }

  public DataStreamReader option(String key, boolean value) {
    return option(key, Boolean.toString(value));
  }

  public DataStreamReader options(Map<String, String> more) {
    more.forEach(this::option);
    return this;
  }

  /**
   * The streaming DataFrame of the source described so far.
   *
   * @throws io.tideline.internal.errors.TidelineException {@code DATA_SOURCE_NOT_FOUND} for an
   *     unknown format, or the source's own condition for a bad option, a missing path or a missing
   *     schema
   */
  public DataFrame load() {
    SourceProvider provider = SourceProviders.forFormat(format);
    Optional<StructType> schema = Optional.ofNullable(userSchema);
    StructType sourceSchema = provider.sourceSchema(session, options, schema);
    List<Attribute> output = new ArrayList<>(sourceSchema.size());
    for (StructField f : sourceSchema.fields()) {
      output.add(new Attribute(f.name(), f.dataType(), f.nullable()));
    }
    ProviderSourceSpec spec = new ProviderSourceSpec(provider, options, schema, sourceSchema);
    return DataFrame.ofPlan(session, new StreamingRelation(spec, output));
  }

  /** Reads the files appearing under {@code path}. */
  public DataFrame load(String path) {
    return option("path", path).load();
  }

  public DataFrame json(String path) {
    return format("json").load(path);
  }

  public DataFrame csv(String path) {
    return format("csv").load(path);
  }

  public DataFrame parquet(String path) {
    return format("parquet").load(path);
  }

  public DataFrame text(String path) {
    return format("text").load(path);
  }

  /**
   * A streaming read of catalog table {@code tableName}'s new commits: the Delta table {@code
   * "schema.table"} of the session's warehouse, through the {@code delta} source (tideline-delta)
   * with this reader's options ({@code startingVersion}, {@code maxFilesPerTrigger}, ...).
   *
   * @throws io.tideline.AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND} listing the tables that
   *     exist, or {@code INVALID_SCHEMA_OR_RELATION_NAME}
   */
  public DataFrame table(String tableName) {
    TableIdentifier id = TableIdentifier.parse(tableName);
    Path path = TableCatalog.of(session).existingPathOf(id.qualified());
    return format("delta").option("tableName", id.qualified()).load(path.toString());
  }
}
