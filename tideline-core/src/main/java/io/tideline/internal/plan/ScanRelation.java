package io.tideline.internal.plan;

import io.tideline.connector.BatchScan;
import io.tideline.internal.expr.Attribute;
import java.util.List;

/**
 * A connector's batch read ({@link BatchScan}) whose partitions are planned when the query runs:
 * the lazy leaf of {@code t.read().format("kafka").load()}.
 */
public record ScanRelation(List<Attribute> output, BatchScan scan) implements LogicalPlan {
  public ScanRelation {
    output = List.copyOf(output);
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of();
  }

  @Override
  public String simpleString() {
    return "Relation " + scan.description() + " " + Explain.attributes(output);
  }
}
