package io.tideline.testkit.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * What Spark delivered for one streaming oracle case: the batches its {@code foreachBatch} saw, the
 * progress it reported, and how the query failed, if it did.
 *
 * @param id the case id from the spec
 * @param batches one entry per delivered batch, in delivery order
 * @param progress every {@code recentProgress} entry of the case's runs, as Spark's JSON
 * @param error the query's failure after it started, when it failed
 * @param failedBatchId the batch whose delivery failed, or -1 when none did (or it failed
 *     elsewhere)
 * @param startError the failure of {@code start()} or of the query's analysis, when it failed
 */
public record StreamOracleAnswer(
    String id,
    List<Batch> batches,
    List<JsonNode> progress,
    Optional<OracleAnswer.SparkError> error,
    long failedBatchId,
    Optional<OracleAnswer.SparkError> startError) {

  /**
   * One delivered batch.
   *
   * @param schemaDdl Spark's {@code StructType.toDDL()} of the batch
   * @param rows one JSON array per row, in the peer's value encoding
   */
  public record Batch(long batchId, String schemaDdl, List<JsonNode> rows) {}
}
