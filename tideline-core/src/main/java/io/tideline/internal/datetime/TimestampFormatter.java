package io.tideline.internal.datetime;

import java.time.ZoneId;

/**
 * A Spark datetime pattern ({@code yyyy-MM-dd HH:mm:ss.SSS}, {@code yyyy-MM-dd'T'HH:mm:ssXXX}, ...;
 * Spark's "Datetime Patterns" page) compiled once for a zone, used by {@code to_timestamp}, {@code
 * date_format}, {@code to_date} and the JSON and CSV readers and writers. Thread-safe.
 */
public final class TimestampFormatter {

  private TimestampFormatter() {}

  /**
   * Compiles {@code pattern}.
   *
   * @throws IllegalArgumentException naming the pattern and the offending letter when the pattern
   *     is invalid in Spark
   */
  public static TimestampFormatter of(String pattern, ZoneId zone) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Parses a whole string against the pattern, as {@code to_timestamp(s, pattern)} does.
   *
   * @return microseconds since epoch, or {@link DateTimeUtils#INVALID_TIMESTAMP}
   */
  public long parse(byte[] utf8, int off, int len) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Formats as {@code date_format(ts, pattern)} does. */
  public String format(long micros) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Parses a date (days since epoch), as {@code to_date(s, pattern)} does; or INVALID_DATE. */
  public int parseDate(byte[] utf8, int off, int len) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Formats a date (days since epoch). */
  public String formatDate(int days) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
