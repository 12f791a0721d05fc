package io.tideline.internal.streaming.exec;

import io.tideline.streaming.StreamingQueryListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the query events of one session to its listeners, in posting order, on one daemon thread
 * ({@code streaming-listener-bus}), so a slow listener never holds up a query. A listener that
 * throws is logged and skipped; the others still get the event.
 *
 * <p>Events of one query are posted by that query in the order started, progress or idle per
 * trigger, terminated, so listeners see them in that order.
 */
public final class ListenerBus {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerBus.class);

  private static final long IDLE_EXIT_SECONDS = 30;

  private final List<StreamingQueryListener> listeners = new CopyOnWriteArrayList<>();
  private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
  private volatile Thread thread;

  public void addListener(StreamingQueryListener listener) {
    listeners.add(listener);
  }

  public void removeListener(StreamingQueryListener listener) {
    listeners.remove(listener);
  }

  public List<StreamingQueryListener> listeners() {
    return List.copyOf(listeners);
  }

  /** Queues {@code event} for every listener. */
  public void post(Object event) {
    enqueue(() -> deliver(event));
  }

  /**
   * Queues {@code event} and waits until every listener has had it: how {@code start()} makes a
   * listener hear of a query before the caller can act on it. Posting from a listener (on the bus
   * thread) does not wait, which would deadlock.
   */
  public void postAndWait(Object event) {
    CountDownLatch delivered = new CountDownLatch(1);
    enqueue(
        () -> {
          try {
            deliver(event);
          } finally {
            delivered.countDown();
          }
        });
    if (Thread.currentThread() == thread) {
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        delivered.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Queues a delivery, starting the bus thread if it is not running. */
  private synchronized void enqueue(Runnable delivery) {
    queue.add(delivery);
    if (thread == null) {
      thread = new Thread(this::run, "streaming-listener-bus");
      thread.setDaemon(true);
      thread.start();
    }
  }

  private void run() {
    while (true) {
      Runnable next;
      try {
        next = queue.poll(IDLE_EXIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        next = null;
      }
      if (next == null) {
        // Idle: end the thread, so a closed session leaves none behind; the next event starts one.
        synchronized (this) {
          if (queue.isEmpty()) {
            thread = null;
            return;
          }
        }
        continue;
      }
      next.run();
    }
  }

  private void deliver(Object event) {
    for (StreamingQueryListener listener : listeners) {
      try {
        if (event instanceof StreamingQueryListener.QueryStartedEvent e) {
          listener.onQueryStarted(e);
        } else if (event instanceof StreamingQueryListener.QueryProgressEvent e) {
          listener.onQueryProgress(e);
        } else if (event instanceof StreamingQueryListener.QueryIdleEvent e) {
          listener.onQueryIdle(e);
        } else if (event instanceof StreamingQueryListener.QueryTerminatedEvent e) {
          listener.onQueryTerminated(e);
        }
      } catch (RuntimeException | AssertionError e) {
        LOG.warn("Streaming query listener {} failed on {}", listener, event, e);
      }
    }
  }
}
