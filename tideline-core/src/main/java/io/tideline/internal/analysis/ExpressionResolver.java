package io.tideline.internal.analysis;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import java.util.List;

/**
 * Resolves expressions against the output columns of an operator's input: names to {@link
 * Attribute}s (case-insensitive by default, nested fields, relation qualifiers), functions to
 * {@code ScalarCall}/{@code AggregateCall} with Spark's type rules, implicit casts inserted by
 * Spark's type coercion, stars expanded, and output names given by Spark's aliasing rules.
 *
 * <p>Called by the DataFrame API as each operation is added, so errors surface before any data
 * moves. All failures are {@link io.tideline.AnalysisException}s naming the expression, the column,
 * and the nearest existing names.
 */
public final class ExpressionResolver {
  private final TidelineConf conf;

  public ExpressionResolver(TidelineConf conf) {
    this.conf = conf;
  }

  public TidelineConf conf() {
    return conf;
  }

  /**
   * Resolves a select list: expands stars, resolves each expression, and names each output ({@link
   * Attribute} for a plain column, {@code Alias} otherwise, named as Spark names it, e.g. {@code
   * CAST(value AS STRING)} keeps the name {@code value}, {@code data.amount} is {@code amount},
   * {@code sum(amount)} is {@code sum(amount)}). Aggregate calls are allowed.
   */
  public List<Expr> resolveNamed(List<Expr> exprs, List<Attribute> input) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Resolves one expression (no star); aggregates allowed only when {@code allowAggregates}. */
  public Expr resolve(Expr expr, List<Attribute> input, boolean allowAggregates) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * Resolves a filter or join condition, which must be BOOLEAN (Spark's {@code
   * DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN} otherwise); no aggregates.
   */
  public Expr resolvePredicate(Expr expr, List<Attribute> input) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** The name Spark gives the output column of an unaliased resolved expression. */
  public String outputName(Expr resolved) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
