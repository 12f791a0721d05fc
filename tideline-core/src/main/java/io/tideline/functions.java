package io.tideline;

import io.tideline.internal.api.Literals;
import io.tideline.internal.expr.CaseWhen;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.UnresolvedColumn;
import io.tideline.internal.expr.UnresolvedFunction;
import io.tideline.internal.expr.UnresolvedStar;
import io.tideline.internal.sql.SqlParser;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The built-in functions, as static methods named as in Spark's {@code
 * org.apache.spark.sql.functions}. Each builds an unresolved call that a DataFrame operation
 * resolves, so type errors surface when the column is used.
 */
@SuppressWarnings("checkstyle:MethodName")
public final class functions {
  private functions() {}

  // ---- columns and literals ----

  /**
   * The column named {@code name}: dotted names reach into structs ({@code "data.amount"}),
   * backticks quote ({@code "`a.b`"}), {@code "*"} and {@code "data.*"} expand.
   */
  public static Column col(String name) {
    if (name.equals("*")) {
      return new Column(new UnresolvedStar(List.of()));
    }
    if (name.endsWith(".*")) {
      return new Column(
          new UnresolvedStar(
              SqlParser.parseMultipartIdentifier(name.substring(0, name.length() - 2))));
    }
    return new Column(new UnresolvedColumn(SqlParser.parseMultipartIdentifier(name)));
  }

  public static Column column(String name) {
    return col(name);
  }

  /** A literal; a Column passes through unchanged, as in Spark. */
  public static Column lit(Object value) {
    return value instanceof Column c ? c : new Column(Literals.of(value));
  }

  /** Parses Spark SQL expression text: {@code expr("CAST(value AS STRING) AS json")}. */
  public static Column expr(String sql) {
    return new Column(SqlParser.parseExpression(sql));
  }

  private static Column call(String name, Column... args) {
    List<Expr> exprs = new ArrayList<>(args.length);
    for (Column c : args) {
      exprs.add(c.expr());
    }
    return new Column(new UnresolvedFunction(name, exprs, false));
  }

  private static Column call(String name, List<Expr> args) {
    return new Column(new UnresolvedFunction(name, args, false));
  }

  // ---- JSON ----

  /** Parses a JSON string column into a struct of {@code schema} (PERMISSIVE by default). */
  public static Column from_json(Column e, StructType schema) {
    return from_json(e, schema, Map.of());
  }

  public static Column from_json(Column e, String ddlSchema) {
    return from_json(e, ddlSchema, Map.of());
  }

  /**
   * With options such as {@code mode}, {@code timestampFormat}, {@code columnNameOfCorruptRecord}.
   */
  public static Column from_json(Column e, StructType schema, Map<String, String> options) {
    return from_json(e, schema.toDDL(), options);
  }

  public static Column from_json(Column e, String ddlSchema, Map<String, String> options) {
    List<Expr> args = new ArrayList<>();
    args.add(e.expr());
    args.add(Literal.of(ddlSchema));
    if (!options.isEmpty()) {
      args.add(optionsMap(options));
    }
    return call("from_json", args);
  }

  public static Column to_json(Column e) {
    return call("to_json", e);
  }

  public static Column to_json(Column e, Map<String, String> options) {
    return call("to_json", List.of(e.expr(), optionsMap(options)));
  }

  public static Column get_json_object(Column e, String path) {
    return call("get_json_object", List.of(e.expr(), Literal.of(path)));
  }

