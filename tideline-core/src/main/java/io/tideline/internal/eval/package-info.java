/**
 * The vectorised expression evaluator: resolved, bound expression trees compiled into kernels that
 * compute one column for a whole batch at a time.
 *
 * <h2>Entry points</h2>
 *
 * <ol>
 *   <li>{@link io.tideline.internal.eval.ExprBinder#bind} turns the {@code Attribute}s of a
 *       resolved expression into {@code BoundReference}s to the operator's input columns.
 *   <li>{@link io.tideline.internal.eval.ExprCompiler#compile} builds a {@link
 *       io.tideline.internal.eval.VectorEvaluator} once per operator (and thread).
 *   <li>{@code evaluator.eval(batch)} per batch.
 * </ol>
 *
 * <h2>Invariants</h2>
 *
 * <ul>
 *   <li>Kernels compute only the batch's live rows and index results by physical row, so a filter's
 *       selection is never copied away. Rows outside the selection hold unspecified values.
 *   <li>Each kernel is chosen at compile time for its node and physical type; its loop runs over
 *       the vectors' primitive arrays. Switches on an operator inside a loop test a final field,
 *       which the JIT hoists; nothing dispatches virtually or boxes per row on numeric paths.
 *   <li>Output vectors are owned by their evaluator and reused from batch to batch ({@code
 *       OutputBuffer}); a column reference returns the input vector itself, and struct field
 *       access, {@code struct()} and STRING/BINARY casts share the input's memory.
 * </ul>
 *
 * <h2>Laziness, and why errors depend on it</h2>
 *
 * <p>Under ANSI mode an expression can fail on some rows (division by zero, overflow, malformed
 * casts). Spark evaluates lazily where SQL says a value is not needed, and users rely on it ({@code
 * y <> 0 AND x / y > 1}, {@code CASE WHEN y = 0 THEN 0 ELSE x / y END}, {@code coalesce(a, 1/0)}).
 * The kernels reproduce that with sub-selections: the right side of {@code AND}/{@code OR} runs on
 * the rows the left side leaves undecided, each CASE branch on the rows its condition claimed, each
 * {@code coalesce} argument on the rows still null, and null-intolerant operators evaluate an
 * argument only where the earlier ones were non-null. Constant subtrees are folded at compile time,
 * unless folding fails, in which case the error is left to surface on a live row.
 *
 * <h2>Why not code generation</h2>
 *
 * <p>Spark compiles whole stages to Java source. Batch-at-a-time kernels get most of that benefit
 * (the per-row interpretive overhead is amortised over a batch and the loops are monomorphic) at a
 * fraction of the complexity, and with no compiler in the hot start-up path of a streaming query.
 */
package io.tideline.internal.eval;
