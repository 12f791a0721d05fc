package io.tideline.connector;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.types.StructType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A replayable streaming input, as Spark's micro-batch {@code Source} with admission control.
 *
 * <p>Contract, which the test kit's source contract suite checks for every implementation:
 *
 * <ul>
 *   <li>{@link #latestOffset} is the end of the next batch: never behind {@code start}, bounded by
 *       the limit, and the same value again when no new data arrived.
 *   <li>{@link #getBatch}{@code (start, end)} returns exactly the records after {@code start} up to
 *       and including {@code end}; called again with the same offsets (after a restart, in a new
 *       instance made on the same {@code metadataPath}) it returns the same records.
 *   <li>{@link #commit}{@code (end)} says the records up to {@code end} are in the sink: the source
 *       may forget them. It is never asked for them again.
 *   <li>The loop calls every method from the query's stream thread.
 * </ul>
 */
public interface Source {

  /** The schema of every batch. */
  StructType schema();

  /** The limit a trigger uses when it sets none: the source's rate-limit options. */
  default ReadLimit defaultReadLimit() {
    return ReadLimit.allAvailable();
  }

  /**
   * The end offset of the next batch starting after {@code start} (empty for the first batch of a
   * query), admitting no more than {@code limit}; empty when the source has never had data.
   */
  Optional<Offset> latestOffset(Optional<Offset> start, ReadLimit limit);

  /**
   * The newest offset available regardless of limits, for progress ({@code latestOffset}) and lag
   * metrics; empty when unknown. Called after {@link #latestOffset}.
   */
  default Optional<Offset> reportLatestOffset() {
    return Optional.empty();
  }

  /**
   * A batch plan of the records in {@code (start, end]}, whose output is {@code output}: the
   * attributes of the query's {@code StreamingRelation}, so the rest of the plan binds to it
   * unchanged. The plan must not be streaming.
   */
  LogicalPlan getBatch(Optional<Offset> start, Offset end, List<Attribute> output);

  /** Reads an offset this source wrote to the checkpoint. */
  Offset deserializeOffset(String json);

  /** Records up to {@code end} are committed to the sink and will not be asked for again. */
  default void commit(Offset end) {}

  /**
   * Called once before the first batch of a {@code Trigger.AvailableNow} run: the source fixes the
   * end of what it will serve to what is available now, and from then on {@link #latestOffset}
   * never passes it, so the query stops when it is reached. A source that cannot do this is wrapped
   * by the loop, which fixes its offset once and serves it in one batch.
   *
   * @return whether the source supports this
   */
  default boolean prepareForTriggerAvailableNow() {
    return false;
  }

  /** Source-specific progress metrics for the batch that ended at {@code end}. */
  default Map<String, String> metrics(Optional<Offset> end) {
    return Map.of();
  }

  /** What progress calls the source, e.g. {@code FileStreamSource[file:/data/in]}. */
  String description();

  /** Releases the source's resources; called once when the query stops. */
  default void stop() {}
}