  /** Options as Spark SQL's {@code map('k1', 'v1', ...)}, sorted by key for stable plans. */
  private static Expr optionsMap(Map<String, String> options) {
    List<Expr> kv = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(options).entrySet()) {
      kv.add(Literal.of(e.getKey()));
      kv.add(Literal.of(e.getValue()));
    }
    return new UnresolvedFunction("map", kv, false);
  }

  // ---- aggregates ----

  public static Column count(Column e) {
    return call("count", e);
  }

  /** {@code count("*")} counts rows, like {@code count(lit(1))}. */
  public static Column count(String columnName) {
    return columnName.equals("*")
        ? call("count", List.of(new UnresolvedStar(List.of())))
        : count(col(columnName));
  }

  public static Column countDistinct(Column e, Column... more) {
    List<Expr> args = new ArrayList<>();
    args.add(e.expr());
    for (Column c : more) {
      args.add(c.expr());
    }
    return new Column(new UnresolvedFunction("count", args, true));
  }

  public static Column countDistinct(String columnName, String... more) {
    Column[] rest = new Column[more.length];
    for (int i = 0; i < more.length; i++) {
      rest[i] = col(more[i]);
    }
    return countDistinct(col(columnName), rest);
  }

  public static Column count_distinct(Column e, Column... more) {
    return countDistinct(e, more);
  }

  public static Column approx_count_distinct(Column e) {
    return call("approx_count_distinct", e);
  }

  public static Column approx_count_distinct(String columnName) {
    return approx_count_distinct(col(columnName));
  }

  public static Column approx_count_distinct(Column e, double rsd) {
    return call("approx_count_distinct", List.of(e.expr(), Literal.of(rsd)));
  }

  public static Column sum(Column e) {
    return call("sum", e);
  }

  public static Column sum(String columnName) {
    return sum(col(columnName));
  }

  public static Column sum_distinct(Column e) {
    return new Column(new UnresolvedFunction("sum", List.of(e.expr()), true));
  }

  public static Column avg(Column e) {
    return call("avg", e);
  }

  public static Column avg(String columnName) {
    return avg(col(columnName));
  }

  public static Column mean(Column e) {
    return avg(e);
  }

  public static Column min(Column e) {
    return call("min", e);
  }

  public static Column min(String columnName) {
    return min(col(columnName));
  }

  public static Column max(Column e) {
    return call("max", e);
  }

  public static Column max(String columnName) {
    return max(col(columnName));
  }

  public static Column first(Column e) {
    return call("first", e);
  }

  public static Column first(String columnName) {
    return first(col(columnName));
  }

  public static Column first(Column e, boolean ignoreNulls) {
    return call("first", List.of(e.expr(), ignoreNulls ? Literal.TRUE : Literal.FALSE));
  }

  public static Column last(Column e) {
    return call("last", e);
  }

  public static Column last(String columnName) {
    return last(col(columnName));
  }

  public static Column last(Column e, boolean ignoreNulls) {
    return call("last", List.of(e.expr(), ignoreNulls ? Literal.TRUE : Literal.FALSE));
  }

  // ---- date and time ----

  /**
   * Tumbling event-time windows: the struct {@code window {start, end}} of the window {@code
   * [start, end)} of length {@code windowDuration} (an interval such as {@code "5 minutes"})
   * containing {@code timeColumn}, windows aligned to the epoch. Rows whose time is null are
   * dropped by the operator using the window, as in Spark.
   */
  public static Column window(Column timeColumn, String windowDuration) {
    return window(timeColumn, windowDuration, windowDuration, "0 seconds");
  }

  /**
   * Sliding event-time windows of length {@code windowDuration} starting every {@code
   * slideDuration}: each row appears once per window containing it.
   */
  public static Column window(Column timeColumn, String windowDuration, String slideDuration) {
    return window(timeColumn, windowDuration, slideDuration, "0 seconds");
  }

  /**
   * Sliding event-time windows whose grid is shifted from the epoch by {@code startTime} (which may
   * be negative; its absolute value must be less than the slide).
   */
  public static Column window(
      Column timeColumn, String windowDuration, String slideDuration, String startTime) {
    return call(
        "window",
        List.of(
            timeColumn.expr(),
            Literal.of(windowDuration),
            Literal.of(slideDuration),
            Literal.of(startTime)));
  }

  /**
   * Session windows: the struct {@code session_window {start, end}}. Each row starts the session
   * {@code [time, time + gapDuration)}; in an aggregation, sessions of one key that overlap or
   * touch merge into one.
   */
  public static Column session_window(Column timeColumn, String gapDuration) {
    return call("session_window", List.of(timeColumn.expr(), Literal.of(gapDuration)));
  }

  /**
   * Session windows whose gap is computed per row, e.g. {@code when(col("k").equalTo("a"), lit("20
   * seconds")).otherwise(lit("5 minutes"))}; rows whose gap is null or not positive are dropped, as
   * in Spark.
   */
  public static Column session_window(Column timeColumn, Column gapDuration) {
    return call("session_window", timeColumn, gapDuration);
  }

  public static Column current_timestamp() {
    return call("current_timestamp");
  }

  public static Column current_date() {
    return call("current_date");
  }

  /** Casts a string to TIMESTAMP as {@code CAST(s AS TIMESTAMP)} does. */
  public static Column to_timestamp(Column s) {
    return call("to_timestamp", s);
  }

  /** Parses with a Spark datetime pattern, e.g. {@code "yyyy-MM-dd HH:mm:ss"}. */
  public static Column to_timestamp(Column s, String format) {
    return call("to_timestamp", List.of(s.expr(), Literal.of(format)));
  }

  public static Column to_date(Column s) {
    return call("to_date", s);
  }

  public static Column to_date(Column s, String format) {
    return call("to_date", List.of(s.expr(), Literal.of(format)));
  }

  public static Column date_format(Column dateExpr, String format) {
    return call("date_format", List.of(dateExpr.expr(), Literal.of(format)));
  }

  public static Column unix_timestamp(Column s) {
    return call("unix_timestamp", s);
  }

  public static Column from_unixtime(Column seconds) {
    return call("from_unixtime", seconds);
  }

  public static Column timestamp_seconds(Column seconds) {
    return call("timestamp_seconds", seconds);
  }

  public static Column year(Column e) {
    return call("year", e);
  }

  public static Column month(Column e) {
    return call("month", e);
  }

  public static Column dayofmonth(Column e) {
    return call("dayofmonth", e);
  }

  public static Column hour(Column e) {
    return call("hour", e);
  }

  public static Column minute(Column e) {
    return call("minute", e);
  }

  public static Column second(Column e) {
    return call("second", e);
  }

  public static Column date_add(Column start, int days) {
    return call("date_add", List.of(start.expr(), Literal.of(days)));
  }

  public static Column datediff(Column end, Column start) {
    return call("datediff", end, start);
  }

  public static Column dayofweek(Column e) {
    return call("dayofweek", e);
  }

  public static Column quarter(Column e) {
    return call("quarter", e);
  }

  public static Column weekofyear(Column e) {
    return call("weekofyear", e);
  }

  public static Column last_day(Column e) {
    return call("last_day", e);
  }

  public static Column add_months(Column startDate, int numMonths) {
    return call("add_months", List.of(startDate.expr(), Literal.of(numMonths)));
  }

  public static Column add_months(Column startDate, Column numMonths) {
    return call("add_months", startDate, numMonths);
  }

  /** The timestamp truncated to the unit {@code format} names, in the session time zone. */
  public static Column date_trunc(String format, Column timestamp) {
    return call("date_trunc", List.of(Literal.of(format), timestamp.expr()));
  }

  public static Column make_date(Column year, Column month, Column day) {
    return call("make_date", year, month, day);
  }

  /** The date truncated to the year, quarter, month or week that {@code format} names. */
  public static Column trunc(Column date, String format) {
    return call("trunc", List.of(date.expr(), Literal.of(format)));
  }

  // ---- structs, conditionals ----

  public static Column struct(Column... cols) {
    return call("struct", cols);
  }

  public static Column struct(String colName, String... colNames) {
    Column[] cols = new Column[colNames.length + 1];
    cols[0] = col(colName);
    for (int i = 0; i < colNames.length; i++) {
      cols[i + 1] = col(colNames[i]);
    }
    return struct(cols);
  }

  public static Column array(Column... cols) {
    return call("array", cols);
  }

  public static Column size(Column e) {
    return call("size", e);
  }

  public static Column element_at(Column e, Object key) {
    return call("element_at", List.of(e.expr(), lit(key).expr()));
  }

  /** Starts a CASE WHEN chain; continue with {@link Column#when} and {@link Column#otherwise}. */
  public static Column when(Column condition, Object value) {
    return new Column(new CaseWhen(List.of(condition.expr()), List.of(lit(value).expr()), null));
  }

  public static Column coalesce(Column... cols) {
    return call("coalesce", cols);
  }

  public static Column nvl2(Column col1, Column col2, Column col3) {
    return call("nvl2", col1, col2, col3);
  }

  public static Column isnull(Column e) {
    return e.isNull();
  }

  public static Column nvl(Column e, Column replacement) {
    return call("nvl", e, replacement);
  }

  public static Column greatest(Column... cols) {
    return call("greatest", cols);
  }

  public static Column least(Column... cols) {
    return call("least", cols);
  }

  public static Column not(Column e) {
    return e.not();
  }

  // ---- strings ----

  public static Column concat(Column... cols) {
    return call("concat", cols);
  }

  public static Column concat_ws(String sep, Column... cols) {
    List<Expr> args = new ArrayList<>();
    args.add(Literal.of(sep));
    for (Column c : cols) {
      args.add(c.expr());
    }
    return call("concat_ws", args);
  }

  public static Column upper(Column e) {
    return call("upper", e);
  }

  public static Column lower(Column e) {
    return call("lower", e);
  }

  public static Column length(Column e) {
    return call("length", e);
  }

  public static Column octet_length(Column e) {
    return call("octet_length", e);
  }

  public static Column initcap(Column e) {
    return call("initcap", e);
  }

  public static Column reverse(Column e) {
    return call("reverse", e);
  }

  public static Column repeat(Column str, int n) {
    return call("repeat", List.of(str.expr(), Literal.of(n)));
  }

  public static Column repeat(Column str, Column n) {
    return call("repeat", str, n);
  }

  public static Column translate(Column src, String matchingString, String replaceString) {
    return call(
        "translate", List.of(src.expr(), Literal.of(matchingString), Literal.of(replaceString)));
  }

  public static Column left(Column str, Column len) {
    return call("left", str, len);
  }

  public static Column right(Column str, Column len) {
    return call("right", str, len);
  }

  public static Column startswith(Column str, Column prefix) {
    return call("startswith", str, prefix);
  }

  public static Column endswith(Column str, Column suffix) {
    return call("endswith", str, suffix);
  }

  public static Column contains(Column left, Column right) {
    return call("contains", left, right);
  }

  /** 1-based, as in Spark; a negative position counts from the end. */
  public static Column substring(Column str, int pos, int len) {
    return call("substring", List.of(str.expr(), Literal.of(pos), Literal.of(len)));
  }

  public static Column trim(Column e) {
    return call("trim", e);
  }

  public static Column ltrim(Column e) {
    return call("ltrim", e);
  }

  public static Column rtrim(Column e) {
    return call("rtrim", e);
  }

  public static Column lpad(Column str, int len, String pad) {
    return call("lpad", List.of(str.expr(), Literal.of(len), Literal.of(pad)));
  }

  public static Column rpad(Column str, int len, String pad) {
    return call("rpad", List.of(str.expr(), Literal.of(len), Literal.of(pad)));
  }

  public static Column regexp_replace(Column e, String pattern, String replacement) {
    return call("regexp_replace", List.of(e.expr(), Literal.of(pattern), Literal.of(replacement)));
  }

  public static Column regexp_extract(Column e, String regex, int groupIdx) {
    return call("regexp_extract", List.of(e.expr(), Literal.of(regex), Literal.of(groupIdx)));
  }

  public static Column split(Column str, String pattern) {
    return call("split", List.of(str.expr(), Literal.of(pattern)));
  }

  // ---- math ----

  public static Column round(Column e) {
    return round(e, 0);
  }

  public static Column round(Column e, int scale) {
    return call("round", List.of(e.expr(), Literal.of(scale)));
  }

  public static Column bround(Column e, int scale) {
    return call("bround", List.of(e.expr(), Literal.of(scale)));
  }

  public static Column abs(Column e) {
    return call("abs", e);
  }

  public static Column ceil(Column e) {
    return call("ceil", e);
  }

  public static Column floor(Column e) {
    return call("floor", e);
  }

  public static Column sqrt(Column e) {
    return call("sqrt", e);
  }

  public static Column exp(Column e) {
    return call("exp", e);
  }

  public static Column log(Column e) {
    return call("ln", e);
  }

  public static Column pow(Column base, Column exponent) {
    return call("pow", base, exponent);
  }

  public static Column log10(Column e) {
    return call("log10", e);
  }

  public static Column log10(String columnName) {
    return log10(col(columnName));
  }

  public static Column signum(Column e) {
    return call("signum", e);
  }

  public static Column sign(Column e) {
    return call("sign", e);
  }

  public static Column pmod(Column dividend, Column divisor) {
    return call("pmod", dividend, divisor);
  }

  /** The sum, or null where it overflows. */
  public static Column try_add(Column left, Column right) {
    return call("try_add", left, right);
  }

  /** The quotient, or null where the divisor is zero. */
  public static Column try_divide(Column left, Column right) {
    return call("try_divide", left, right);
  }

  // ---- sorting ----

  public static Column asc(String columnName) {
    return col(columnName).asc();
  }

  public static Column desc(String columnName) {
    return col(columnName).desc();
  }

  /** Calls a built-in function by name, as {@code call_function} in Spark. */
  public static Column call_function(String name, Column... args) {
    return call(name, args);
  }
}
