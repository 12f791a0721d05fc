package io.tideline.bench.jmh;

import io.tideline.bench.DataGen;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.eval.EvalContext;
import io.tideline.internal.eval.ExprCompiler;
import io.tideline.internal.eval.VectorEvaluator;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.BoundReference;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.types.DataTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Compiled expression evaluation over one batch of order columns, one thread: rows per second (the
 * primary score) and input MB/s per core (the {@code bytes} counter).
 *
 * <p>The batch holds the benchmark's {@code product} (STRING) and {@code amount} (DOUBLE) columns
 * for {@value #ROWS} rows, from the same generator as the end-to-end benchmark. Expressions are
 * compiled once in setup, as a query does; each invocation evaluates one whole batch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
@Threads(1)
public class ExpressionEvalBenchmark {
  static final int ROWS = 4096;

  /**
   * {@code filter}: {@code amount > 100.0}; {@code arithmetic}: {@code amount * 1.2 + 3.0}; {@code
   * stringEq}: {@code product = 'laptop'}; {@code conjunction}: {@code amount > 100.0 AND product =
   * 'laptop'}.
   */
  @Param({"filter", "arithmetic", "stringEq", "conjunction"})
  public String expression;

  private Batch batch;
  private VectorEvaluator evaluator;
  private long inputBytes;

  @Setup
  public void setUp() throws IOException {
    DoubleVector amount = new DoubleVector(DataTypes.DoubleType, ROWS);
    BytesVector product = new BytesVector(DataTypes.StringType, ROWS);
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    DataGen.writeLines(DataGen.DEFAULT_SEED, 0, ROWS, lines);
    String[] text = lines.toString(StandardCharsets.UTF_8).split("\n");
    for (int i = 0; i < ROWS; i++) {
      amount.set(i, Double.parseDouble(field(text[i], "\"amount\":", ",")));
      product.appendString(i, field(text[i], "\"product\":\"", "\""));
    }
    batch = new Batch(new ColumnVector[] {product, amount}, ROWS);

    Expr amountRef = new BoundReference(1, DataTypes.DoubleType, true);
    Expr productRef = new BoundReference(0, DataTypes.StringType, true);
    Expr over100 = new BinaryOp(BinaryOperator.GT, amountRef, Literal.of(100.0));
    Expr isLaptop = new BinaryOp(BinaryOperator.EQ, productRef, Literal.of("laptop"));
    long amountBytes = 8L * ROWS;
    long productBytes = product.dataSize();
    Expr bound =
        switch (expression) {
          case "filter" -> {
            inputBytes = amountBytes;
            yield over100;
          }
          case "arithmetic" -> {
            inputBytes = amountBytes;
            yield new BinaryOp(
                BinaryOperator.ADD,
                new BinaryOp(BinaryOperator.MULTIPLY, amountRef, Literal.of(1.2)),
                Literal.of(3.0));
          }
          case "stringEq" -> {
            inputBytes = productBytes;
            yield isLaptop;
          }
          case "conjunction" -> {
            inputBytes = amountBytes + productBytes;
            yield new BinaryOp(BinaryOperator.AND, over100, isLaptop);
          }
          default -> throw new IllegalArgumentException("Unknown expression " + expression);
        };
    evaluator = ExprCompiler.compile(bound, EvalContext.of(new TidelineConf()));
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public ColumnVector eval(BytesCounter counter) {
    counter.bytes += inputBytes;
    return evaluator.eval(batch);
  }

  private static String field(String line, String prefix, String end) {
    int from = line.indexOf(prefix) + prefix.length();
    return line.substring(from, line.indexOf(end, from));
  }
}
