package io.tideline.conformance.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.conformance.TidelineValueEncoder;
import io.tideline.connector.Sink;
import io.tideline.testkit.spark.StreamOracleAnswer;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sink that records each batch's schema and rows (in the peer's value encoding) by batch id, as
 * the Spark side's {@code foreachBatch} does; a repeated batch id is ignored, as the sink contract
 * requires. Remembers the batch whose delivery failed. Like Spark's {@code foreachBatch} sink it
 * does not report its output row count (progress {@code sink.numOutputRows} is -1).
 */
final class RecordingSink implements Sink {
  private final Map<Long, StreamOracleAnswer.Batch> batches = new LinkedHashMap<>();
  private volatile long failedBatchId = -1;

  @Override
  public synchronized void addBatch(long batchId, DataFrame data) {
    if (batches.containsKey(batchId)) {
      return;
    }
    try {
      StructType schema = data.schema();
      List<JsonNode> rows = new ArrayList<>();
      for (Row row : data.collectAsList()) {
        rows.add(TidelineValueEncoder.encodeRow(row, schema));
      }
      batches.put(
          batchId, new StreamOracleAnswer.Batch(batchId, schema.toDDL(), List.copyOf(rows)));
    } catch (RuntimeException e) {
      failedBatchId = batchId;
      throw e;
    }
  }

  @Override
  public String description() {
    return "RecordingSink";
  }

  synchronized List<StreamOracleAnswer.Batch> batches() {
    return List.copyOf(batches.values());
  }

  long failedBatchId() {
    return failedBatchId;
  }
}
