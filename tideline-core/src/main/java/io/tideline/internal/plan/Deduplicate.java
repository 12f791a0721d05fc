package io.tideline.internal.plan;

import io.tideline.internal.expr.Attribute;
import java.util.List;

/**
 * {@code dropDuplicates(keys)}: keeps the first row seen for each distinct value of {@code keys}
 * (all columns when the user named none).
 *
 * @param withinWatermark {@code dropDuplicatesWithinWatermark}: on a stream a key is remembered
 *     only until the watermark passes its first row's event time plus the delay; on a batch
 *     DataFrame it is plain {@code dropDuplicates}, as in Spark
 */
public record Deduplicate(List<Attribute> keys, LogicalPlan child, boolean withinWatermark)
    implements LogicalPlan {
  public Deduplicate {
    keys = List.copyOf(keys);
  }

  /** A plain {@code dropDuplicates}. */
  public Deduplicate(List<Attribute> keys, LogicalPlan child) {
    this(keys, child, false);
  }

  @Override
  public List<Attribute> output() {
    return child.output();
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(child);
  }

  @Override
  public String simpleString() {
    return (withinWatermark ? "DeduplicateWithinWatermark " : "Deduplicate ")
        + Explain.attributes(keys);
  }
}
