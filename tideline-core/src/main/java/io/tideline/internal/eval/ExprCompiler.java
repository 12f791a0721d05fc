package io.tideline.internal.eval;

import io.tideline.internal.errors.ExecutionException;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Between;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.BoundReference;
import io.tideline.internal.expr.CaseWhen;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.GetArrayItem;
import io.tideline.internal.expr.GetMapValue;
import io.tideline.internal.expr.GetStructField;
import io.tideline.internal.expr.In;
import io.tideline.internal.expr.Like;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.internal.expr.SortOrder;
import io.tideline.internal.expr.UnaryOp;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.AtomicType;
import io.tideline.types.DataTypes;
import java.util.List;
import java.util.Set;

/**
 * Compiles a resolved, bound expression tree (columns as {@code BoundReference}s) into a {@link
 * VectorEvaluator}: one specialised kernel per node and type, chosen once, so evaluation runs tight
 * loops over primitive arrays with no per-row dispatch or boxing.
 *
 * <p>Subtrees without column references are folded here into constant vectors, once per query (a
 * typed literal such as {@code CAST('2024-01-01' AS TIMESTAMP)}, {@code current_timestamp()}). A
 * subtree whose folding raises an error (say {@code 1/0} under ANSI) is left to run per batch, so
 * the error surfaces only if a live row needs it, as in Spark.
 */
public final class ExprCompiler {
  private static final Set<String> NON_FOLDABLE_FUNCTIONS = Set.of("rand", "randn", "uuid");

  private ExprCompiler() {}

  /**
   * Binds a resolved expression to {@code input} ({@link ExprBinder#bind}) and compiles it; errors
   * it raises name the input's columns in their SQL context rather than their positions. The form
   * executors should call.
   */
  public static VectorEvaluator compile(Expr resolved, List<Attribute> input, EvalContext ctx) {
    try {
      return new ColumnNamedErrors(compile(ExprBinder.bind(resolved, input), ctx), input);
    } catch (ExecutionException e) {
      throw ColumnNamedErrors.rename(e, input);
    }
  }

  /**
   * Wraps an evaluator compiled from a bound tree so that its errors name {@code input}'s columns
   * instead of their positions ({@code amount} rather than {@code input[3]}).
   */
  public static VectorEvaluator namingColumns(VectorEvaluator evaluator, List<Attribute> input) {
    return new ColumnNamedErrors(evaluator, input);
  }

  /** Compiles an expression whose columns are already {@code BoundReference}s. */
  public static VectorEvaluator compile(Expr bound, EvalContext ctx) {
    if (bound instanceof Literal l) {
      return ConstantEvaluator.ofLiteral(l.value(), l.dataType());
    }
    if (bound instanceof BoundReference r) {
      return new ColumnEvaluator(r.ordinal());
    }
    if (bound instanceof Alias a) {
      return compile(a.child(), ctx);
    }
    if (bound instanceof SortOrder s) {
      return compile(s.child(), ctx);
    }
    if (isFoldable(bound)) {
      VectorEvaluator folded = tryFold(bound, ctx);
      if (folded != null) {
        return folded;
      }
    }
    return compileOperator(bound, ctx);
  }

  /** Compiles a literal-only expression and returns its constant, or null when it fails. */
  static ConstantEvaluator constantOf(Expr e, EvalContext ctx) {
    VectorEvaluator ev = compile(e, ctx);
    return ev instanceof ConstantEvaluator c ? c : null;
  }

  private static boolean isFoldable(Expr e) {
    return !e.anyMatch(
        n ->
            n instanceof BoundReference
                || n instanceof Attribute
                || n instanceof AggregateCall
                || !n.selfResolved()
                || (n instanceof ScalarCall s && NON_FOLDABLE_FUNCTIONS.contains(s.name())));
  }

  private static VectorEvaluator tryFold(Expr e, EvalContext ctx) {
    VectorEvaluator ev = compileOperator(e, ctx);
    try {
      ColumnVector v = ev.eval(new Batch(new ColumnVector[0], 1));
      return new ConstantEvaluator(v, 0);
    } catch (TidelineException runtimeError) {
      return null;
    }
  }

  private static VectorEvaluator compileOperator(Expr e, EvalContext ctx) {
    if (e instanceof Cast c) {
      return CastCompiler.compile(c, ctx);
    }
    if (e instanceof BinaryOp b) {
      return compileBinary(b, ctx);
    }
    if (e instanceof UnaryOp u) {
      return UnaryKernels.compile(u, ctx);
    }
    if (e instanceof In in) {
      return InEvaluator.compile(in, ctx);
    }
    if (e instanceof Like like) {
      return LikeEvaluator.compile(like, ctx);
    }
    if (e instanceof CaseWhen cw) {
      return CaseWhenEvaluator.compile(cw, ctx);
    }
    if (e instanceof GetStructField g) {
      return new GetStructFieldEvaluator(compile(g.child(), ctx), g.ordinal(), g.dataType());
    }
    if (e instanceof GetArrayItem g) {
      return new GetArrayItemEvaluator(
          compile(g.child(), ctx), compile(g.index(), ctx), g, ctx.ansi(), false);
    }
    if (e instanceof GetMapValue g) {
      return new GetMapValueEvaluator(compile(g.child(), ctx), compile(g.key(), ctx), g.dataType());
    }
    if (e instanceof Between b) {
      return compile(
          new BinaryOp(
              BinaryOperator.AND,
              new BinaryOp(BinaryOperator.GE, b.value(), b.lower()),
              new BinaryOp(BinaryOperator.LE, b.value(), b.upper())),
          ctx);
    }
    if (e instanceof ScalarCall s) {
      return ScalarFunctions.compile(s, ctx);
    }
    if (e instanceof Attribute a) {
      throw EvalErrors.bug(
          "the column " + a.sql() + " reached the evaluator unbound; call ExprBinder.bind first");
    }
    if (e instanceof AggregateCall a) {
      throw EvalErrors.bug(
          "the aggregate "
              + a.sql()
              + " reached the scalar evaluator; the planner must extract it");
    }
    if (!e.selfResolved()) {
      throw EvalErrors.bug("the unresolved expression " + e.sql() + " reached the evaluator");
    }
    throw EvalErrors.unsupported(e.sql(), "no kernel for " + e.getClass().getSimpleName());
  }

  private static VectorEvaluator compileBinary(BinaryOp b, EvalContext ctx) {
    BinaryOperator op = b.op();
    if (op.isLogical()) {
      return new LogicalEvaluator(
          op == BinaryOperator.AND,
          compile(CaseWhenEvaluator.coerce(b.left(), DataTypes.BooleanType), ctx),
          compile(CaseWhenEvaluator.coerce(b.right(), DataTypes.BooleanType), ctx));
    }
    if (DataTypes.is(b.dataType(), AtomicType.Kind.NULL)) {
      return ConstantEvaluator.ofLiteral(null, DataTypes.NullType);
    }
    if (op.isComparison()) {
      return ComparisonEvaluator.compile(b, ctx);
    }
    if (op == BinaryOperator.CONCAT) {
      return StringKernels.concat(
          new VectorEvaluator[] {compile(b.left(), ctx), compile(b.right(), ctx)});
    }
    return ArithmeticKernels.compile(b, ctx);
  }

  /** A column of the input batch, returned as it is (no copy). */
  static final class ColumnEvaluator implements VectorEvaluator {
    private final int ordinal;

    ColumnEvaluator(int ordinal) {
      this.ordinal = ordinal;
    }

    @Override
    public ColumnVector eval(Batch batch) {
      return batch.column(ordinal);
    }
  }
}
