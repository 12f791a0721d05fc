package io.tideline.internal.exec;

import io.tideline.internal.eval.VectorEvaluator;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.plan.Explain;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import java.util.List;

/**
 * Computes named expressions over each batch. The input's selection vector is kept, so a project
 * over a filter evaluates only the surviving rows and copies nothing; plain column references pass
 * the input vector through.
 */
public final class ProjectExec extends ExecNode {
  private final List<Expr> projectList;
  private final List<Expr> bound;
  private final List<Attribute> output;
  private final ExecNode child;

  public ProjectExec(List<Expr> projectList, ExecNode child) {
    this.projectList = List.copyOf(projectList);
    this.child = child;
    this.output = projectList.stream().map(Explain::toAttribute).toList();
    this.bound =
        projectList.stream()
            .map(e -> AttributeBinder.bind(AttributeBinder.stripAlias(e), child.output()))
            .toList();
  }

  @Override
  public List<Attribute> output() {
    return output;
  }

  @Override
  public List<ExecNode> children() {
    return List.of(child);
  }

  @Override
  public int numPartitions() {
    return child.numPartitions();
  }

  @Override
  public BatchIterator execute(int partition, TaskContext ctx) {
    BatchIterator input = child.execute(partition, ctx);
    VectorEvaluator[] evaluators = new VectorEvaluator[bound.size()];
    for (int i = 0; i < evaluators.length; i++) {
      evaluators[i] = ctx.compile(bound.get(i), child.output());
    }
    return new BatchIterator() {
      @Override
      public Batch next() {
        Batch in = input.next();
        if (in == null) {
          return null;
        }
        ColumnVector[] cols = new ColumnVector[evaluators.length];
        for (int i = 0; i < cols.length; i++) {
          cols[i] = evaluators[i].eval(in);
        }
        return in.withColumns(cols);
      }

      @Override
      public void close() {
        input.close();
      }
    };
  }

  @Override
  public String simpleString() {
    return "Project " + ExprPrinter.list(projectList);
  }
}
