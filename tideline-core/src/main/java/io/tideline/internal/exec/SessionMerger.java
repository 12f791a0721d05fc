package io.tideline.internal.exec;

/**
 * Merges the sessions of one key, Spark's rule for session windows: rows sorted by session start
 * are scanned once, and a session that starts at or before the end of the current merged session
 * ({@code next.start <= current.end}, so touching sessions merge) extends it to {@code max(end)};
 * otherwise it starts a new merged session. Pure long arithmetic over caller-owned arrays, no
 * allocation, so the batch {@link UpdatingSessionsExec} and a streaming session operator (merging
 * stored sessions with a batch's new rows, per key) share it.
 */
public final class SessionMerger {
  private SessionMerger() {}

  /**
   * Writes, for each row {@code r = rows[k]} with {@code from <= k < to}, the merged session
   * containing it into {@code mergedStart[r]} and {@code mergedEnd[r]}.
   *
   * @param start each row's own session start (microseconds), indexed by row
   * @param end each row's own session end (exclusive), indexed by row
   * @param rows row indexes of one key, in ascending order of {@code start[row]}
   * @return the number of merged sessions
   * @throws IllegalStateException when the rows are not sorted by start (a bug in the caller)
   */
  public static int merge(
      long[] start,
      long[] end,
      int[] rows,
      int from,
      int to,
      long[] mergedStart,
      long[] mergedEnd) {
    if (from >= to) {
      return 0;
    }
    int sessions = 0;
    int first = from;
    long curStart = start[rows[from]];
    long curEnd = end[rows[from]];
    long prevStart = curStart;
    for (int k = from + 1; k < to; k++) {
      int r = rows[k];
      long s = start[r];
      if (s < prevStart) {
        throw new IllegalStateException(
            "Bug in Tideline: session rows are not sorted by start ("
                + s
                + " after "
                + prevStart
                + ")");
      }
      prevStart = s;
      if (s <= curEnd) {
        curEnd = Math.max(curEnd, end[r]);
      } else {
        fill(rows, first, k, curStart, curEnd, mergedStart, mergedEnd);
        sessions++;
        first = k;
        curStart = s;
        curEnd = end[r];
      }
    }
    fill(rows, first, to, curStart, curEnd, mergedStart, mergedEnd);
    return sessions + 1;
  }

  private static void fill(
      int[] rows, int from, int to, long start, long end, long[] mergedStart, long[] mergedEnd) {
    for (int k = from; k < to; k++) {
      mergedStart[rows[k]] = start;
      mergedEnd[rows[k]] = end;
    }
  }
}
