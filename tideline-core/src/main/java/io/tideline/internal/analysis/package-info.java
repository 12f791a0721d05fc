/**
 * The expression analyser: turns the unresolved expression trees that the SQL parser and the {@code
 * Column} API build into resolved, typed trees with Spark 4's semantics.
 *
 * <h2>How one expression is resolved</h2>
 *
 * <ol>
 *   <li>{@link io.tideline.internal.analysis.ExpressionResolver} walks the tree bottom-up, so every
 *       rule sees resolved children.
 *   <li>Names: {@link io.tideline.internal.analysis.NameResolver} matches {@code
 *       [qualifier.]column[.field...]} against the input attributes (qualifier first, as Spark),
 *       expands stars, and reports unknown names with the nearest ones.
 *   <li>Operators: {@link io.tideline.internal.analysis.OperatorCoercion} applies Spark's rules in
 *       Spark's order (datetime arithmetic, string promotion, decimal precision, division,
 *       widening) and type-checks the result; {@link io.tideline.internal.expr.TypeRules} then
 *       gives the operator's result type.
 *   <li>Functions: {@link io.tideline.internal.analysis.FunctionRegistry} maps each name to a
 *       builder that coerces the arguments and returns a {@code ScalarCall} or {@code
 *       AggregateCall}; its Javadoc is the contract with the evaluator's kernels. The builders live
 *       in one class per family ({@code StringFunctions}, {@code DatetimeFunctions}, {@code
 *       TimeWindows}, ...), with {@link io.tideline.internal.analysis.FunctionCall} as their
 *       toolkit.
 *   <li>Names of outputs: {@link io.tideline.internal.analysis.OutputNames} prints the resolved
 *       tree as Spark's {@code toPrettySQL} does.
 * </ol>
 *
 * <h2>Event-time windows</h2>
 *
 * {@code window(...)} and {@code session_window(...)} resolve to marker calls; {@link
 * io.tideline.internal.analysis.TimeWindowing}, applied by the DataFrame API to every operator as
 * it is added, replaces them by the column of a {@code TimeWindowAssign} or {@code
 * SessionWindowAssign} node below the operator (Spark's {@code TimeWindowing} and {@code
 * SessionWindowing} rules), and puts a {@code MergeSessions} under an aggregation grouped by a
 * session window.
 *
 * <h2>Modes</h2>
 *
 * ANSI ({@code tideline.sql.ansi.enabled=true}, the default) follows Spark's {@code
 * AnsiTypeCoercion}; {@code false} follows Spark's legacy {@code TypeCoercion}. {@link
 * io.tideline.internal.analysis.TypeCoercion} holds the lattice for both.
 *
 * <h2>Errors</h2>
 *
 * Every failure is an {@code AnalysisException} thrown by {@link
 * io.tideline.internal.analysis.AnalysisErrors} with Spark's condition name and SQLSTATE.
 *
 * <h2>Streaming plans</h2>
 *
 * When a streaming query starts, {@link io.tideline.internal.analysis.UnsupportedOperationChecker}
 * applies Spark's rules for what each output mode may run over the whole resolved plan, and refuses
 * through {@link io.tideline.internal.analysis.UnsupportedOperationErrors} before anything runs.
 *
 * <h2>Why not Spark's fixed-point rule batches</h2>
 *
 * Spark re-runs its rules until nothing changes because its parser output is resolved lazily and
 * rules interleave. Here the DataFrame API resolves each operation as it is added, against an
 * already resolved input, so a single bottom-up pass sees everything a rule needs and is cheaper
 * and easier to follow.
 */
package io.tideline.internal.analysis;
