package io.tideline.internal.datasource.text;

import io.tideline.internal.datasource.BatchWriter;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BytesVector;
import java.io.IOException;
import java.io.OutputStream;

/** Writes the single STRING column of batches as lines; a null row becomes an empty line. */
final class TextBatchWriter implements BatchWriter {
  private final OutputStream out;
  private final byte[] separator;

  TextBatchWriter(OutputStream out, byte[] separator) {
    this.out = out;
    this.separator = separator;
  }

  @Override
  public void write(Batch batch) throws IOException {
    BytesVector v = (BytesVector) batch.column(0);
    byte[] data = v.data();
    for (int k = 0; k < batch.size(); k++) {
      int row = batch.rowAt(k);
      if (!v.isNullAt(row)) {
        out.write(data, v.start(row), v.length(row));
      }
      out.write(separator);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
