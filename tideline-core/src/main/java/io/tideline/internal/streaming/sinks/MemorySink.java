package io.tideline.internal.streaming.sinks;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.connector.Sink;
import io.tideline.internal.api.RowConversions;
import io.tideline.internal.exec.QueryExecution;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.LocalRelation;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.vector.Batch;
import io.tideline.streaming.OutputMode;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The {@code memory} sink, as Spark's {@code MemorySink}: keeps every batch's rows in memory, as
 * columnar batches, and publishes them as the session table named after the query ({@code
 * t.table(queryName)}).
 *
 * <p>Append and update add each batch's rows; complete replaces all rows with the batch's. A batch
 * id at or below the last one added is ignored, so the loop's re-delivery of a batch after a crash
 * adds nothing twice.
 *
 * <p>Concurrency: the stream thread writes, any thread reads. A batch is collected before the lock
 * is taken and published under it in one step, so a reader sees either none or all of a batch;
 * readers copy the list of batches under the lock and convert to rows outside it. Batches are never
 * mutated once published.
 *
 * <p>Not fault-tolerant across processes: the rows live in this object only. {@link
 * MemorySinkProvider} hands a restarted query (same session, name and query id) this same object,
 * so a crash-restart inside one JVM continues the table.
 */
public final class MemorySink implements Sink {

  /** One added batch, kept by id for re-delivery checks and for tests. */
  private record AddedBatch(long batchId, List<Batch> batches, long rows) {}

  private final StructType schema;
  private final OutputMode outputMode;
  private final UUID queryId;
  private final List<AddedBatch> added = new ArrayList<>();
  private long lastBatchId = -1;
  private volatile long lastBatchRows = -1;

  /**
   * @param schema the query's output schema
   * @param outputMode append and update add rows, complete replaces them
   * @param queryId the query the sink belongs to, so a restart can find it again
   */
  public MemorySink(StructType schema, OutputMode outputMode, UUID queryId) {
    this.schema = schema;
    this.outputMode = outputMode;
    this.queryId = queryId;
  }

  /** The id of the query this sink was made for. */
  public UUID queryId() {
    return queryId;
  }

  /** Whether batches add rows or replace them. */
  public OutputMode outputMode() {
    return outputMode;
  }

  /** The schema of the rows. */
  public StructType schema() {
    return schema;
  }

  @Override
  public void addBatch(long batchId, DataFrame data) {
    synchronized (this) {
      if (batchId <= lastBatchId) {
        lastBatchRows = 0;
        return;
      }
    }
    // Run the batch outside the lock: readers must not wait for a query to execute.
    List<Batch> batches =
        new QueryExecution(data.logicalPlan(), data.session().conf(), data.session().pool())
            .collect();
    long rows = 0;
    for (Batch b : batches) {
      rows += b.size();
    }
    synchronized (this) {
      if (outputMode == OutputMode.Complete()) {
        added.clear();
      }
      added.add(new AddedBatch(batchId, List.copyOf(batches), rows));
      lastBatchId = batchId;
    }
    lastBatchRows = rows;
  }

  @Override
  public String description() {
    return "MemorySink";
  }

  @Override
  public long lastBatchOutputRows() {
    return lastBatchRows;
  }

  /** The id of the last batch added, if any. */
  public synchronized OptionalLong latestBatchId() {
    return lastBatchId < 0 ? OptionalLong.empty() : OptionalLong.of(lastBatchId);
  }

  /** Every row of the table now, batch by batch in the order they were added. */
  public List<Row> allData() {
    return RowConversions.toRows(snapshot(), schema);
  }

  /** The rows of the last batch added, or none. */
  public List<Row> latestBatchData() {
    List<Batch> last;
    synchronized (this) {
      last = added.isEmpty() ? List.of() : added.get(added.size() - 1).batches();
    }
    return RowConversions.toRows(last, schema);
  }

  /** Forgets every row (Spark's {@code clear()}); later batch ids are still checked as before. */
  public synchronized void clear() {
    added.clear();
  }

  /**
   * The table's current rows as a plan, read by {@code t.table(queryName)} at each call: fresh
   * attributes each time, as a new relation.
   */
  public LogicalPlan toPlan() {
    List<Attribute> output = new ArrayList<>(schema.size());
    for (StructField f : schema.fields()) {
      output.add(new Attribute(f.name(), f.dataType(), f.nullable()));
    }
    return new LocalRelation(output, snapshot());
  }

  private synchronized List<Batch> snapshot() {
    List<Batch> all = new ArrayList<>();
    for (AddedBatch b : added) {
      all.addAll(b.batches());
    }
    return all;
  }

  @Override
  public String toString() {
    return description();
  }
}
