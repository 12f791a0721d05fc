package io.tideline.bench.streaming;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The checksum of a windowed query's output over all its batches: the rows emitted and the sums of
 * their {@code bids} (count) and {@code max_price}. It pins every emitted row's values without
 * keeping the rows, so a benchmark run cannot measure a wrong query.
 *
 * @param rows output rows over all batches
 * @param sumBids the sum of the {@code bids} column
 * @param sumMaxPrice the sum of the {@code max_price} column
 */
record WindowedAnswer(long rows, long sumBids, long sumMaxPrice) {
  static final WindowedAnswer NONE = new WindowedAnswer(0, 0, 0);

  /** The window length and watermark delay of the benchmark's query, in milliseconds. */
  static final long WINDOW_MS = 10_000;

  static final long DELAY_MS = 4_000;

  /** Keys the answer model keeps in its arrays at most. */
  private static final long MAX_MODEL_SLOTS = 64L << 20;

  WindowedAnswer plus(WindowedAnswer other) {
    return new WindowedAnswer(
        rows + other.rows, sumBids + other.sumBids, sumMaxPrice + other.sumMaxPrice);
  }

  /**
   * The answers a run may give over {@code bids} written as {@code files} files and read {@code
   * maxFilesPerTrigger} files a batch. Update mode has one answer. Append mode has two: without and
   * with a trailing no-data batch that evicts the windows the last data batch's events closed.
   */
  static List<WindowedAnswer> expected(
      BidEvents bids, int files, int maxFilesPerTrigger, String outputMode) {
    long firstWindow = Math.floorDiv(bids.startMillis() - bids.jitterMs(), WINDOW_MS);
    long lastWindow = Math.floorDiv(bids.tsMillis(bids.events() - 1), WINDOW_MS) + 1;
    int windows = Math.toIntExact(lastWindow - firstWindow + 1);
    long slots = (long) windows * bids.auctions();
    if (slots > MAX_MODEL_SLOTS) {
      throw WindowedSettings.usageError(
          "the answer model would need "
              + slots
              + " (window, auction) slots; use fewer auctions or events");
    }
    long[] count = new long[(int) slots];
    long[] max = new long[(int) slots];
    int[] touchedIn = new int[(int) slots];
    int[] touched = new int[(int) Math.min(slots, 1 << 16)];
    long maxTs = Long.MIN_VALUE;
    long watermark = Long.MIN_VALUE;
    long evictedThrough = firstWindow - 1;
    WindowedAnswer update = NONE;
    WindowedAnswer append = NONE;
    int batch = 0;
    for (int from = 0; from < files; from += maxFilesPerTrigger, batch++) {
      int numTouched = 0;
      long end = bids.first(Math.min(files, from + maxFilesPerTrigger), files);
      for (long i = bids.first(from, files); i < end; i++) {
        long ts = bids.tsMillis(i);
        if (ts <= watermark) {
          throw new IllegalStateException(
              "Bug in Tideline: the bid generator made bid " + i + " late for its batch");
        }
        maxTs = Math.max(maxTs, ts);
        int slot =
            (int)
                ((Math.floorDiv(ts, WINDOW_MS) - firstWindow) * bids.auctions() + bids.auction(i));
        count[slot]++;
        max[slot] = Math.max(max[slot], bids.price(i));
        if (touchedIn[slot] != batch + 1) {
          touchedIn[slot] = batch + 1;
          if (numTouched == touched.length) {
            touched = Arrays.copyOf(touched, touched.length * 2);
          }
          touched[numTouched++] = slot;
        }
      }
      for (int t = 0; t < numTouched; t++) {
        update = update.plus(new WindowedAnswer(1, count[touched[t]], max[touched[t]]));
      }
      // This batch evicts by the watermark its predecessors' events set; the next uses maxTs.
      append =
          append.plus(closed(count, max, bids.auctions(), firstWindow, evictedThrough, watermark));
      evictedThrough = Math.max(evictedThrough, lastClosedWindow(watermark));
      watermark = maxTs - DELAY_MS;
    }
    WindowedAnswer trailing =
        append.plus(closed(count, max, bids.auctions(), firstWindow, evictedThrough, watermark));
    return switch (outputMode) {
      case "update" -> List.of(update);
      case "append" -> trailing.equals(append) ? List.of(append) : List.of(append, trailing);
      default ->
          throw WindowedSettings.usageError(
              "Unknown output mode '" + outputMode + "'; use update and/or append");
    };
  }

  /** The last window whose end is at or before {@code watermark}. */
  private static long lastClosedWindow(long watermark) {
    return watermark == Long.MIN_VALUE ? Long.MIN_VALUE : Math.floorDiv(watermark, WINDOW_MS) - 1;
  }

  /** The keys of the windows after {@code evictedThrough} that {@code watermark} closes. */
  private static WindowedAnswer closed(
      long[] count,
      long[] max,
      int auctions,
      long firstWindow,
      long evictedThrough,
      long watermark) {
    long last = lastClosedWindow(watermark);
    WindowedAnswer out = NONE;
    for (long w = Math.max(evictedThrough + 1, firstWindow); w <= last; w++) {
      int base = (int) ((w - firstWindow) * auctions);
      if (base >= count.length) {
        break;
      }
      for (int a = 0; a < auctions; a++) {
        if (count[base + a] > 0) {
          out = out.plus(new WindowedAnswer(1, count[base + a], max[base + a]));
        }
      }
    }
    return out;
  }

  /** For messages: the candidates in one line. */
  static String describe(List<WindowedAnswer> answers) {
    List<String> out = new ArrayList<>();
    for (WindowedAnswer a : answers) {
      out.add(a.toString());
    }
    return String.join(" or ", out);
  }
}
