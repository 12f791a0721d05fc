package io.tideline.testkit.stream;

import io.tideline.DataFrame;
import io.tideline.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a careful {@code foreachBatch} function writes to: a table that keeps each batch id's rows
 * once, so a batch re-run after a crash replaces nothing (the pattern Spark recommends: dedupe by
 * batch id). It also records every call, so a test can see the re-run.
 */
final class IdempotentBatchTable {

  /** One call of the function. */
  record Call(long batchId, List<Row> rows) {}

  private final Map<Long, List<Row>> byBatch = new TreeMap<>();
  private final List<Call> calls = new ArrayList<>();

  /** The foreachBatch function body. */
  void write(DataFrame batch, long batchId) {
    List<Row> rows = List.copyOf(batch.collectAsList());
    synchronized (this) {
      calls.add(new Call(batchId, rows));
      byBatch.putIfAbsent(batchId, rows);
    }
  }

  synchronized List<Row> allRows() {
    List<Row> out = new ArrayList<>();
    byBatch.values().forEach(out::addAll);
    return out;
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The calls for {@code batchId}, in call order. */
  synchronized List<Call> callsOf(long batchId) {
    List<Call> out = new ArrayList<>();
    for (Call c : calls) {
      if (c.batchId() == batchId) {
        out.add(c);
      }
    }
    return out;
  }
}
