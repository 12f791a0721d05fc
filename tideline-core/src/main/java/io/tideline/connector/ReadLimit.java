package io.tideline.connector;

import java.util.List;

/**
 * How much a source may admit into one batch, as Spark's {@code ReadLimit}: the loop passes a
 * source's own {@link Source#defaultReadLimit()} in every trigger except where a trigger overrides
 * it (the first call for {@code Trigger.Once} asks for everything).
 */
public sealed interface ReadLimit {

  /** No limit: everything available. */
  record AllAvailable() implements ReadLimit {}

  /** At most this many rows (records, Kafka offsets). */
  record MaxRows(long rows) implements ReadLimit {}

  /** At most this many files. */
  record MaxFiles(int files) implements ReadLimit {}

  /** At most about this many bytes: a batch always admits at least one file. */
  record MaxBytes(long bytes) implements ReadLimit {}

  /**
   * At least this many rows, waiting at most {@code maxTriggerDelayMs} for them (Kafka's {@code
   * minOffsetsPerTrigger} with {@code maxTriggerDelay}).
   */
  record MinRows(long rows, long maxTriggerDelayMs) implements ReadLimit {}

  /** Several limits at once; each must hold. */
  record Composite(List<ReadLimit> limits) implements ReadLimit {
    public Composite {
      limits = List.copyOf(limits);
    }
  }

  static ReadLimit allAvailable() {
    return new AllAvailable();
  }

  static ReadLimit maxRows(long rows) {
    return new MaxRows(rows);
  }

  static ReadLimit maxFiles(int files) {
    return new MaxFiles(files);
  }

  static ReadLimit maxBytes(long bytes) {
    return new MaxBytes(bytes);
  }

  static ReadLimit compose(List<ReadLimit> limits) {
    return limits.size() == 1 ? limits.get(0) : new Composite(limits);
  }
}
