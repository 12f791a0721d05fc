package io.tideline.internal.json;

import io.tideline.internal.datasource.FileSplit;
import io.tideline.internal.datasource.text.FileErrors;
import io.tideline.internal.exec.BatchIterator;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads one split of a JSON Lines file into batches of the required columns.
 *
 * <p>How a batch is made: {@link LineReader} finds the next line in its large read buffer with a
 * byte scan; {@link RecordDecoder} parses the line in place (no copy of the line) and writes each
 * required field straight into the batch's vectors, skipping other fields unparsed ({@link
 * FastRecordScanner}'s byte scan for plain flat records, else Jackson). Vectors are reused from
 * batch to batch, as {@link BatchIterator} allows. Blank lines are skipped; malformed lines follow
 * the mode: kept with null fields (and the raw line in the corrupt-record column, if required) in
 * PERMISSIVE, dropped in DROPMALFORMED, an error naming the file and line in FAILFAST.
 */
final class JsonLinesReader implements BatchIterator {
  private final FileSplit split;
  private final LineReader lines;
  private final RecordDecoder decoder;
  private final JsonOptions options;
  private final StructVector out;
  private final int batchSize;
  private int seenFills = -1;

  /** Whether lines are first tried whole by the fast path, which then also finds their ends. */
  private boolean fastLines;

  /** False once the fast path declined most lines of a window: this data needs Jackson. */
  private boolean fastUseful = true;

  private int fastAttempts;
  private int fastDeclines;

  /** Lines per window over which the fast path's decline rate is judged. */
  private static final int FAST_WINDOW = 1024;

  JsonLinesReader(FileSplit split, StructType requiredSchema, JsonOptions options, int batchSize)
      throws IOException {
    this(split, requiredSchema, options, batchSize, true);
  }

  /**
   * @param fastPath whether records are tried with {@link FastRecordScanner} before Jackson; false
   *     only in tests that compare both paths
   */
  JsonLinesReader(
      FileSplit split,
      StructType requiredSchema,
      JsonOptions options,
      int batchSize,
      boolean fastPath)
      throws IOException {
    this.split = split;
    this.options = options;
    this.batchSize = batchSize;
    this.decoder = new RecordDecoder(requiredSchema, options, true, fastPath);
    this.out = new StructVector(requiredSchema, batchSize);
    this.lines = new LineReader(split.path(), split.start(), split.length(), options.lineSeparator);
    this.fastLines = decoder.hasFastPath() && options.lineSeparator == null;
  }

  @Override
  public Batch next() {
    out.reset();
    int row = 0;
    try {
      while (row < batchSize) {
        boolean triedFast = false;
        if (fastLines) {
          int start = lines.peekLineStart();
          if (start >= 0) {
            int newlineAt = decoder.decodeLine(lines.buffer(), start, lines.limit(), out, row);
            noteFastAttempt(newlineAt < 0);
            if (newlineAt >= 0) {
              lines.skipLine(newlineAt);
              row++;
              continue;
            }
            triedFast = true;
          }
        }
        if (!lines.next()) {
          break;
        }
        byte[] buf = lines.buffer();
        if (lines.fills() != seenFills) {
          seenFills = lines.fills();
          decoder.setRegion(buf, lines.limit());
        }
        int status =
            decoder.decode(
                buf, lines.lineStart(), lines.lineLength(), out, row, fastUseful && !triedFast);
        if (status == RecordDecoder.OK) {
          row += decoder.rowsWritten;
        } else if (status != RecordDecoder.EMPTY) {
          switch (options.mode) {
            case PERMISSIVE -> row += decoder.rowsWritten;
            case DROPMALFORMED -> {}
            case FAILFAST ->
                throw FileErrors.failedReadOnMalformedRecord(
                    split.path(),
                    JsonErrors.malformedRecord(
                        new String(
                            buf, lines.lineStart(), lines.lineLength(), StandardCharsets.UTF_8),
                        " in " + where(),
                        decoder.state.cause()));
          }
        }
      }
    } catch (IOException e) {
      throw JsonErrors.readFailed(split.path().toString(), e);
    }
    return row == 0 ? null : new Batch(out.children(), row);
  }

  /**
   * Stops trying the fast path when it declined more than half the lines of a window (data with
   * escapes or non-ASCII text in needed fields, say), where each try would only add to Jackson's
   * work. Which path decodes a line never changes its result.
   */
  private void noteFastAttempt(boolean declined) {
    fastAttempts++;
    if (declined) {
      fastDeclines++;
    }
    if (fastAttempts == FAST_WINDOW) {
      if (fastDeclines * 2 > fastAttempts) {
        fastLines = false;
        fastUseful = false;
      }
      fastAttempts = 0;
      fastDeclines = 0;
    }
  }

  /** The file and line of the current record, for messages. */
  private String where() {
    if (split.start() == 0) {
      return "file " + split.path() + ", line " + lines.lineNumber();
    }
    return "file "
        + split.path()
        + ", line starting at byte "
        + lines.lineOffset()
        + " (line "
        + lines.lineNumber()
        + " of the split starting at byte "
        + split.start()
        + ")";
  }

  @Override
  public void close() {
    decoder.setRegion(null, 0);
    try {
      lines.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
