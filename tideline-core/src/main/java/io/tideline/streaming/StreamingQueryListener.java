package io.tideline.streaming;

import java.util.UUID;

/**
 * Hears the life of every query of a session, as Spark's {@code StreamingQueryListener}. Events are
 * delivered in order on one listener-bus thread, so a slow listener delays the others but never a
 * query. For one query the order is: started, then progress or idle once per trigger, then
 * terminated. {@code onQueryStarted} is delivered before {@code start()} returns.
 */
public abstract class StreamingQueryListener {

  public abstract void onQueryStarted(QueryStartedEvent event);

  public abstract void onQueryProgress(QueryProgressEvent event);

  /** A trigger found no new data (Spark 3.5+); no progress is reported for it. */
  public void onQueryIdle(QueryIdleEvent event) {}

  public abstract void onQueryTerminated(QueryTerminatedEvent event);

  /** A query started. */
  public record QueryStartedEvent(UUID id, UUID runId, String name, String timestamp) {}

  /** A batch completed. */
  public record QueryProgressEvent(StreamingQueryProgress progress) {}

  /** A trigger found no new data. */
  public record QueryIdleEvent(UUID id, UUID runId, String timestamp) {}

  /**
   * A query ended; {@code exception} is the error's message when it failed, else null, and {@code
   * errorClassOnException} its condition name when it has one.
   */
  public record QueryTerminatedEvent(
      UUID id, UUID runId, String exception, String errorClassOnException) {}
}
