package io.tideline.internal.exec;

import io.tideline.internal.expr.Attribute;
import java.util.List;

/**
 * A physical operator: computes its {@link #output()} columns in {@link #numPartitions()}
 * partitions, each as a pull-based stream of columnar batches.
 *
 * <p>Contract. {@link #execute} may be called concurrently for different partitions from pool
 * threads, so a node keeps no per-task mutable state in fields (per-task state lives in the
 * iterator it returns). A stage is the chain of nodes between {@link ExchangeExec}s; the driver
 * materialises every exchange below a stage before running the stage's tasks, so {@code execute}
 * never waits on other tasks. Batches a node returns stay valid until the next call to {@code
 * next()}; a consumer keeping one longer copies it.
 */
public abstract class ExecNode {

  /** The columns of every batch this node returns, in order. */
  public abstract List<Attribute> output();

  public abstract List<ExecNode> children();

  public abstract int numPartitions();

  /** Starts computing {@code partition}; called on the task's thread. */
  public abstract BatchIterator execute(int partition, TaskContext ctx);

  /** One line for {@code explain()}, in Spark's style, without the children. */
  public abstract String simpleString();

  /** The whole tree, one node per line, indented as Spark's physical plans are. */
  public final String treeString() {
    StringBuilder sb = new StringBuilder();
    appendTree(this, "", true, true, sb);
    return sb.toString();
  }

  private static void appendTree(
      ExecNode node, String prefix, boolean root, boolean last, StringBuilder sb) {
    sb.append(root ? "" : prefix + (last ? "+- " : ":- ")).append(node.simpleString()).append('\n');
    List<ExecNode> kids = node.children();
    String childPrefix = root ? "" : prefix + (last ? "   " : ":  ");
    for (int i = 0; i < kids.size(); i++) {
      appendTree(kids.get(i), childPrefix, false, i == kids.size() - 1, sb);
    }
  }

  @Override
  public String toString() {
    return simpleString();
  }
}
