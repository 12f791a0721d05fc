package io.tideline.internal.streaming.memory;

import io.tideline.internal.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The data of one memory stream: one list of columnar batches per offset, in offset order, and the
 * callbacks to run when data arrives. Thread-safe: a test thread appends while stream threads read.
 *
 * <p>Data is kept for the life of the stream, not dropped when a query commits it, so a query
 * restarted on a fresh checkpoint (or a second query) can read the stream from its start.
 */
public final class MemoryBuffer {

  private final List<List<Batch>> byOffset = new ArrayList<>();
  private final List<Runnable> onData = new CopyOnWriteArrayList<>();

  /** Appends the batches of one {@code addData} call; returns their offset. */
  public long append(List<Batch> batches) {
    long offset;
    synchronized (this) {
      byOffset.add(List.copyOf(batches));
      offset = byOffset.size() - 1L;
    }
    for (Runnable r : onData) {
      r.run();
    }
    return offset;
  }

  /** The newest offset, or -1 before any data. */
  public synchronized long latestOffset() {
    return byOffset.size() - 1L;
  }

  /** The batches of offsets {@code fromExclusive+1} to {@code toInclusive}. */
  public synchronized List<Batch> batchesBetween(long fromExclusive, long toInclusive) {
    if (toInclusive >= byOffset.size() || fromExclusive < -1) {
      throw new IllegalStateException(
          "Bug in Tideline: memory stream asked for offsets ("
              + fromExclusive
              + ", "
              + toInclusive
              + "] but holds offsets up to "
              + (byOffset.size() - 1));
    }
    List<Batch> out = new ArrayList<>();
    for (long o = fromExclusive + 1; o <= toInclusive; o++) {
      out.addAll(byOffset.get((int) o));
    }
    return out;
  }

  /** Runs {@code callback} after every append, until {@link #removeListener}. */
  public void addListener(Runnable callback) {
    onData.add(callback);
  }

  public void removeListener(Runnable callback) {
    onData.remove(callback);
  }
}
