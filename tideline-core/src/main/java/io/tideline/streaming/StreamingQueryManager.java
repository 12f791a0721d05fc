package io.tideline.streaming;

import io.tideline.Tideline;
import io.tideline.internal.streaming.exec.ListenerBus;
import io.tideline.internal.streaming.exec.QueryStarter;
import io.tideline.internal.streaming.exec.StreamExecution;
import io.tideline.internal.streaming.exec.WriteSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The streaming queries of one session, as Spark's {@code StreamingQueryManager}: starts them,
 * lists the active ones, waits for them, and carries the session's listeners. Thread-safe.
 *
 * <p>A query is active from the moment {@code start()} returns until its stream thread has cleaned
 * up after it ended; it leaves {@link #active()} before {@code awaitTermination()} returns.
 */
public final class StreamingQueryManager {
  private final Tideline session;
  private final ListenerBus bus = new ListenerBus();
  private final Map<UUID, StreamExecution> active = new LinkedHashMap<>();
  private final Object awaitLock = new Object();
  private StreamingQuery lastTerminated;
  private StreamingQueryException lastTerminatedException;

  public StreamingQueryManager(Tideline session) {
    this.session = session;
  }

  /** The queries of this session that are running. */
  public List<StreamingQuery> active() {
    synchronized (active) {
      return List.copyOf(active.values());
    }
  }

  /** The active query with this id, or null. */
  public StreamingQuery get(UUID id) {
    synchronized (active) {
      return active.get(id);
    }
  }

  /** The active query with this name, or null. */
  public StreamingQuery get(String name) {
    synchronized (active) {
      for (StreamExecution q : active.values()) {
        if (name.equals(q.name())) {
          return q;
        }
      }
      return null;
    }
  }

  /**
   * Waits until any query of the session ends, or returns at once if one ended since the last
   * {@link #resetTerminated()}.
   *
   * @throws StreamingQueryException if a query failed since the last {@link #resetTerminated()}
   *     (the latest such failure)
   */
  public void awaitAnyTermination() throws StreamingQueryException {
    synchronized (awaitLock) {
      while (lastTerminated == null) {
        try {
          awaitLock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      if (lastTerminatedException != null) {
        throw lastTerminatedException;
      }
    }
  }

  /**
   * As {@link #awaitAnyTermination()}, for at most {@code timeoutMs}; returns whether one ended.
   */
  public boolean awaitAnyTermination(long timeoutMs) throws StreamingQueryException {
    if (timeoutMs <= 0) {
      throw new IllegalArgumentException("Timeout has to be positive, but is " + timeoutMs);
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    synchronized (awaitLock) {
      while (lastTerminated == null) {
        long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (leftMs <= 0) {
          return false;
        }
        try {
          awaitLock.wait(leftMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      if (lastTerminatedException != null) {
        throw lastTerminatedException;
      }
      return true;
    }
  }

  /** Forgets the queries that ended, so {@link #awaitAnyTermination()} waits for a new end. */
  public void resetTerminated() {
    synchronized (awaitLock) {
      lastTerminated = null;
      lastTerminatedException = null;
    }
  }

  /**
   * Registers a listener for the events of every query of this session, started from now on or
   * running; see {@link StreamingQueryListener} for the order of events.
   */
  public void addListener(StreamingQueryListener listener) {
    bus.addListener(listener);
  }

  /** Unregisters a listener; only an event being delivered at that moment may still reach it. */
  public void removeListener(StreamingQueryListener listener) {
    bus.removeListener(listener);
  }

  /** The registered listeners. */
  public List<StreamingQueryListener> listListeners() {
    return bus.listeners();
  }

  /** Starts a query; called by {@link DataStreamWriter}. */
  StreamingQuery startQuery(WriteSpec spec) {
    StreamExecution query;
    // One start at a time, so two starts cannot both pass the name and id checks.
    synchronized (active) {
      query = QueryStarter.prepare(session, spec, active.values(), bus, this::terminated);
      active.put(query.id(), query);
    }
    // Outside the lock: a listener may call active() while it hears of the start.
    query.start();
    return query;
  }

  private void terminated(StreamExecution query) {
    synchronized (active) {
      active.remove(query.id(), query);
    }
    synchronized (awaitLock) {
      lastTerminated = query;
      if (query.exception().isPresent()) {
        lastTerminatedException = query.exception().get();
      }
      awaitLock.notifyAll();
    }
  }

  /** Stops every active query: the session is closing. */
  public void stopAll() {
    List<StreamExecution> running;
    synchronized (active) {
      running = new ArrayList<>(active.values());
    }
    for (StreamExecution q : running) {
      q.stop();
    }
  }

  Tideline session() {
    return session;
  }
}
