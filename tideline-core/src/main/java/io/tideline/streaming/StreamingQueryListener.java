package io.tideline.streaming;

import java.util.UUID;

/**
 * Hears the life of every query of a session, as Spark's {@code StreamingQueryListener}.
 *
 * <p>Delivery: events are delivered in posting order on the session's one listener-bus thread
 * ({@code streaming-listener-bus}), so a slow listener delays the others but never a query. A
 * listener that throws is logged and skipped; the others still get the event.
 *
 * <p>Order for one query run:
 *
 * <ol>
 *   <li>{@code onQueryStarted}, delivered to every listener before {@code start()} returns;
 *   <li>per trigger that ran a batch, {@code onQueryProgress} after its {@code commits/N} is
 *       written; for triggers that find no data, {@code onQueryIdle} once the query has been idle
 *       for {@code tideline.sql.streaming.noDataProgressEventInterval} (10 s) since its last batch
 *       or idle event (a run idle from its start announces its first idle interval only after that
 *       long again, as Spark 4);
 *   <li>{@code onQueryTerminated}, posted after the run released its checkpoint and before {@code
 *       awaitTermination()} returns (delivered asynchronously, so a listener may get it a little
 *       later). A query that crashed or failed posts no progress for the failed batch.
 * </ol>
 *
 * Events of different queries interleave in the order the queries posted them.
 */
public abstract class StreamingQueryListener {

  /** A query run started; delivered before its {@code start()} returns. */
  public abstract void onQueryStarted(QueryStartedEvent event);

  /** A batch was committed ({@code commits/N} written); carries its progress. */
  public abstract void onQueryProgress(QueryProgressEvent event);

  /**
   * The query has found no new data for {@code tideline.sql.streaming.noDataProgressEventInterval}
   * (Spark 3.5+); no progress is reported for idle triggers. Does nothing unless overridden.
   */
  public void onQueryIdle(QueryIdleEvent event) {}

  /** A query run ended, stopped or failed, after releasing its checkpoint. */
  public abstract void onQueryTerminated(QueryTerminatedEvent event);

  /**
   * A query started: its id, this run's id, its name (null if unnamed) and the start time as an
   * ISO-8601 UTC instant.
   */
  public record QueryStartedEvent(UUID id, UUID runId, String name, String timestamp) {}

  /** A batch completed. */
  public record QueryProgressEvent(StreamingQueryProgress progress) {}

  /** The query has been idle; {@code timestamp} is when, as an ISO-8601 UTC instant. */
  public record QueryIdleEvent(UUID id, UUID runId, String timestamp) {}

  /**
   * A query ended; {@code exception} is the error's message when it failed, else null, and {@code
   * errorClassOnException} its condition name when it has one.
   */
  public record QueryTerminatedEvent(
      UUID id, UUID runId, String exception, String errorClassOnException) {}
}
