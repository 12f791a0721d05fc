package io.tideline.testkit.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Spark answered to one oracle query: a schema and rows, or an error.
 *
 * @param id the query's id from the spec
 * @param schemaDdl Spark's {@code StructType.toDDL()} of the result, when the query succeeded
 * @param rows one JSON array per row, in the peer's lossless value encoding (tideline-spark README)
 * @param error the failure, when Spark raised one
 */
public record OracleAnswer(
    String id, Optional<String> schemaDdl, List<JsonNode> rows, Optional<SparkError> error) {

  /**
   * A Spark failure.
   *
   * @param condition the outermost error condition (what a Spark user sees), empty when Spark
   *     raised an exception without one
   * @param causeConditions conditions of wrapped causes, outermost first
   */
  public record SparkError(
      Optional<String> condition,
      Map<String, String> parameters,
      List<String> causeConditions,
      String exception,
      String message) {}

  public boolean failed() {
    return error.isPresent();
  }
}
