package io.tideline.internal.plan;

import io.tideline.internal.expr.Attribute;
import java.util.ArrayList;
import java.util.List;

/**
 * UNION ALL of plans whose columns line up by position (the API reorders for {@code unionByName}
 * with a Project first). Output names and ids are the first child's; a column is nullable when it
 * is in any child.
 */
public record Union(List<LogicalPlan> children) implements LogicalPlan {
  public Union {
    children = List.copyOf(children);
  }

  @Override
  public List<Attribute> output() {
    List<Attribute> first = children.get(0).output();
    List<Attribute> out = new ArrayList<>(first.size());
    for (int i = 0; i < first.size(); i++) {
      boolean nullable = false;
      for (LogicalPlan c : children) {
        nullable |= c.output().get(i).nullable();
      }
      out.add(first.get(i).withNullable(nullable));
    }
    return out;
  }

  @Override
  public String simpleString() {
    return "Union";
  }
}
