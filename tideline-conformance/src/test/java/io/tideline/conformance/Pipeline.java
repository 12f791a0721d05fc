package io.tideline.conformance;

import static io.tideline.functions.col;
import static io.tideline.functions.expr;

import io.tideline.Column;
import io.tideline.DataFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A differential test's query, written once and run by both engines: Tideline through DataFrame
 * calls ({@code selectExpr}, {@code filter}, {@code groupBy().agg(expr(...))}, {@code join}, ...),
 * Spark through the equivalent SQL text the pipeline renders.
 *
 * <p>Every step wraps the query so far as a subquery, so the SQL stays a direct transcript of the
 * DataFrame calls: expression text is passed verbatim to both engines, which is what makes their
 * auto-generated column names comparable. An {@code orderBy} must come last: it is the only step
 * whose row order the comparison keeps.
 */
public final class Pipeline {
  private final String source;
  private final List<Step> steps = new ArrayList<>();
  private boolean ordered;

  private Pipeline(String source) {
    this.source = source;
  }

  /** A pipeline over the input registered as {@code table}. */
  public static Pipeline from(String table) {
    return new Pipeline(table);
  }

  /** One DataFrame call and its SQL rendering over the previous query's text. */
  private record Step(
      Function<String, String> sql,
      BiFunction<DataFrame, Function<String, DataFrame>, DataFrame> tideline) {}

  public Pipeline where(String condition) {
    return add(
        prev -> "SELECT * FROM (" + prev + ") q WHERE " + condition,
        (df, t) -> df.filter(condition));
  }

  public Pipeline select(String... exprs) {
    return add(
        prev -> "SELECT " + String.join(", ", exprs) + " FROM (" + prev + ") q",
        (df, t) -> df.selectExpr(exprs));
  }

  /** {@code groupBy(keys...).agg(expr(a), ...)}: keys are column names, aggregates SQL text. */
  public Pipeline groupBy(List<String> keys, String... aggregates) {
    List<String> all = new ArrayList<>(keys);
    all.addAll(Arrays.asList(aggregates));
    return add(
        prev ->
            "SELECT "
                + String.join(", ", all)
                + " FROM ("
                + prev
                + ") q GROUP BY "
                + String.join(", ", keys),
        (df, t) ->
            df.groupBy(keys.stream().map(k -> col(k)).toArray(Column[]::new))
                .agg(expr(aggregates[0]), columns(aggregates)));
  }

  /** A global aggregate: {@code df.agg(expr(a), ...)}. */
  public Pipeline agg(String... aggregates) {
    return add(
        prev -> "SELECT " + String.join(", ", aggregates) + " FROM (" + prev + ") q",
        (df, t) -> df.agg(expr(aggregates[0]), columns(aggregates)));
  }

  /** {@code join(right, usingColumns, how)}. */
  public Pipeline joinUsing(String right, List<String> using, String how) {
    return add(
        prev ->
            "SELECT * FROM ("
                + prev
                + ") l "
                + joinKeyword(how)
                + " (SELECT * FROM "
                + right
                + ") r USING ("
                + String.join(", ", using)
                + ")",
        (df, t) -> df.join(t.apply(right), using, how));
  }

  /**
   * {@code alias("l").join(right.alias("r"), expr(condition), how)}: the condition names the sides
   * {@code l} and {@code r}.
   */
  public Pipeline joinOn(String right, String condition, String how) {
    return add(
        prev ->
            "SELECT * FROM ("
                + prev
                + ") l "
                + joinKeyword(how)
                + " (SELECT * FROM "
                + right
                + ") r ON "
                + condition,
        (df, t) -> df.alias("l").join(t.apply(right).alias("r"), expr(condition), how));
  }

  public Pipeline crossJoin(String right) {
    return add(
        prev -> "SELECT * FROM (" + prev + ") l CROSS JOIN (SELECT * FROM " + right + ") r",
        (df, t) -> df.crossJoin(t.apply(right)));
  }

  public Pipeline union(String other) {
    return add(
        prev -> "SELECT * FROM (" + prev + ") l UNION ALL SELECT * FROM " + other,
        (df, t) -> df.union(t.apply(other)));
  }

