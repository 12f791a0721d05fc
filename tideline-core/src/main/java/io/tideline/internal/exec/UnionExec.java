package io.tideline.internal.exec;

import io.tideline.internal.expr.Attribute;
import java.util.List;

/**
 * UNION ALL: the partitions of every child, one after the other; columns line up by position and
 * batches pass through untouched.
 */
public final class UnionExec extends ExecNode {
  private final List<Attribute> output;
  private final List<ExecNode> children;

  public UnionExec(List<Attribute> output, List<ExecNode> children) {
    this.output = List.copyOf(output);
    this.children = List.copyOf(children);
  }

  @Override
  public List<Attribute> output() {
    return output;
  }

  @Override
  public List<ExecNode> children() {
    return children;
  }

  @Override
  public int numPartitions() {
    int n = 0;
    for (ExecNode c : children) {
      n += c.numPartitions();
    }
    return n;
  }

  @Override
  public BatchIterator execute(int partition, TaskContext ctx) {
    int p = partition;
    for (ExecNode c : children) {
      if (p < c.numPartitions()) {
        return c.execute(p, ctx);
      }
      p -= c.numPartitions();
    }
    throw ExecErrors.bug("union partition " + partition + " out of range");
  }

  @Override
  public String simpleString() {
    return "Union";
  }
}
