package io.tideline.streaming;

import io.tideline.Tideline;
import io.tideline.internal.streaming.exec.WriteSpec;
import java.util.List;
import java.util.UUID;

/**
 * The streaming queries of one session, as Spark's {@code StreamingQueryManager}: starts them,
 * lists the active ones, waits for them, and carries the session's listeners.
 */
public final class StreamingQueryManager {
  private final Tideline session;

  public StreamingQueryManager(Tideline session) {
    this.session = session;
  }

  /** The queries of this session that are running. */
  public List<StreamingQuery> active() {
    throw new UnsupportedOperationException("TODO(loop)");
  }

  /** The active query with this id, or null. */
  public StreamingQuery get(UUID id) {
    throw new UnsupportedOperationException("TODO(loop)");
  }

  /** The active query with this name, or null. */
  public StreamingQuery get(String name) {
    throw new UnsupportedOperationException("TODO(loop)");
  }

  /**
   * Waits until any query of the session ends, or returns at once if one ended since the last
   * {@link #resetTerminated()}.
   *
   * @throws StreamingQueryException if that query failed
   */
  public void awaitAnyTermination() throws StreamingQueryException {
    throw new UnsupportedOperationException("TODO(loop)");
  }

  /**
   * As {@link #awaitAnyTermination()}, for at most {@code timeoutMs}; returns whether one ended.
   */
  public boolean awaitAnyTermination(long timeoutMs) throws StreamingQueryException {
    throw new UnsupportedOperationException("TODO(loop)");
  }

  /** Forgets the queries that ended, so {@link #awaitAnyTermination()} waits for a new end. */
  public void resetTerminated() {
    throw new UnsupportedOperationException("TODO(loop)");
  }

  public void addListener(StreamingQueryListener listener) {
    throw new UnsupportedOperationException("TODO(loop)");
  }

  public void removeListener(StreamingQueryListener listener) {
    throw new UnsupportedOperationException("TODO(loop)");
  }

  /** The registered listeners. */
  public List<StreamingQueryListener> listListeners() {
    throw new UnsupportedOperationException("TODO(loop)");
  }

  /** Starts a query; called by {@link DataStreamWriter}. */
  StreamingQuery startQuery(WriteSpec spec) {
    throw new UnsupportedOperationException("TODO(loop)");
  }

  /** Stops every active query: the session is closing. */
  public void stopAll() {}

  Tideline session() {
    return session;
  }
}
