package io.tideline.internal.streaming.sources.rate;

import io.tideline.internal.streaming.checkpoint.LogFormat;
import io.tideline.internal.streaming.checkpoint.MetadataLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * Where the rate source keeps its start time, {@code <checkpoint>/sources/<i>/0}, as Spark's rate
 * source does, so a restarted query generates the same rows for the same offsets.
 *
 * <p>File format (Spark's, version 1): the version line, then the start time in epoch milliseconds
 * as one number:
 *
 * <pre>
 * v1
 * 1700000000000
 * </pre>
 */
final class RateStartTimeLog {

  private final MetadataLog<Long> log;

  RateStartTimeLog(Path metadataPath) {
    this.log = new MetadataLog<>(metadataPath, new Format());
  }

  /**
   * The recorded start time; on the first start of a query, records {@code nowMs} and returns it.
   * Two racing first starts both return the time that won the write.
   */
  long startTimeMs(long nowMs) {
    return log.get(0)
        .orElseGet(
            () -> {
              if (log.add(0, nowMs)) {
                return nowMs;
              }
              return log.get(0).orElseThrow();
            });
  }

  private static final class Format implements LogFormat<Long> {
    @Override
    public int version() {
      return 1;
    }

    @Override
    public void write(Long startTimeMs, Writer out) throws IOException {
      out.write(Long.toString(startTimeMs));
    }

    @Override
    public Long read(int version, BufferedReader body, Path file) throws IOException {
      String line = body.readLine();
      if (line == null || line.isBlank()) {
        throw RateSourceErrors.malformedStartTime(file, "the start time is missing");
      }
      try {
        return Long.parseLong(line.trim());
      } catch (NumberFormatException e) {
        throw RateSourceErrors.malformedStartTime(
            file, "the start time '" + line + "' is not a number of milliseconds");
      }
    }
  }
}
