package io.tideline.internal.datasource;

import io.tideline.internal.vector.Batch;
import java.io.IOException;

/** Writes the live rows of batches to one file; {@link #close()} completes the file. */
public interface BatchWriter extends AutoCloseable {
  void write(Batch batch) throws IOException;

  @Override
  void close() throws IOException;
}
