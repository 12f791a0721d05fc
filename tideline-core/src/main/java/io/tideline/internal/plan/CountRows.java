package io.tideline.internal.plan;

import io.tideline.internal.expr.Attribute;
import java.util.List;

/**
 * Passes its child's rows through unchanged while counting them into {@code counter}: how a
 * streaming micro-batch learns how many rows each source contributed ({@code numInputRows}) without
 * running the source's plan twice.
 */
public record CountRows(LogicalPlan child, RowCounter counter) implements LogicalPlan {

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
    return "CountRows " + Explain.attributes(child.output());
  }
}
