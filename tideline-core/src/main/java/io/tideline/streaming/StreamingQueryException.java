package io.tideline.streaming;

import java.util.UUID;

/**
 * The error a streaming query ended with: names the query (name and id), the batch it was running
 * and the cause, which is kept as {@link #getCause()}.
 */
public class StreamingQueryException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String queryName;
  private final UUID queryId;
  private final UUID runId;
  private final long batchId;

  public StreamingQueryException(
      String queryName, UUID queryId, UUID runId, long batchId, Throwable cause) {
    super(message(queryName, queryId, runId, batchId, cause), cause);
    this.queryName = queryName;
    this.queryId = queryId;
    this.runId = runId;
    this.batchId = batchId;
  }

  private static String message(
      String queryName, UUID queryId, UUID runId, long batchId, Throwable cause) {
    String who = queryName == null ? "Query [id = " : "Query " + queryName + " [id = ";
    String where = batchId < 0 ? "before its first batch" : "in batch " + batchId;
    return who
        + queryId
        + ", runId = "
        + runId
        + "] terminated with exception "
        + where
        + ": "
        + (cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage());
  }

  /** Spark's error condition of a failed query, {@code STREAM_FAILED}; the cause has its own. */
  public String getCondition() {
    return "STREAM_FAILED";
  }

  /** Spark's SQLSTATE of {@code STREAM_FAILED}. */
  public String getSqlState() {
    return "XXKST";
  }

  /** The query's name, or null. */
  public String queryName() {
    return queryName;
  }

  public UUID queryId() {
    return queryId;
  }

  public UUID runId() {
    return runId;
  }

  /** The batch that failed, or -1 when the query failed before its first batch. */
  public long batchId() {
    return batchId;
  }
}
