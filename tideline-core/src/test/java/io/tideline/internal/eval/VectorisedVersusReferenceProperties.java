package io.tideline.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.errors.ExecutionException;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.BoundReference;
import io.tideline.internal.expr.CaseWhen;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.In;
import io.tideline.internal.expr.Like;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.internal.expr.UnaryOp;
import io.tideline.internal.expr.UnaryOperator;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random expression trees over random batches (with nulls and selections), evaluated by the
 * vectorised evaluator and by {@link ReferenceEvaluator} row by row: both must agree on every live
 * row, or both must fail. Each tree is evaluated on two batches by one compiled evaluator, which
 * also checks that reused output vectors carry nothing over. A failing seed reproduces the case.
 */
class VectorisedVersusReferenceProperties {
  private static final DataType LONG = DataTypes.LongType;
  private static final DataType INT = DataTypes.IntegerType;
  private static final DataType DOUBLE = DataTypes.DoubleType;
  private static final DataType STRING = DataTypes.StringType;
  private static final DataType BOOL = DataTypes.BooleanType;
  private static final DecimalType DEC = DataTypes.createDecimalType(10, 2);
  private static final DataType[] SCHEMA = {LONG, LONG, INT, DOUBLE, STRING, BOOL, DEC};

  private static final long[] LONGS = {0, 1, -1, 2, 7, -13, 100, Long.MAX_VALUE, Long.MIN_VALUE};
  private static final int[] INTS = {0, 1, -1, 3, 42, Integer.MAX_VALUE, Integer.MIN_VALUE};
  private static final double[] DOUBLES = {
    0.0, -0.0, 1.5, -2.25, 3.0, Double.NaN, Double.POSITIVE_INFINITY, 1e300
  };
  private static final String[] STRINGS = {
    "",
    "a",
    "abc",
    "Ab",
    " 12 ",
    "1.5",
    "-7",
    "é",
    "bé",
    "1e2",
    "9223372036854775808",
    "inf",
    "NaN",
    "a%b"
  };
  private static final String[] PATTERNS = {"a%", "%b", "%é%", "_b%", "abc", "%", "a\\%b", "_"};

  @Property(tries = 400)
  void vectorisedEvaluation_agreesWithRowAtATimeReference(@ForAll long seed, @ForAll boolean ansi) {
    Random rnd = new Random(seed);
    DataType type = pick(rnd, new DataType[] {LONG, INT, DOUBLE, STRING, BOOL, DEC});
    Expr e = gen(rnd, type, 4);
    VectorEvaluator ev;
    try {
      ev = ExprCompiler.compile(e, EvalTesting.ctx(ansi));
    } catch (ExecutionException compileTimeError) {
      // Only a constant LIKE pattern can fail at compile time, and the generator's are valid.
      throw new AssertionError("seed " + seed + ": " + e.sql(), compileTimeError);
    }
    for (int round = 0; round < 2; round++) {
      Batch b = randomBatch(rnd);
      check(seed, e, ev, b, ansi);
    }
  }

