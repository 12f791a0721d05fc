package io.tideline.internal.delta;

import io.delta.kernel.Operation;
import io.tideline.DataFrame;
import io.tideline.connector.Sink;
import io.tideline.connector.SinkContext;
import io.tideline.streaming.OutputMode;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The Delta sink ({@code writeStream().format("delta").start(path)}), as Delta Lake's {@code
 * DeltaSink}: every micro-batch is one Delta commit carrying the transaction id (application id =
 * the query id, version = the batch id), so a batch re-run after a crash is skipped. Append mode
 * adds the batch's files; complete mode replaces every file of the table in the same commit; update
 * mode, which Spark's Delta sink refuses, merges the batch's changed rows into the table by the
 * aggregation's keys, rewriting only the files that hold changed keys ({@link DeltaUpdateMerge}),
 * in one commit too. The protocol is {@link DeltaWriter}'s.
 *
 * <p>As Spark's Delta sink (a V1 sink), progress reports {@code sink.numOutputRows = -1}.
 */
final class DeltaSink implements Sink {
  private final DeltaTable table;
  private final DeltaWriter writer;
  private final DeltaWriter.Mode mode;

  /** Update mode's merge keys; empty in append and complete mode, and without an aggregation. */
  private final Optional<List<String>> mergeKeys;

  private final DeltaOptions options;
  private final SinkContext context;
  private final String appId;

  DeltaSink(SinkContext context) {
    this.context = context;
    this.options = new DeltaOptions(context.options());
    String path =
        context
            .path()
            .or(options::path)
            .orElseThrow(
                () -> DeltaErrors.pathRequired("writeStream().format(\"delta\").start(path)"));
    this.table = DeltaTable.at(path);
    this.writer = new DeltaWriter(table);
    boolean update = context.outputMode().equals(OutputMode.Update());
    if (update && context.aggregationKeys().map(List::isEmpty).orElse(false)) {
      throw DeltaErrors.updateKeysNotFound(table.displayPath(), "");
    }
    // Without an aggregation, update mode emits each row once: it is append, as in Spark.
    this.mergeKeys = update ? context.aggregationKeys() : Optional.empty();
    // Update mode appends and removes the files it rewrites (DeltaUpdateMerge).
    this.mode =
        context.outputMode().equals(OutputMode.Complete())
            ? DeltaWriter.Mode.OVERWRITE
            : DeltaWriter.Mode.APPEND;
    this.appId = context.queryId().toString();
    // Fail at start, not at the first batch, when the options are wrong.
    options.mergeSchema();
    if (context.tableName().isPresent()) {
      writer.createIfMissing(context.schema(), request(Optional.empty(), ""));
    }
  }

  private DeltaWriter.Request request(Optional<DeltaWriter.TxnId> txn, String where) {
    return new DeltaWriter.Request(
        mode,
        context.partitionColumns(),
        options.tableProperties(context.options()),
        options.mergeSchema(),
        txn,
        Operation.STREAMING_UPDATE,
        where,
        options.writerOptions());
  }

  @Override
  public void addBatch(long batchId, DataFrame data) {
    DeltaWriter.Request request =
        request(Optional.of(new DeltaWriter.TxnId(appId, batchId)), where(batchId));
    if (mergeKeys.isEmpty()) {
      writer.write(data, request);
      return;
    }
    List<String> keys = mergeKeys.get();
    writer.rewrite(
        data.schema(),
        snapshot ->
            DeltaUpdateMerge.rewrite(table, snapshot, DeltaUpdateMerge.materialize(data), keys),
        request);
  }

  private String where(long batchId) {
    UUID id = context.queryId();
    return ", query "
        + context.queryName().map(n -> n + " ").orElse("")
        + "(id "
        + id
        + "), batch "
        + batchId;
  }

  @Override
  public String description() {
    return "DeltaSink[" + table.displayPath() + "]";
  }

  @Override
  public String toString() {
    return description();
  }
}
