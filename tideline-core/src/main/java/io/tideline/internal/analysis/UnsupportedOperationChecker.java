package io.tideline.internal.analysis;

import io.tideline.internal.plan.LogicalPlan;
import io.tideline.streaming.OutputMode;

/**
 * Spark's rules for which streaming plans each output mode can run, checked at {@code start()}:
 * refuses with Spark's error meaning (an {@code AnalysisException}) before anything runs.
 */
public final class UnsupportedOperationChecker {

  private UnsupportedOperationChecker() {}

  /** Throws {@code AnalysisException} when {@code plan} cannot run in {@code outputMode}. */
  public static void checkForStreaming(LogicalPlan plan, OutputMode outputMode) {
    throw new UnsupportedOperationException("TODO(stateful): output mode checks");
  }
}
