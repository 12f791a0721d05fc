package io.tideline.bench.streaming;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The windowed-aggregation benchmark's bid events: a deterministic function of the event number
 * {@code i}, so both engines read the same rows and the harness knows their answer.
 *
 * <ul>
 *   <li>{@code auction(i) = i * 1_000_003 mod auctions}: every block of {@code auctions}
 *       consecutive events touches every auction once, in a scrambled order;
 *   <li>{@code price(i)} in {@code [1, 10000]}, from a SplitMix64 hash of {@code i};
 *   <li>{@code ts(i)} advances by {@code 1 / eventsPerSecond} a bid from {@code startMillis}, minus
 *       a hashed jitter in {@code [0, jitterMs)}, whole milliseconds. With a jitter below the
 *       query's 4 s watermark delay no bid is ever late: the newest event time seen is at most the
 *       nominal time of the newest bid, so every bid lies above the watermark, and the answer does
 *       not depend on where batches split.
 * </ul>
 *
 * @param events how many bids
 * @param auctions how many auctions are live at once (keys per window)
 * @param eventsPerSecond bids per second of event time
 * @param jitterMs how far a bid's time may lie before its nominal time, in milliseconds
 * @param startMillis the nominal time of bid 0, epoch milliseconds
 */
record BidEvents(long events, int auctions, long eventsPerSecond, int jitterMs, long startMillis) {
  /** The query's schema, in both engines. */
  static final String DDL = "auction BIGINT, price BIGINT, ts TIMESTAMP";

  /** 2026-01-01T00:00:00Z, on a 10-second window boundary. */
  static final long DEFAULT_START_MILLIS = 1_767_225_600_000L;

  private static final long STRIDE = 1_000_003L;

  BidEvents {
    if (events < 1 || auctions < 1 || eventsPerSecond < 1 || jitterMs < 0) {
      throw WindowedSettings.usageError(
          "bid events need positive counts and rate and a jitter of at least 0, got "
              + events
              + " events, "
              + auctions
              + " auctions, "
              + eventsPerSecond
              + "/s, jitter "
              + jitterMs
              + " ms");
    }
    if (auctions % STRIDE == 0) {
      throw WindowedSettings.usageError("the auction count must not be a multiple of " + STRIDE);
    }
  }

  /** The throughput input: 100 000 bids per second of event time and up to 3 s of jitter. */
  static BidEvents throughput(long events, int auctions) {
    return new BidEvents(events, auctions, 100_000, 3_000, DEFAULT_START_MILLIS);
  }

  /**
   * A state input: {@code keys} bids on {@code keys} auctions within the first 5 s of one 10-second
   * window, so every bid makes its own key and none is evicted.
   */
  static BidEvents liveKeys(long keys, long startMillis) {
    return new BidEvents(keys, Math.toIntExact(keys), Math.max(1, keys / 5), 0, startMillis);
  }

  long auction(long i) {
    return Math.floorMod(i * STRIDE, (long) auctions);
  }

  long price(long i) {
    return 1 + Long.remainderUnsigned(mix(i), 10_000);
  }

  long tsMillis(long i) {
    long nominal = startMillis + i * 1000 / eventsPerSecond;
    return jitterMs == 0
        ? nominal
        : nominal - Long.remainderUnsigned(mix(i ^ 0x5DEECE66DL), jitterMs);
  }

  /**
   * The first bid of file {@code f} of {@code files}; file {@code f} holds {@code [first(f),
   * first(f + 1))}.
   */
  long first(int f, int files) {
    return events / files * f + Math.min(f, events % files);
  }

  /**
   * Writes the bids as JSON lines into {@code files} files {@code bids-00000.json}, ... under
   * {@code dir}, with modification times one second apart in file order, so both engines' file
   * sources take them in that order.
   */
  void writeJson(Path dir, int files) {
    try {
      Files.createDirectories(dir);
      long firstMtime = System.currentTimeMillis() - 1000L * (files + 1);
      StringBuilder line = new StringBuilder(96);
      TimestampText ts = new TimestampText();
      for (int f = 0; f < files; f++) {
        Path file = dir.resolve(fileName(f, "json"));
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
          for (long i = first(f, files), end = first(f + 1, files); i < end; i++) {
            line.setLength(0);
            line.append("{\"auction\":")
                .append(auction(i))
                .append(",\"price\":")
                .append(price(i))
                .append(",\"ts\":\"");
            ts.append(line, tsMillis(i));
            line.append("\"}\n");
            out.append(line);
          }
        }
        Files.setLastModifiedTime(file, FileTime.fromMillis(firstMtime + 1000L * f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the bid events into " + dir, e);
    }
  }

  static String fileName(int f, String extension) {
    return String.format(Locale.ROOT, "bids-%05d.%s", f, extension);
  }

  /** SplitMix64's finaliser: a well-spread 64-bit hash of {@code x}. */
  static long mix(long x) {
    long z = x + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Formats epoch milliseconds as {@code 2026-01-01T00:00:01.234Z}, caching the date part. */
  static final class TimestampText {
    private long day = Long.MIN_VALUE;
    private String date;

    void append(StringBuilder out, long millis) {
      long d = Math.floorDiv(millis, 86_400_000L);
      if (d != day) {
        day = d;
        date = LocalDate.ofEpochDay(d) + "T";
      }
      int ms = (int) Math.floorMod(millis, 86_400_000L);
      out.append(date);
      two(out, ms / 3_600_000);
      out.append(':');
      two(out, ms / 60_000 % 60);
      out.append(':');
      two(out, ms / 1000 % 60);
      out.append('.');
      int frac = ms % 1000;
      out.append((char) ('0' + frac / 100))
          .append((char) ('0' + frac / 10 % 10))
          .append((char) ('0' + frac % 10))
          .append('Z');
    }

    private static void two(StringBuilder out, int v) {
      out.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
  }
}
