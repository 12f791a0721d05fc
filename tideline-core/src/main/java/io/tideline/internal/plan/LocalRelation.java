package io.tideline.internal.plan;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.vector.Batch;
import java.util.List;

/** Rows held in memory ({@code createDataFrame}), as columnar batches. */
public record LocalRelation(List<Attribute> output, List<Batch> batches) implements LogicalPlan {
  public LocalRelation {
    output = List.copyOf(output);
    batches = List.copyOf(batches);
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of();
  }

  @Override
  public String simpleString() {
    return "LocalRelation " + Explain.attributes(output);
  }
}
