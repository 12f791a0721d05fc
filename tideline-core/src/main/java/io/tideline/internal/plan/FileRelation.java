package io.tideline.internal.plan;

import io.tideline.internal.expr.Attribute;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Files of one format, read in batch: {@code output} are the columns of {@code dataSchema}
 * (possibly pruned to the ones the query needs by the planner).
 */
public record FileRelation(
    String format, List<Path> files, Map<String, String> options, List<Attribute> output)
    implements LogicalPlan {
  public FileRelation {
    files = List.copyOf(files);
    options = Map.copyOf(options);
    output = List.copyOf(output);
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of();
  }

  @Override
  public String simpleString() {
    return "Relation " + format + " " + Explain.attributes(output) + " " + files.size() + " files";
  }
}
