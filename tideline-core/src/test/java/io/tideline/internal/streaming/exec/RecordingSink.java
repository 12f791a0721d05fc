package io.tideline.internal.streaming.exec;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.connector.Sink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A test sink that outlives queries: keeps each batch's rows by batch id and ignores a batch id it
 * already has, as the {@link Sink} contract asks, and counts every delivery.
 */
final class RecordingSink implements Sink {
  private final TreeMap<Long, List<Row>> batches = new TreeMap<>();
  private final List<Long> deliveries = new ArrayList<>();
  private final List<List<Row>> deliveredRows = new ArrayList<>();
  private long lastRows = -1;

  @Override
  public synchronized void addBatch(long batchId, DataFrame data) {
    deliveries.add(batchId);
    List<Row> rows = data.collectAsList();
    deliveredRows.add(rows);
    if (batches.containsKey(batchId)) {
      return;
    }
    batches.put(batchId, rows);
    lastRows = rows.size();
  }

  @Override
  public String description() {
    return "RecordingSink";
  }

  @Override
  public synchronized long lastBatchOutputRows() {
    return lastRows;
  }

  /** Every row written, in batch order. */
  synchronized List<Row> allRows() {
    List<Row> out = new ArrayList<>();
    batches.values().forEach(out::addAll);
    return out;
  }

  synchronized Map<Long, List<Row>> batches() {
    return new TreeMap<>(batches);
  }

  /** The rows of every {@code addBatch} call, repeats included. */
  synchronized List<List<Row>> deliveredRows() {
    return List.copyOf(deliveredRows);
  }

  /** The batch ids of every {@code addBatch} call, repeats included. */
  synchronized List<Long> deliveries() {
    return List.copyOf(deliveries);
  }
}
