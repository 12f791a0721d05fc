package io.tideline.internal.expr;

/** The binary operators of Spark SQL, with the symbol Spark prints. */
public enum BinaryOperator {
  ADD("+"),
  SUBTRACT("-"),
  MULTIPLY("*"),
  DIVIDE("/"),
  INT_DIVIDE("div"),
  MOD("%"),
  EQ("="),
  EQ_NULL_SAFE("<=>"),
  NOT_EQ("!="),
  LT("<"),
  LE("<="),
  GT(">"),
  GE(">="),
  AND("AND"),
  OR("OR"),
  BIT_AND("&"),
  BIT_OR("|"),
  BIT_XOR("^"),
  CONCAT("||");

  private final String symbol;

  BinaryOperator(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  public boolean isComparison() {
    return switch (this) {
      case EQ, EQ_NULL_SAFE, NOT_EQ, LT, LE, GT, GE -> true;
      default -> false;
    };
  }

  public boolean isArithmetic() {
    return switch (this) {
      case ADD, SUBTRACT, MULTIPLY, DIVIDE, INT_DIVIDE, MOD -> true;
      default -> false;
    };
  }

  public boolean isLogical() {
    return this == AND || this == OR;
  }
}
