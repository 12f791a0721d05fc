package io.tideline.internal.plan;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.streaming.source.SourceSpec;
import java.util.List;

/**
 * A streaming source in a plan, before any batch: {@code readStream()...load()} makes one. The
 * micro-batch loop replaces it in each batch with the batch plan its source returns for that
 * batch's offsets, keeping {@link #output()} so the plan above binds unchanged.
 */
public record StreamingRelation(SourceSpec source, List<Attribute> output) implements LogicalPlan {
  public StreamingRelation {
    output = List.copyOf(output);
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of();
  }

  @Override
  public boolean isStreaming() {
    return true;
  }

  @Override
  public String simpleString() {
    return "StreamingRelation " + source.format() + ", " + Explain.attributes(output);
  }
}
