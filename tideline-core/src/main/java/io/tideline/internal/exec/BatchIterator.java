package io.tideline.internal.exec;

import io.tideline.internal.vector.Batch;

/**
 * A pull-based stream of batches from one partition of an operator. {@link #next()} returns null at
 * the end; a returned batch stays valid until the following call to {@code next()} (operators may
 * reuse vectors), so a consumer that keeps a batch longer must copy it. Used by one thread.
 */
public interface BatchIterator extends AutoCloseable {
  Batch next();

  @Override
  default void close() {}

  static BatchIterator empty() {
    return () -> null;
  }
}
