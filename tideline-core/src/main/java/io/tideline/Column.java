package io.tideline;

import io.tideline.internal.api.Literals;
import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Between;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.CaseWhen;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.In;
import io.tideline.internal.expr.Like;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.SortOrder;
import io.tideline.internal.expr.UnaryOp;
import io.tideline.internal.expr.UnaryOperator;
import io.tideline.internal.expr.UnresolvedExtract;
import io.tideline.internal.sql.DataTypeParser;
import io.tideline.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * A column expression, as in Spark: built with {@link functions#col}, {@link functions#lit}, {@link
 * functions#expr} or from another Column, and resolved when a DataFrame operation uses it.
 *
 * <p>Methods that take an {@code Object} accept either a Column or a literal value ({@code String},
 * numbers, {@code Boolean}, {@code BigDecimal}, {@code Instant}, {@code LocalDate}, {@code
 * byte[]}), as Spark's do. Columns are immutable.
 */
public final class Column {
  private final Expr expr;

  public Column(Expr expr) {
    this.expr = expr;
  }

  /**
   * A column by name: {@code "amount"}, {@code "data.amount"}, {@code "`odd name`"}, {@code "*"}.
   */
  public Column(String name) {
    this(functions.col(name).expr);
  }

  /** The expression tree behind this column (unresolved until a DataFrame resolves it). */
  public Expr expr() {
    return expr;
  }

  static Expr exprOf(Object value) {
    return value instanceof Column c ? c.expr : Literals.of(value);
  }

  private Column binary(BinaryOperator op, Object other) {
    return new Column(new BinaryOp(op, expr, exprOf(other)));
  }

  public Column alias(String name) {
    return new Column(new Alias(expr, name));
  }

  public Column as(String name) {
    return alias(name);
  }

  public Column name(String name) {
    return alias(name);
  }

  public Column plus(Object other) {
    return binary(BinaryOperator.ADD, other);
  }

  public Column minus(Object other) {
    return binary(BinaryOperator.SUBTRACT, other);
  }

  public Column multiply(Object other) {
    return binary(BinaryOperator.MULTIPLY, other);
  }

  public Column divide(Object other) {
    return binary(BinaryOperator.DIVIDE, other);
  }

  public Column mod(Object other) {
    return binary(BinaryOperator.MOD, other);
  }

  public Column equalTo(Object other) {
    return binary(BinaryOperator.EQ, other);
  }

  public Column notEqual(Object other) {
    return binary(BinaryOperator.NOT_EQ, other);
  }

  public Column eqNullSafe(Object other) {
    return binary(BinaryOperator.EQ_NULL_SAFE, other);
  }

  public Column gt(Object other) {
    return binary(BinaryOperator.GT, other);
  }

  public Column geq(Object other) {
    return binary(BinaryOperator.GE, other);
  }

  public Column lt(Object other) {
    return binary(BinaryOperator.LT, other);
  }

  public Column leq(Object other) {
    return binary(BinaryOperator.LE, other);
  }

  public Column and(Column other) {
    return binary(BinaryOperator.AND, other);
  }

  public Column or(Column other) {
    return binary(BinaryOperator.OR, other);
  }

  public Column not() {
    return new Column(new UnaryOp(UnaryOperator.NOT, expr));
  }

  public Column unary_minus() {
    return new Column(new UnaryOp(UnaryOperator.NEGATE, expr));
  }

  public Column isNull() {
    return new Column(new UnaryOp(UnaryOperator.IS_NULL, expr));
  }

  public Column isNotNull() {
    return new Column(new UnaryOp(UnaryOperator.IS_NOT_NULL, expr));
  }

  public Column isNaN() {
    return new Column(
        new io.tideline.internal.expr.UnresolvedFunction("isnan", List.of(expr), false));
  }

  /** {@code this IN (values...)}; values may be Columns or literals. */
  public Column isin(Object... values) {
    List<Expr> list = new ArrayList<>(values.length);
    for (Object v : values) {
      list.add(exprOf(v));
    }
    return new Column(new In(expr, list));
  }

  public Column between(Object lower, Object upper) {
    return new Column(new Between(expr, exprOf(lower), exprOf(upper)));
  }

  public Column like(String pattern) {
    return new Column(new Like(Like.Kind.LIKE, expr, Literal.of(pattern)));
  }

  public Column ilike(String pattern) {
    return new Column(new Like(Like.Kind.ILIKE, expr, Literal.of(pattern)));
  }

  public Column rlike(String regex) {
    return new Column(new Like(Like.Kind.RLIKE, expr, Literal.of(regex)));
  }

  public Column contains(Object other) {
    return new Column(
        new io.tideline.internal.expr.UnresolvedFunction(
            "contains", List.of(expr, exprOf(other)), false));
  }

  public Column startsWith(Object other) {
    return new Column(
        new io.tideline.internal.expr.UnresolvedFunction(
            "startswith", List.of(expr, exprOf(other)), false));
  }

  public Column endsWith(Object other) {
    return new Column(
        new io.tideline.internal.expr.UnresolvedFunction(
            "endswith", List.of(expr, exprOf(other)), false));
  }

  /**
   * {@code CAST(this AS type)}, the type in Spark's names: {@code "string"}, {@code
   * "decimal(10,2)"}.
   */
  public Column cast(String type) {
    return cast(DataTypeParser.parseType(type));
  }

  public Column cast(DataType type) {
    return new Column(new Cast(expr, type));
  }

  public Column try_cast(String type) {
    return new Column(new Cast(expr, DataTypeParser.parseType(type), true, false));
  }

  /** The field {@code name} of a struct column. */
  public Column getField(String name) {
    return new Column(new UnresolvedExtract(expr, Literal.of(name), true));
  }

  /** The element at {@code key} of an array (0-based index) or map. */
  public Column getItem(Object key) {
    return new Column(new UnresolvedExtract(expr, exprOf(key), false));
  }

  public Column apply(Object key) {
    return getItem(key);
  }

  public Column asc() {
    return new Column(SortOrder.asc(expr));
  }

  public Column asc_nulls_first() {
    return new Column(new SortOrder(expr, true, true));
  }

  public Column asc_nulls_last() {
    return new Column(new SortOrder(expr, true, false));
  }

  public Column desc() {
    return new Column(SortOrder.desc(expr));
  }

  public Column desc_nulls_first() {
    return new Column(new SortOrder(expr, false, true));
  }

  public Column desc_nulls_last() {
    return new Column(new SortOrder(expr, false, false));
  }

  /** Adds a branch to a {@link functions#when} chain. */
  public Column when(Column condition, Object value) {
    CaseWhen cw = caseWhen("when");
    if (cw.elseValue() != null) {
      throw new IllegalArgumentException(
          "when() cannot be applied once otherwise() is applied: add every when() branch first.");
    }
    List<Expr> conds = new ArrayList<>(cw.conditions());
    List<Expr> vals = new ArrayList<>(cw.values());
    conds.add(condition.expr);
    vals.add(exprOf(value));
    return new Column(new CaseWhen(conds, vals, null));
  }

  /** The value of a {@link functions#when} chain when no branch matches. */
  public Column otherwise(Object value) {
    CaseWhen cw = caseWhen("otherwise");
    if (cw.elseValue() != null) {
      throw new IllegalArgumentException("otherwise() can only be applied once.");
    }
    return new Column(new CaseWhen(cw.conditions(), cw.values(), exprOf(value)));
  }

  private CaseWhen caseWhen(String method) {
    if (!(expr instanceof CaseWhen cw)) {
      throw new IllegalArgumentException(
          method
              + "() can only be applied on a Column previously generated by when(): start the"
              + " chain with functions.when(condition, value).");
    }
    return cw;
  }

  @Override
  public String toString() {
    return expr.sql();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Column c && c.expr.equals(expr);
  }

  @Override
  public int hashCode() {
    return expr.hashCode();
  }
}
