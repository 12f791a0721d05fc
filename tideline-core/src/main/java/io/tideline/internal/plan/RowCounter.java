package io.tideline.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The row count of a {@link CountRows} node. Each physical execution of the plan counts into its
 * own pass ({@link #newPass()}), and {@link #rows()} is the largest pass, so a sink that reads a
 * batch twice does not double its input count. Thread-safe: tasks add concurrently.
 */
public final class RowCounter {
  private final List<LongAdder> passes = new ArrayList<>();

  /** A fresh count for one execution of the plan. */
  public synchronized LongAdder newPass() {
    LongAdder pass = new LongAdder();
    passes.add(pass);
    return pass;
  }

  /** The rows of the largest execution so far; 0 before any. */
  public synchronized long rows() {
    long max = 0;
    for (LongAdder pass : passes) {
      max = Math.max(max, pass.sum());
    }
    return max;
  }

  @Override
  public String toString() {
    return "RowCounter";
  }
}
