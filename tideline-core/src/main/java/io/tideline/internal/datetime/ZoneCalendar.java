package io.tideline.internal.datetime;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The offset rules of one time zone in a form that per-row code can query without allocating: UTC
 * offsets for instants, and instants for wall-clock (local) date-times with java.time's rules for
 * gaps and overlaps, which are Spark's rules ({@code ZonedDateTime.of}).
 *
 * <p>A fixed-offset zone keeps its offset in a field. A zone with transitions gets a table of them,
 * precomputed from {@link ZoneRules} up to the year {@value #HORIZON_YEAR}; instants past the table
 * ask {@code ZoneRules} directly. Instances are immutable, shared and cached per zone.
 *
 * <p>Wall-clock to instant: around a transition at instant {@code T} from offset {@code b} to
 * offset {@code a}, local times in {@code [T + min(a, b), T + max(a, b))} are either missing (a
 * gap, {@code a > b}) or ambiguous (an overlap, {@code a < b}). java.time moves a time in a gap
 * forward by the gap's length, and picks the earlier offset in an overlap; both amount to using the
 * offset before the transition. So the table stores, per transition, the first local second that
 * uses the offset after it ({@code T + max(a, b)}), and a lookup takes the last transition whose
 * threshold is not after the local second.
 */
public final class ZoneCalendar {
  private static final int HORIZON_YEAR = 2400;
  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final ConcurrentHashMap<ZoneId, ZoneCalendar> CACHE = new ConcurrentHashMap<>();

  /** The calendar of UTC. */
  public static final ZoneCalendar UTC = of(ZoneOffset.UTC);

  private final ZoneId zone;
  private final ZoneRules rules;
  private final boolean fixed;
  private final int fixedOffsetSeconds;

  /** Instants (epoch seconds) at which the offset changes, ascending. */
  private final long[] transitionSeconds;

  /** Per transition, the first local second that uses the offset after it. */
  private final long[] localThresholds;

  private final SortedIndex transitionIndex;
  private final SortedIndex thresholdIndex;

  /** Per transition, the offset from it on. */
  private final int[] offsetsAfter;

  private final int offsetBeforeFirst;

  /** Instants at or after this, and local seconds at or after {@link #localHorizon}, ask rules. */
  private final long horizon;

  private final long localHorizon;

  private ZoneCalendar(ZoneId zone) {
    this.zone = zone;
    this.rules = zone.getRules();
    this.fixed = rules.isFixedOffset();
    if (fixed) {
      fixedOffsetSeconds = rules.getOffset(Instant.EPOCH).getTotalSeconds();
      transitionSeconds = new long[0];
      localThresholds = new long[0];
      offsetsAfter = new int[0];
      transitionIndex = null;
      thresholdIndex = null;
      offsetBeforeFirst = fixedOffsetSeconds;
      horizon = Long.MAX_VALUE;
      localHorizon = Long.MAX_VALUE;
      return;
    }
    fixedOffsetSeconds = 0;
    long horizonSeconds = LocalDateTime.of(HORIZON_YEAR, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    var transitions = new java.util.ArrayList<ZoneOffsetTransition>(rules.getTransitions());
    Instant cursor =
        transitions.isEmpty()
            ? Instant.parse("1800-01-01T00:00:00Z")
            : transitions.get(transitions.size() - 1).getInstant();
    boolean complete = false;
    while (true) {
      ZoneOffsetTransition next = rules.nextTransition(cursor);
      if (next == null) {
        complete = true;
        break;
      }
      if (next.toEpochSecond() >= horizonSeconds) {
        break;
      }
      transitions.add(next);
      cursor = next.getInstant();
    }
    int n = transitions.size();
    transitionSeconds = new long[n];
    localThresholds = new long[n];
    offsetsAfter = new int[n];
    for (int i = 0; i < n; i++) {
      ZoneOffsetTransition t = transitions.get(i);
      int before = t.getOffsetBefore().getTotalSeconds();
      int after = t.getOffsetAfter().getTotalSeconds();
      transitionSeconds[i] = t.toEpochSecond();
      localThresholds[i] = t.toEpochSecond() + Math.max(before, after);
      offsetsAfter[i] = after;
    }
    transitionIndex = new SortedIndex(transitionSeconds);
    thresholdIndex = new SortedIndex(localThresholds);
    offsetBeforeFirst =
        n == 0
            ? rules.getOffset(Instant.EPOCH).getTotalSeconds()
            : transitions.get(0).getOffsetBefore().getTotalSeconds();
    horizon = complete ? Long.MAX_VALUE : horizonSeconds;
    localHorizon = complete ? Long.MAX_VALUE : horizonSeconds - 18 * 3600;
  }

  /** The calendar of {@code zone}, built once per zone. */
  public static ZoneCalendar of(ZoneId zone) {
    ZoneCalendar cached = CACHE.get(zone);
    return cached != null ? cached : CACHE.computeIfAbsent(zone, ZoneCalendar::new);
  }

  public ZoneId zone() {
    return zone;
  }

  /** Whether the zone's offset never changes. */
  public boolean isFixedOffset() {
    return fixed;
  }

  /** The zone's UTC offset in seconds at an instant given in seconds since the epoch. */
  public int offsetSecondsAt(long epochSecond) {
    if (fixed) {
      return fixedOffsetSeconds;
    }
    if (epochSecond >= horizon) {
      return rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
    }
    int i = transitionIndex.lastAtOrBefore(epochSecond);
    return i < 0 ? offsetBeforeFirst : offsetsAfter[i];
  }

  /**
   * The offset in seconds that java.time's {@code ZonedDateTime.of} applies to a wall-clock time
   * given as seconds since 1970-01-01T00:00 local time.
   */
  public int offsetSecondsForLocal(long localSecond) {
    if (fixed) {
      return fixedOffsetSeconds;
    }
    if (localSecond >= localHorizon) {
      LocalDateTime ldt = LocalDateTime.ofEpochSecond(localSecond, 0, ZoneOffset.UTC);
      // In a gap java.time moves the local time forward, so the offset it reports is not the
      // one that maps this local time to the chosen instant; derive it from the instant.
      return (int) (localSecond - ZonedDateTime.of(ldt, zone).toEpochSecond());
    }
    int i = thresholdIndex.lastAtOrBefore(localSecond);
    return i < 0 ? offsetBeforeFirst : offsetsAfter[i];
  }

  /** Wall-clock microseconds (as if the local date-time were in UTC) of an instant. */
  public long toLocalMicros(long micros) {
    if (fixed) {
      return micros + fixedOffsetSeconds * MICROS_PER_SECOND;
    }
    return micros + offsetSecondsAt(Math.floorDiv(micros, MICROS_PER_SECOND)) * MICROS_PER_SECOND;
  }

  /**
   * The instant of a wall-clock time given in microseconds since 1970-01-01T00:00 local time, with
   * java.time's gap and overlap rules. Does not check for overflow at the ends of the long range.
   */
  public long toUtcMicros(long localMicros) {
    if (fixed) {
      return localMicros - fixedOffsetSeconds * MICROS_PER_SECOND;
    }
    return localMicros
        - offsetSecondsForLocal(Math.floorDiv(localMicros, MICROS_PER_SECOND)) * MICROS_PER_SECOND;
  }

  /**
   * Finds the last element at or before a key in an ascending array of seconds without a binary
   * search: the time line is cut into buckets of about 48 days, each remembering the last element
   * before it starts, and a lookup scans forward from there. Transitions are months apart, so the
   * scan takes one or two steps.
   */
  private static final class SortedIndex {
    private static final int BUCKET_SHIFT = 22;

    private final long[] sorted;
    private final long base;
    private final int[] lastBeforeBucket;

    SortedIndex(long[] sorted) {
      this.sorted = sorted;
      if (sorted.length == 0) {
        base = 0;
        lastBeforeBucket = new int[0];
        return;
      }
      base = sorted[0];
      int buckets = (int) ((sorted[sorted.length - 1] - base) >> BUCKET_SHIFT) + 1;
      lastBeforeBucket = new int[buckets];
      int i = -1;
      for (int b = 0; b < buckets; b++) {
        long start = base + ((long) b << BUCKET_SHIFT);
        while (i + 1 < sorted.length && sorted[i + 1] <= start) {
          i++;
        }
        lastBeforeBucket[b] = i;
      }
    }

    /** Index of the last element at or before {@code key}, or -1. */
    int lastAtOrBefore(long key) {
      if (sorted.length == 0 || key < base) {
        return -1;
      }
      long bucket = (key - base) >> BUCKET_SHIFT;
      if (bucket >= lastBeforeBucket.length) {
        return sorted.length - 1;
      }
      int i = lastBeforeBucket[(int) bucket];
      while (i + 1 < sorted.length && sorted[i + 1] <= key) {
        i++;
      }
      return i;
    }
  }

  @Override
  public String toString() {
    return "ZoneCalendar[" + zone + "]";
  }
}
