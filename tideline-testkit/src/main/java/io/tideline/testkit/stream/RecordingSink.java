package io.tideline.testkit.stream;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.connector.Sink;
import io.tideline.streaming.OutputMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sink for tests that keeps every batch by id, in memory, and outlives the queries writing to it,
 * so a query restarted from its checkpoint writes to the same object.
 *
 * <p>It honours the exactly-once contract as Spark's memory sink does: a batch id at or below the
 * last one it stored is not stored again. Such a re-delivery is counted ({@link
 * #redeliveries(long)}), so a crash test can prove the loop really re-delivered a batch rather than
 * skipped it. Every call, stored or not, is listed in {@link #deliveries()}.
 *
 * <p>Thread-safe: the query's stream thread writes, the test thread reads.
 */
public final class RecordingSink implements Sink {

  private final OutputMode outputMode;
  private final TreeMap<Long, List<Row>> batches = new TreeMap<>();
  private final Map<Long, Integer> redeliveries = new TreeMap<>();
  private final List<Long> deliveries = new ArrayList<>();
  private long lastBatchRows = -1;
  private volatile java.util.function.LongConsumer onBatch = id -> {};

  /**
   * @param outputMode how {@link #allRows()} combines batches: complete mode shows only the latest
   *     batch (each one is the whole result table); append and update show every batch
   */
  public RecordingSink(OutputMode outputMode) {
    this.outputMode = outputMode;
  }

  /**
   * Runs {@code action} with the batch id on the stream thread at the start of every {@code
   * addBatch}, re-deliveries included: to make a batch slow on a manual clock, add data while a
   * batch runs, and the like.
   */
  public RecordingSink onBatch(java.util.function.LongConsumer action) {
    this.onBatch = action;
    return this;
  }

  @Override
  public void addBatch(long batchId, DataFrame data) {
    onBatch.accept(batchId);
    synchronized (this) {
      deliveries.add(batchId);
      if (!batches.isEmpty() && batchId <= batches.lastKey()) {
        redeliveries.merge(batchId, 1, Integer::sum);
        return;
      }
    }
    // Collected outside the lock so a slow batch never blocks a reading test thread; the rows are
    // published in one step, so readers never see half a batch.
    List<Row> rows = List.copyOf(data.collectAsList());
    synchronized (this) {
      batches.put(batchId, rows);
      lastBatchRows = rows.size();
    }
  }

  @Override
  public String description() {
    return "RecordingSink";
  }

  @Override
  public synchronized long lastBatchOutputRows() {
    return lastBatchRows;
  }

  /** The sink's content: every stored batch in id order, or only the latest in complete mode. */
  public synchronized List<Row> allRows() {
    if (outputMode == OutputMode.Complete()) {
      return batches.isEmpty() ? List.of() : batches.lastEntry().getValue();
    }
    List<Row> out = new ArrayList<>();
    for (List<Row> rows : batches.values()) {
      out.addAll(rows);
    }
    return out;
  }

  /** The rows of the latest stored batch; empty before the first. */
  public synchronized List<Row> lastBatch() {
    return batches.isEmpty() ? List.of() : batches.lastEntry().getValue();
  }

  /** The stored batches by id, in id order. */
  public synchronized Map<Long, List<Row>> batches() {
    return Collections.unmodifiableMap(new TreeMap<>(batches));
  }

  /** Every {@code addBatch} call's batch id in call order, re-deliveries included. */
  public synchronized List<Long> deliveries() {
    return List.copyOf(deliveries);
  }

  /** How many times batch {@code batchId} was delivered again after it was stored. */
  public synchronized int redeliveries(long batchId) {
    return redeliveries.getOrDefault(batchId, 0);
  }

  /** The id of the latest stored batch, or -1. */
  public synchronized long lastBatchId() {
    return batches.isEmpty() ? -1 : batches.lastKey();
  }

  /** The batches as text for failure reports: one line per batch, re-deliveries noted. */
  public synchronized String describeBatches() {
    if (batches.isEmpty()) {
      return "(no batches)\n";
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<Long, List<Row>> e : batches.entrySet()) {
      sb.append(e.getKey()).append(": ");
      int again = redeliveries.getOrDefault(e.getKey(), 0);
      if (again > 0) {
        sb.append("(re-delivered ").append(again).append("x) ");
      }
      sb.append(Rows.inline(e.getValue())).append('\n');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "RecordingSink" + batches().keySet();
  }
}
