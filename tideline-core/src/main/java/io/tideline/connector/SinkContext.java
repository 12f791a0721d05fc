package io.tideline.connector;

import io.tideline.Tideline;
import io.tideline.streaming.OutputMode;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a sink is made from when its query starts.
 *
 * @param session the session running the query
 * @param options the writer's options (look them up case-insensitively)
 * @param schema the schema of the query's output
 * @param outputMode the query's output mode
 * @param partitionColumns {@code partitionBy(...)} columns, in order
 * @param path the path given to {@code start(path)} or the {@code path} option, if any
 * @param tableName the name given to {@code toTable(name)}, if any
 * @param queryId the query's id, stable across restarts (the transaction id of idempotent sinks)
 * @param queryName the query's name, if set
 * @param checkpoint the query's checkpoint folder
 * @param aggregationKeys the output columns that are the keys of the query's aggregation (its
 *     window and grouping columns), by which a sink in update mode replaces the rows it holds; an
 *     empty list when the output keeps none of them; empty when the query does not aggregate
 */
public record SinkContext(
    Tideline session,
    Map<String, String> options,
    StructType schema,
    OutputMode outputMode,
    List<String> partitionColumns,
    Optional<String> path,
    Optional<String> tableName,
    UUID queryId,
    Optional<String> queryName,
    Path checkpoint,
    Optional<List<String>> aggregationKeys) {
  public SinkContext {
    options = Map.copyOf(options);
    partitionColumns = List.copyOf(partitionColumns);
    aggregationKeys = aggregationKeys.map(List::copyOf);
  }

  /** A context for a query that does not aggregate. */
  public SinkContext(
      Tideline session,
      Map<String, String> options,
      StructType schema,
      OutputMode outputMode,
      List<String> partitionColumns,
      Optional<String> path,
      Optional<String> tableName,
      UUID queryId,
      Optional<String> queryName,
      Path checkpoint) {
    this(
        session,
        options,
        schema,
        outputMode,
        partitionColumns,
        path,
        tableName,
        queryId,
        queryName,
        checkpoint,
        Optional.empty());
  }

  /** The option {@code key}, matched case-insensitively. */
  public Optional<String> option(String key) {
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** Shows the options with secrets hidden. */
  @Override
  public String toString() {
    return "SinkContext[options="
        + io.tideline.internal.conf.Redaction.redact(options)
        + ", outputMode="
        + outputMode
        + ", path="
        + path
        + ", tableName="
        + tableName
        + ", queryId="
        + queryId
        + "]";
  }
}
