package io.tideline.internal.plan;

import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code select}: each entry of {@code projectList} is an {@link Attribute} or an {@link Alias}.
 */
public record Project(List<Expr> projectList, LogicalPlan child) implements LogicalPlan {
  public Project {
    projectList = List.copyOf(projectList);
  }

  @Override
  public List<Attribute> output() {
    List<Attribute> out = new ArrayList<>(projectList.size());
    for (Expr e : projectList) {
      out.add(Explain.toAttribute(e));
    }
    return out;
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(child);
  }

  @Override
  public String simpleString() {
    return "Project " + Explain.exprs(projectList);
  }
}
