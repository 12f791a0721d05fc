package io.tideline.internal.plan;

import io.tideline.internal.expr.Attribute;
import java.util.List;

/**
 * {@code dropDuplicates(keys)}: keeps the first row seen for each distinct value of {@code keys}
 * (all columns when the user named none).
 */
public record Deduplicate(List<Attribute> keys, LogicalPlan child) implements LogicalPlan {
  public Deduplicate {
    keys = List.copyOf(keys);
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
    return "Deduplicate " + Explain.attributes(keys);
  }
}
