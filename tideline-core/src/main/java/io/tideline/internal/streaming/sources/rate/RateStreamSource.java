package io.tideline.internal.streaming.sources.rate;

import io.tideline.connector.LongOffset;
import io.tideline.connector.Offset;
import io.tideline.connector.ReadLimit;
import io.tideline.connector.Source;
import io.tideline.connector.SourceContext;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.LocalRelation;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.streaming.Clock;
import io.tideline.types.StructType;
import java.util.List;
import java.util.Optional;

/**
 * The {@code rate} source: rows {@code (timestamp, value)} at a fixed rate, as Spark's {@code
 * RateStreamMicroBatchStream}.
 *
 * <p>Offsets are {@link LongOffset}s counting whole seconds since the source's start time, which is
 * read from the query's clock on the first start and kept in {@code metadataPath} ({@link
 * RateStartTimeLog}), so a restart continues the same sequence and a re-run batch gets the same
 * rows. The batch of seconds {@code (start, end]} is a function of the options, the start time and
 * the two offsets only ({@link RateBatches}).
 *
 * <p>Rate limits do not apply: the source's speed is its own limit, as in Spark. It does not
 * support {@code Trigger.AvailableNow} itself (Spark's neither); the loop wraps it.
 *
 * <p>Not thread-safe: the query's stream thread calls it.
 */
final class RateStreamSource implements Source {

  private final RateOptions options;
  private final Clock clock;
  private final long startTimeMs;
  private final int batchSize;
  private long lastTimeMs;
  private LongOffset latest;

  RateStreamSource(RateOptions options, SourceContext context) {
    this.options = options;
    this.clock = context.clock();
    this.startTimeMs = new RateStartTimeLog(context.metadataPath()).startTimeMs(clock.nowMs());
    this.lastTimeMs = startTimeMs;
    this.batchSize = context.session().conf().batchSize();
  }

  @Override
  public StructType schema() {
    return RateStreamProvider.SCHEMA;
  }

  /**
   * The whole seconds elapsed since the start time, never less than {@code start}; empty until the
   * first second has passed, so the first batch has rows.
   */
  @Override
  public Optional<Offset> latestOffset(Optional<Offset> start, ReadLimit limit) {
    // A clock that went back (a restart on a slower clock) must not move the offset backwards.
    lastTimeMs = Math.max(lastTimeMs, clock.nowMs());
    long seconds = (lastTimeMs - startTimeMs) / 1000;
    if (start.isPresent()) {
      seconds = Math.max(seconds, seconds(start.get()));
    }
    if (seconds == 0) {
      return Optional.empty();
    }
    latest = new LongOffset(seconds);
    return Optional.of(latest);
  }

  @Override
  public Optional<Offset> reportLatestOffset() {
    return Optional.ofNullable(latest);
  }

  @Override
  public LogicalPlan getBatch(Optional<Offset> start, Offset end, List<Attribute> output) {
    long startSeconds = start.map(RateStreamSource::seconds).orElse(0L);
    long endSeconds = seconds(end);
    if (startSeconds > endSeconds) {
      throw new IllegalStateException(
          "Bug in Tideline: rate source asked for seconds ("
              + startSeconds
              + ", "
              + endSeconds
              + "], whose start is after its end");
    }
    if (endSeconds > options.maxSeconds()) {
      throw RateSourceErrors.incorrectEndOffset(
          options.rowsPerSecond(), options.maxSeconds(), endSeconds, description());
    }
    // A re-run batch after a restart may end later than this run's clock has reached.
    lastTimeMs = Math.max(lastTimeMs, startTimeMs + endSeconds * 1000L);
    return new LocalRelation(
        output, RateBatches.generate(options, startTimeMs, startSeconds, endSeconds, batchSize));
  }

  @Override
  public Offset deserializeOffset(String json) {
    try {
      return LongOffset.parse(json);
    } catch (NumberFormatException e) {
      throw RateSourceErrors.malformedOffset(json);
    }
  }

  @Override
  public String description() {
    return options.description();
  }

  private static long seconds(Offset offset) {
    if (offset instanceof LongOffset l) {
      return l.value();
    }
    throw new IllegalStateException(
        "Bug in Tideline: the rate source got a foreign offset " + offset.json());
  }

  /** The start time this source generates from, epoch milliseconds. */
  long startTimeMs() {
    return startTimeMs;
  }
}
