package io.tideline.internal.expr;

/** The unary operators and null tests of Spark SQL. */
public enum UnaryOperator {
  NOT,
  NEGATE,
  POSITIVE,
  BIT_NOT,
  IS_NULL,
  IS_NOT_NULL
}