  private static void check(long seed, Expr e, VectorEvaluator ev, Batch b, boolean ansi) {
    ReferenceEvaluator ref = new ReferenceEvaluator(ansi);
    List<Object> expected = new ArrayList<>();
    boolean refFailed = false;
    for (int k = 0; k < b.size() && !refFailed; k++) {
      int row = b.rowAt(k);
      Object[] values = new Object[SCHEMA.length];
      for (int c = 0; c < SCHEMA.length; c++) {
        values[c] = internal(b.column(c), row);
      }
      try {
        expected.add(ref.eval(e, values));
      } catch (ReferenceEvaluator.RefError error) {
        refFailed = true;
      }
    }
    String what = "seed " + seed + ", ansi " + ansi + ", " + b + ": " + e.sql();
    List<Object> actual;
    try {
      actual = EvalTesting.liveValues(ev.eval(b), b);
    } catch (ExecutionException error) {
      assertThat(refFailed)
          .as("vectorised failed (%s) but the reference did not: %s", error.getMessage(), what)
          .isTrue();
      return;
    }
    assertThat(refFailed).as("the reference failed but vectorised did not: %s", what).isFalse();
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int k = 0; k < actual.size(); k++) {
      Object a = actual.get(k);
      assertThat(ReferenceEvaluator.sameValue(a, expected.get(k)))
          .as("row %d: vectorised %s, reference %s; %s", b.rowAt(k), a, expected.get(k), what)
          .isTrue();
    }
  }

  private static Object internal(ColumnVector v, int row) {
    return v.getObject(row);
  }

  private static Batch randomBatch(Random rnd) {
    int rows = rnd.nextInt(12);
    ColumnVector[] cols = new ColumnVector[SCHEMA.length];
    for (int c = 0; c < SCHEMA.length; c++) {
      cols[c] = ColumnVector.allocate(SCHEMA[c], Math.max(rows, 1));
      for (int r = 0; r < rows; r++) {
        cols[c].setObject(r, rnd.nextInt(5) == 0 ? null : randomValue(rnd, SCHEMA[c]));
      }
    }
    Batch b = new Batch(cols, rows);
    if (rnd.nextBoolean()) {
      int[] sel = new int[rows];
      int n = 0;
      for (int r = 0; r < rows; r++) {
        if (rnd.nextBoolean()) {
          sel[n++] = r;
        }
      }
      b = b.withSelection(sel, n);
    }
    return b;
  }

  private static Object randomValue(Random rnd, DataType t) {
    if (t == LONG) {
      return rnd.nextBoolean() ? LONGS[rnd.nextInt(LONGS.length)] : (long) rnd.nextInt(200) - 100;
    }
    if (t == INT) {
      return INTS[rnd.nextInt(INTS.length)];
    }
    if (t == DOUBLE) {
      return DOUBLES[rnd.nextInt(DOUBLES.length)];
    }
    if (t == STRING) {
      return STRINGS[rnd.nextInt(STRINGS.length)];
    }
    if (t == BOOL) {
      return rnd.nextBoolean();
    }
    long unscaled =
        rnd.nextBoolean()
            ? rnd.nextInt(20_001) - 10_000
            : (rnd.nextBoolean() ? 1 : -1) * (9_999_999_999L - rnd.nextInt(3));
    return BigDecimal.valueOf(unscaled, 2);
  }

  private static <T> T pick(Random rnd, T[] options) {
    return options[rnd.nextInt(options.length)];
  }

  private static Expr column(DataType t) {
    for (int c = 0; c < SCHEMA.length; c++) {
      if (SCHEMA[c].equals(t)) {
        return new BoundReference(c, t, true);
      }
    }
    throw new IllegalArgumentException(t.toString());
  }

  private static Expr literal(Random rnd, DataType t) {
    if (rnd.nextInt(6) == 0) {
      return new Literal(null, t);
    }
    return new Literal(randomValue(rnd, t), t);
  }

  private static Expr gen(Random rnd, DataType t, int depth) {
    if (depth == 0 || rnd.nextInt(4) == 0) {
      return rnd.nextInt(3) == 0 ? literal(rnd, t) : column(t);
    }
    int d = depth - 1;
    if (t == LONG) {
      switch (rnd.nextInt(9)) {
        case 0:
          return new BinaryOp(
              pick(
                  rnd,
                  new BinaryOperator[] {
                    BinaryOperator.ADD,
                    BinaryOperator.SUBTRACT,
                    BinaryOperator.MULTIPLY,
                    BinaryOperator.INT_DIVIDE,
                    BinaryOperator.MOD
                  }),
              gen(rnd, LONG, d),
              gen(rnd, LONG, d));
        case 1:
          return new UnaryOp(UnaryOperator.NEGATE, gen(rnd, LONG, d));
        case 2:
          return new Cast(gen(rnd, INT, d), LONG);
        case 3:
          return new Cast(gen(rnd, STRING, d), LONG);
        case 4:
          return new Cast(gen(rnd, DOUBLE, d), LONG);
        case 5:
          return new CaseWhen(
              List.of(gen(rnd, BOOL, d)),
              List.of(gen(rnd, LONG, d)),
              rnd.nextBoolean() ? gen(rnd, LONG, d) : null);
        case 6:
          return new ScalarCall(
              "coalesce", List.of(gen(rnd, LONG, d), gen(rnd, LONG, d)), LONG, true, List.of());
        case 7:
          return new ScalarCall(
              "greatest", List.of(gen(rnd, LONG, d), gen(rnd, LONG, d)), LONG, true, List.of());
        default:
          return new BinaryOp(BinaryOperator.ADD, gen(rnd, LONG, d), gen(rnd, LONG, d));
      }
    }
    if (t == INT) {
      switch (rnd.nextInt(3)) {
        case 0:
          return new BinaryOp(BinaryOperator.ADD, gen(rnd, INT, d), gen(rnd, INT, d));
        case 1:
          return rnd.nextBoolean()
              ? new ScalarCall("length", List.of(gen(rnd, STRING, d)), INT, true, List.of())
              : new ScalarCall(
                  "instr", List.of(gen(rnd, STRING, d), gen(rnd, STRING, d)), INT, true, List.of());
        default:
          return new Cast(gen(rnd, LONG, d), INT);
      }
    }
    if (t == DOUBLE) {
      switch (rnd.nextInt(3)) {
        case 0:
          return new BinaryOp(
              pick(
                  rnd,
                  new BinaryOperator[] {
                    BinaryOperator.ADD,
                    BinaryOperator.SUBTRACT,
                    BinaryOperator.MULTIPLY,
                    BinaryOperator.DIVIDE
                  }),
              gen(rnd, DOUBLE, d),
              gen(rnd, DOUBLE, d));
        case 1:
          return new Cast(gen(rnd, LONG, d), DOUBLE);
        default:
          return new Cast(gen(rnd, STRING, d), DOUBLE);
      }
    }
    if (t == STRING) {
      switch (rnd.nextInt(5)) {
        case 0:
          return new ScalarCall(
              rnd.nextBoolean() ? "upper" : "trim",
              List.of(gen(rnd, STRING, d)),
              STRING,
              true,
              List.of());
        case 1:
          return new ScalarCall(
              "substring",
              List.of(
                  gen(rnd, STRING, d),
                  new Literal(rnd.nextInt(7) - 3, INT),
                  new Literal(rnd.nextInt(5) - 1, INT)),
              STRING,
              true,
              List.of());
        case 2:
          return new ScalarCall(
              "concat", List.of(gen(rnd, STRING, d), gen(rnd, STRING, d)), STRING, true, List.of());
        case 3:
          return new Cast(gen(rnd, LONG, d), STRING);
        default:
          return new CaseWhen(
              List.of(gen(rnd, BOOL, d)), List.of(gen(rnd, STRING, d)), gen(rnd, STRING, d));
      }
    }
    if (t == DEC) {
      switch (rnd.nextInt(2)) {
        case 0:
          return new BinaryOp(
              pick(
                  rnd,
                  new BinaryOperator[] {
                    BinaryOperator.ADD, BinaryOperator.SUBTRACT, BinaryOperator.MULTIPLY
                  }),
              gen(rnd, DEC, d),
              gen(rnd, DEC, d));
        default:
          return new Cast(gen(rnd, LONG, d), DEC);
      }
    }
    switch (rnd.nextInt(8)) {
      case 0:
        {
          DataType operand = pick(rnd, new DataType[] {LONG, DOUBLE, STRING, DEC, INT});
          BinaryOperator op =
              pick(
                  rnd,
                  new BinaryOperator[] {
                    BinaryOperator.EQ,
                    BinaryOperator.NOT_EQ,
                    BinaryOperator.LT,
                    BinaryOperator.LE,
                    BinaryOperator.GT,
                    BinaryOperator.GE,
                    BinaryOperator.EQ_NULL_SAFE
                  });
          return new BinaryOp(op, gen(rnd, operand, d), gen(rnd, operand, d));
        }
      case 1:
      case 2:
        return new BinaryOp(
            rnd.nextBoolean() ? BinaryOperator.AND : BinaryOperator.OR,
            gen(rnd, BOOL, d),
            gen(rnd, BOOL, d));
      case 3:
        return new UnaryOp(UnaryOperator.NOT, gen(rnd, BOOL, d));
      case 4:
        return new UnaryOp(
            rnd.nextBoolean() ? UnaryOperator.IS_NULL : UnaryOperator.IS_NOT_NULL,
            gen(rnd, pick(rnd, SCHEMA), d));
      case 5:
        {
          List<Expr> items = new ArrayList<>();
          int n = 1 + rnd.nextInt(4);
          for (int i = 0; i < n; i++) {
            items.add(literal(rnd, LONG));
          }
          return new In(gen(rnd, LONG, d), items);
        }
      default:
        return new Like(
            Like.Kind.LIKE, gen(rnd, STRING, d), new Literal(pick(rnd, PATTERNS), STRING));
    }
  }
}
