package io.tideline.internal.json;

import io.tideline.internal.datasource.FileSplit;
import io.tideline.internal.datasource.text.FileErrors;
import io.tideline.internal.exec.BatchIterator;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Reads a whole file as one JSON document ({@code multiLine=true}): an object gives one row, an
 * array of objects one row per element, as in Spark. A malformed file is one malformed record: in
 * PERMISSIVE mode a row of nulls with the file's text in the corrupt-record column.
 *
 * <p>The file is decoded at once; the rows are then handed out {@code batchSize} at a time through
 * selection vectors over the same vectors, without copying.
 */
final class MultiLineJsonReader implements BatchIterator {
  private final StructVector out;
  private final int rows;
  private final int batchSize;
  private int next;

  MultiLineJsonReader(
      FileSplit split, StructType requiredSchema, JsonOptions options, int batchSize)
      throws IOException {
    this.batchSize = batchSize;
    this.out = new StructVector(requiredSchema, 16);
    if (split.start() != 0) {
      // Not splittable: only the split at the start of the file reads it.
      rows = 0;
      return;
    }
    byte[] content = Files.readAllBytes(split.path());
    RecordDecoder decoder = new RecordDecoder(requiredSchema, options, true);
    int status = decoder.decode(content, 0, content.length, out, 0);
    if (status == RecordDecoder.OK || status == RecordDecoder.EMPTY) {
      rows = decoder.rowsWritten;
    } else if (options.mode == JsonOptions.Mode.PERMISSIVE) {
      rows = decoder.rowsWritten;
    } else if (options.mode == JsonOptions.Mode.DROPMALFORMED) {
      rows = 0;
    } else {
      throw FileErrors.failedReadOnMalformedRecord(
          split.path(),
          JsonErrors.malformedRecord(
              new String(content, StandardCharsets.UTF_8),
              " in file " + split.path(),
              decoder.state.cause()));
    }
  }

  @Override
  public Batch next() {
    if (next >= rows) {
      return null;
    }
    int n = Math.min(batchSize, rows - next);
    int[] selection = new int[n];
    for (int i = 0; i < n; i++) {
      selection[i] = next + i;
    }
    next += n;
    return new Batch(out.children(), rows, selection, n);
  }
}
