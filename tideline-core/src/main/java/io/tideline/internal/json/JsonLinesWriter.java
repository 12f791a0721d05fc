package io.tideline.internal.json;

import io.tideline.internal.datasource.BatchWriter;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.StructType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes the live rows of batches to one new JSON Lines file, each row encoded as {@code to_json}
 * encodes a struct, followed by the line separator ({@code \n} unless {@code lineSep} is set).
 */
final class JsonLinesWriter implements BatchWriter {
  private static final int FLUSH_BYTES = 1 << 20;

  private final StructType schema;
  private final JsonRowEncoder.ValueWriter rowWriter;
  private final byte[] lineSep;
  private final OutputStream stream;
  private final JsonSink sink = new JsonSink(FLUSH_BYTES + (64 << 10));

  JsonLinesWriter(Path file, StructType schema, JsonOptions options) throws IOException {
    this.schema = schema;
    this.rowWriter = JsonRowEncoder.ValueWriter.of(schema, options);
    this.lineSep = options.lineSeparator == null ? new byte[] {'\n'} : options.lineSeparator;
    this.stream = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);
  }

  @Override
  public void write(Batch batch) throws IOException {
    StructVector rows = new StructVector(schema, batch.columns(), Math.max(batch.numRows(), 1));
    for (int k = 0; k < batch.size(); k++) {
      rowWriter.write(rows, batch.rowAt(k), sink);
      sink.write(lineSep, 0, lineSep.length);
      if (sink.len >= FLUSH_BYTES) {
        flush();
      }
    }
  }

  private void flush() throws IOException {
    stream.write(sink.buf, 0, sink.len);
    sink.reset();
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      stream.close();
    }
  }
}
