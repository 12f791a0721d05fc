package io.tideline.internal.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConjunctionsTest {
  private final Attribute a = new Attribute("a", DataTypes.LongType, true);
  private final Attribute b = new Attribute("b", DataTypes.LongType, true);
  private final Expr aPositive = new BinaryOp(BinaryOperator.GT, a, Literal.of(0L));
  private final Expr bPositive = new BinaryOp(BinaryOperator.GT, b, Literal.of(0L));
  private final Expr aEqualsB = new BinaryOp(BinaryOperator.EQ, a, b);

  @Test
  void split_flattensNestedAnds_inOrder_andAndRebuildsThem() {
    Expr condition =
        new BinaryOp(
            BinaryOperator.AND, aPositive, new BinaryOp(BinaryOperator.AND, bPositive, aEqualsB));

    List<Expr> parts = Conjunctions.split(condition);

    assertThat(parts).containsExactly(aPositive, bPositive, aEqualsB);
    assertThat(Conjunctions.split(Conjunctions.and(parts))).isEqualTo(parts);
    assertThat(Conjunctions.split(null)).isEmpty();
    assertThat(Conjunctions.and(List.of())).isNull();
  }

  @Test
  void referencedIds_areTheAttributesIds() {
    assertThat(Conjunctions.referencedIds(aEqualsB))
        .containsExactlyInAnyOrder(a.exprId(), b.exprId());
    assertThat(Conjunctions.referencedIds(Literal.of(1L))).isEmpty();
    assertThat(Conjunctions.ids(List.of(a, b))).containsExactlyInAnyOrder(a.exprId(), b.exprId());
  }
}
