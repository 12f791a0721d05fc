package io.tideline.internal.eval;

import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;

/**
 * A compiled, resolved expression that computes one column for a whole batch at a time.
 *
 * <p>Contract: {@link #eval} reads the batch's columns by ordinal and returns a vector with (at
 * least) {@code batch.numRows()} physical rows, of which only the batch's live rows (its selection)
 * are defined; rows outside the selection are never computed, so an ANSI error (say, division by
 * zero) is raised only for a live row. The returned vector may be a column of the input itself or a
 * buffer the evaluator reuses on its next call: a caller that keeps it beyond the next {@code eval}
 * must copy it. An evaluator instance is used by one thread at a time.
 */
public interface VectorEvaluator {
  ColumnVector eval(Batch batch);
}
