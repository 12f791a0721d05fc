package io.tideline.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.BoundReference;
import io.tideline.internal.expr.Expr;
import io.tideline.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExprBinderTest {
  @Test
  void bind_replacesAttributesByOrdinalMatchingExprId() {
    Attribute a = new Attribute("id", DataTypes.LongType, false);
    Attribute b = new Attribute("id", DataTypes.LongType, true);
    Expr e = new BinaryOp(BinaryOperator.ADD, b, a);
    Expr bound = ExprBinder.bind(e, List.of(a, b));
    assertThat(bound)
        .isEqualTo(
            new BinaryOp(
                BinaryOperator.ADD,
                new BoundReference(1, DataTypes.LongType, true),
                new BoundReference(0, DataTypes.LongType, false)));
  }

  @Test
  void bind_unknownAttribute_isABugNamingTheInput() {
    Attribute a = new Attribute("x", DataTypes.IntegerType, true);
    Attribute other = new Attribute("y", DataTypes.IntegerType, true);
    assertThatThrownBy(() -> ExprBinder.bind(a, List.of(other)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Bug in Tideline")
        .hasMessageContaining("y#" + other.exprId());
  }

  @Test
  void compile_unboundAttribute_isABug() {
    Attribute a = new Attribute("x", DataTypes.IntegerType, true);
    assertThatThrownBy(() -> ExprCompiler.compile(a, EvalTesting.ctx(true)))
        .hasMessageContaining("ExprBinder.bind");
  }

  @Test
  void compileWithInput_namesColumnsInErrorContext() {
    Attribute amount = new Attribute("amount", DataTypes.IntegerType, true);
    Attribute qty = new Attribute("qty", DataTypes.IntegerType, true);
    Expr e = new BinaryOp(BinaryOperator.MOD, amount, qty);
    VectorEvaluator ev = ExprCompiler.compile(e, List.of(qty, amount), EvalTesting.ctx(true));
    io.tideline.internal.vector.Batch b =
        EvalTesting.batch(
            EvalTesting.column(DataTypes.IntegerType, 0),
            EvalTesting.column(DataTypes.IntegerType, 5));
    assertThatThrownBy(() -> ev.eval(b))
        .isInstanceOf(io.tideline.internal.errors.ExecutionException.class)
        .hasMessageStartingWith("[REMAINDER_BY_ZERO]")
        .hasMessageContaining("(amount % qty)")
        .hasMessageNotContaining("input[");
  }
}