  /**
   * {@code unionByName(other)}; SQL has no by-name union, so the Spark side selects {@code columns}
   * (the left side's names, in its order) from the other input.
   */
  public Pipeline unionByName(String other, String... columns) {
    return add(
        prev ->
            "SELECT * FROM ("
                + prev
                + ") l UNION ALL SELECT "
                + String.join(", ", columns)
                + " FROM "
                + other,
        (df, t) -> df.unionByName(t.apply(other)));
  }

  /**
   * A DataFrame call SQL has no direct form for ({@code withColumn}, {@code withColumnRenamed},
   * {@code drop}, ...): Tideline runs {@code call}, Spark selects {@code sparkSelect}, the select
   * list that call amounts to.
   */
  public Pipeline dataFrame(String sparkSelect, UnaryOperator<DataFrame> call) {
    return add(
        prev -> "SELECT " + sparkSelect + " FROM (" + prev + ") q", (df, t) -> call.apply(df));
  }

  /** {@code limit(n)}: on a stream, Spark limits the rows over all batches, not per batch. */
  public Pipeline limit(int n) {
    return add(prev -> "SELECT * FROM (" + prev + ") q LIMIT " + n, (df, t) -> df.limit(n));
  }

  public Pipeline distinct() {
    return add(prev -> "SELECT DISTINCT * FROM (" + prev + ") q", (df, t) -> df.dropDuplicates());
  }

  /**
   * {@code dropDuplicates(cols).select(cols)}: which full row survives per key is unspecified in
   * both engines, so only the keys are compared.
   */
  public Pipeline dropDuplicatesOn(String... columns) {
    return add(
        prev -> "SELECT DISTINCT " + String.join(", ", columns) + " FROM (" + prev + ") q",
        (df, t) ->
            df.dropDuplicates(columns)
                .select(columns[0], Arrays.copyOfRange(columns, 1, columns.length)));
  }

  /**
   * {@code orderBy(...)} with Spark's sort-order text per key, e.g. {@code "amount DESC NULLS
   * LAST"}; the rows are then compared in order.
   */
  public Pipeline orderBy(String... keys) {
    Pipeline p =
        add(
            prev -> "SELECT * FROM (" + prev + ") q ORDER BY " + String.join(", ", keys),
            (df, t) ->
                df.orderBy(Arrays.stream(keys).map(Pipeline::sortColumn).toArray(Column[]::new)));
    p.ordered = true;
    return p;
  }

  public boolean ordered() {
    return ordered;
  }

  public String sql() {
    String sql = "SELECT * FROM " + source;
    for (Step step : steps) {
      sql = step.sql().apply(sql);
    }
    return sql;
  }

  public DataFrame tideline(Function<String, DataFrame> tables) {
    DataFrame df = tables.apply(source);
    for (Step step : steps) {
      df = step.tideline().apply(df, tables);
    }
    return df;
  }

  private Pipeline add(
      Function<String, String> sql,
      BiFunction<DataFrame, Function<String, DataFrame>, DataFrame> tideline) {
    if (ordered) {
      throw new IllegalStateException("Bug in the corpus: orderBy must be a pipeline's last step");
    }
    steps.add(new Step(sql, tideline));
    return this;
  }

  private static Column[] columns(String[] exprs) {
    return Arrays.stream(exprs).skip(1).map(e -> expr(e)).toArray(Column[]::new);
  }

  private static Column sortColumn(String key) {
    String[] words = key.trim().split("\\s+");
    Column c = col(words[0]);
    String rest = String.join(" ", Arrays.copyOfRange(words, 1, words.length)).toUpperCase();
    return switch (rest) {
      case "", "ASC", "ASC NULLS FIRST" -> c.asc_nulls_first();
      case "ASC NULLS LAST" -> c.asc_nulls_last();
      case "DESC", "DESC NULLS LAST" -> c.desc_nulls_last();
      case "DESC NULLS FIRST" -> c.desc_nulls_first();
      default -> throw new IllegalArgumentException("Bug in the corpus: sort key " + key);
    };
  }

  private static String joinKeyword(String how) {
    return switch (how) {
      case "inner" -> "INNER JOIN";
      case "left", "left_outer" -> "LEFT OUTER JOIN";
      case "right", "right_outer" -> "RIGHT OUTER JOIN";
      case "full", "full_outer", "outer" -> "FULL OUTER JOIN";
      case "left_semi", "semi" -> "LEFT SEMI JOIN";
      case "left_anti", "anti" -> "LEFT ANTI JOIN";
      default -> throw new IllegalArgumentException("Bug in the corpus: join type " + how);
    };
  }
}
