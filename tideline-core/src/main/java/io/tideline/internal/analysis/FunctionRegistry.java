package io.tideline.internal.analysis;

import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.GetStructField;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.internal.expr.TypeRules;
import io.tideline.internal.expr.UnaryOp;
import io.tideline.internal.expr.UnaryOperator;
import io.tideline.types.ArrayType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import io.tideline.types.MapType;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in functions: how each name resolves to a {@link ScalarCall} or {@link AggregateCall},
 * with Spark's argument coercions and result types. Names match case-insensitively; the evaluator
 * implements one kernel per canonical name in the tables below (the {@code name} of the resolved
 * call). Arguments are already cast to the types listed; constants the kernel needs ready-made are
 * in {@code params}.
 *
 * <h2>Scalar functions</h2>
 *
 * <table>
 * <tr><th>called as</th><th>kernel name: resolved args</th><th>result</th><th>params</th></tr>
 * <tr><td>from_json(json, schema[, options])</td><td>from_json: (STRING)</td>
 *     <td>the schema (STRUCT, or ARRAY/MAP when given as a type string)</td>
 *     <td>[DataType schema, Map&lt;String,String&gt; options]; schema is a DDL string literal,
 *     options a {@code map('k','v',...)} of string literals</td></tr>
 * <tr><td>to_json(value[, options])</td><td>to_json: (STRUCT|ARRAY|MAP)</td><td>STRING</td>
 *     <td>[Map&lt;String,String&gt; options]</td></tr>
 * <tr><td>get_json_object(json, path)</td><td>get_json_object: (STRING, STRING)</td>
 *     <td>STRING</td><td>[String path] when a literal, else []</td></tr>
 * <tr><td>to_timestamp(s[, fmt])</td><td>to_timestamp: (STRING|DATE|TIMESTAMP|numeric[, STRING])
 *     </td><td>TIMESTAMP</td><td>[String fmt] when a literal, else []</td></tr>
 * <tr><td>to_date(s[, fmt])</td><td>to_date: (STRING|DATE|TIMESTAMP[, STRING])</td>
 *     <td>DATE</td><td>[String fmt] when a literal, else []</td></tr>
 * <tr><td>date_format(ts, fmt)</td><td>date_format: (TIMESTAMP, STRING)</td><td>STRING</td>
 *     <td>[String fmt] when a literal, else []</td></tr>
 * <tr><td>current_timestamp(), now()</td><td>current_timestamp: ()</td>
 *     <td>TIMESTAMP not null</td><td>[]</td></tr>
 * <tr><td>current_date()</td><td>current_date: ()</td><td>DATE not null</td><td>[]</td></tr>
 * <tr><td>unix_timestamp([t[, fmt]])</td><td>unix_timestamp: (STRING|DATE|TIMESTAMP, STRING);
 *     no argument means (current_timestamp(), 'yyyy-MM-dd HH:mm:ss')</td><td>BIGINT</td>
 *     <td>[String fmt]</td></tr>
 * <tr><td>from_unixtime(sec[, fmt])</td><td>from_unixtime: (BIGINT, STRING)</td><td>STRING</td>
 *     <td>[String fmt], default 'yyyy-MM-dd HH:mm:ss'</td></tr>
 * <tr><td>timestamp_seconds(x)</td><td>timestamp_seconds: (numeric)</td><td>TIMESTAMP</td>
 *     <td>[]</td></tr>
 * <tr><td>year, month, dayofmonth/day</td><td>same: (DATE)</td><td>INT</td><td>[]</td></tr>
 * <tr><td>hour, minute, second</td><td>same: (TIMESTAMP)</td><td>INT</td><td>[]</td></tr>
 * <tr><td>date_add(d, n), date_sub(d, n)</td><td>same: (DATE, INT)</td><td>DATE</td>
 *     <td>[]</td></tr>
 * <tr><td>extract(field FROM x), date_part(field, x)</td><td>year, month, dayofmonth, hour,
 *     minute: (DATE or TIMESTAMP)</td><td>INT</td><td>[]</td></tr>
 * <tr><td>datediff(end, start)</td><td>datediff: (DATE, DATE)</td><td>INT</td><td>[]</td></tr>
 * <tr><td>upper/ucase, lower/lcase</td><td>upper, lower: (STRING)</td><td>STRING</td>
 *     <td>[]</td></tr>
 * <tr><td>length/char_length</td><td>length: (STRING|BINARY)</td><td>INT</td><td>[]</td></tr>
 * <tr><td>substring/substr(s, pos[, len])</td><td>substring: (STRING|BINARY, INT, INT); len
 *     defaults to 2147483647</td><td>type of s</td><td>[]</td></tr>
 * <tr><td>concat(a, ...)</td><td>concat: all STRING, or all BINARY, or all arrays of one type
 *     </td><td>STRING / BINARY / the array type</td><td>[]</td></tr>
 * <tr><td>concat_ws(sep, a, ...)</td><td>concat_ws: (STRING, STRING|ARRAY&lt;STRING&gt;...)</td>
 *     <td>STRING, null only when sep is</td><td>[]</td></tr>
 * <tr><td>trim/ltrim/rtrim(s) or SQL's (trimStr, s)</td><td>same: (STRING s[, STRING trimStr])
 *     </td><td>STRING</td><td>[]</td></tr>
 * <tr><td>lpad/rpad(s, len[, pad])</td><td>same: (STRING, INT, STRING); pad defaults to ' '</td>
 *     <td>STRING</td><td>[]</td></tr>
 * <tr><td>replace(s, search[, rep])</td><td>replace: (STRING, STRING, STRING); rep defaults to ''
 *     </td><td>STRING</td><td>[]</td></tr>
 * <tr><td>split(s, regex[, limit])</td><td>split: (STRING, STRING, INT); limit defaults to -1</td>
 *     <td>ARRAY&lt;STRING&gt; (no null elements)</td><td>[]</td></tr>
 * <tr><td>regexp_replace(s, re, rep[, pos])</td><td>regexp_replace: (STRING, STRING, STRING,
 *     INT); pos defaults to 1</td><td>STRING</td><td>[]</td></tr>
 * <tr><td>regexp_extract(s, re[, idx])</td><td>regexp_extract: (STRING, STRING, INT); idx
 *     defaults to 1</td><td>STRING</td><td>[]</td></tr>
 * <tr><td>btrim(s[, chars])</td><td>trim: (STRING s[, STRING chars])</td><td>STRING</td>
 *     <td>[]</td></tr>
 * <tr><td>contains, startswith, endswith(s, sub)</td><td>same: (STRING, STRING)</td>
 *     <td>BOOLEAN</td><td>[]</td></tr>
 * <tr><td>position/locate(sub, s)</td><td>instr: (STRING s, STRING sub)</td><td>INT</td>
 *     <td>[]</td></tr>
 * <tr><td>instr(s, sub)</td><td>instr: (STRING, STRING)</td><td>INT</td><td>[]</td></tr>
 * <tr><td>coalesce(a, ...), nvl(a, b), ifnull(a, b)</td><td>coalesce: all of the common type
 *     </td><td>the common type, null only when all are</td><td>[]</td></tr>
 * <tr><td>if(c, a, b)</td><td>if: (BOOLEAN, T, T)</td><td>T</td><td>[]</td></tr>
 * <tr><td>nullif(a, b)</td><td>if: ((a = b), NULL, a)</td><td>type of a</td><td>[]</td></tr>
 * <tr><td>isnull(x), isnotnull(x)</td><td>resolve to {@code x IS [NOT] NULL}</td><td>BOOLEAN
 *     </td><td></td></tr>
 * <tr><td>round/bround(x[, scale])</td><td>same: (numeric, INT); scale defaults to 0</td>
 *     <td>type of x; DECIMAL(p,s) gives DECIMAL(p-s+1+min(s,scale), min(s,scale))</td>
 *     <td>[Integer scale]</td></tr>
 * <tr><td>abs(x)</td><td>abs: (numeric or interval)</td><td>type of x</td><td>[]</td></tr>
 * <tr><td>ceil/ceiling, floor(x)</td><td>same: (DOUBLE|DECIMAL|BIGINT)</td>
 *     <td>BIGINT; DECIMAL(p,s) gives DECIMAL(p-s+1, 0)</td><td>[]</td></tr>
 * <tr><td>sqrt, exp, ln, log(x), log(base, x)</td><td>sqrt, exp, ln: (DOUBLE); log: (DOUBLE,
 *     DOUBLE)</td><td>DOUBLE</td><td>[]</td></tr>
 * <tr><td>isnan(x)</td><td>isnan: (DOUBLE|FLOAT)</td><td>BOOLEAN not null</td><td>[]</td></tr>
 * <tr><td>shiftleft, shiftright, shiftrightunsigned(x, n)</td><td>same: (INT|BIGINT, INT)</td>
 *     <td>type of x</td><td>[]</td></tr>
 * <tr><td>pow/power(x, y)</td><td>power: (DOUBLE, DOUBLE)</td><td>DOUBLE</td><td>[]</td></tr>
 * <tr><td>greatest/least(a, b, ...)</td><td>same: all of the common type (no string
 *     promotion)</td><td>the common type</td><td>[]</td></tr>
 * <tr><td>struct(a, ...), named_struct('n', a, ...)</td><td>struct: (values)</td>
 *     <td>STRUCT, field names from column names or {@code col1}, {@code col2}...</td><td>[]</td>
 *     </tr>
 * <tr><td>array(a, ...)</td><td>array: all of the common type</td><td>ARRAY</td><td>[]</td></tr>
 * <tr><td>map(k, v, ...)</td><td>map: keys of one type, values of one type</td><td>MAP</td>
 *     <td>[]</td></tr>
 * <tr><td>size(a)</td><td>size: (ARRAY|MAP)</td><td>INT</td>
 *     <td>[Boolean legacySizeOfNull]: true outside ANSI, where size(null) is -1</td></tr>
 * <tr><td>element_at(a, i), element_at(m, k)</td><td>element_at: (ARRAY, INT) or (MAP, key
 *     type)</td><td>element or value type</td><td>[]</td></tr>
 * <tr><td>hash(a, ...)</td><td>hash: (any...)</td><td>INT not null</td>
 *     <td>[Integer seed = 42]</td></tr>
 * <tr><td>md5(x), sha1/sha(x), sha2(x, bits)</td><td>same: (BINARY[, INT])</td><td>STRING</td>
 *     <td>sha2: [Integer bits] when not null</td></tr>
 * </table>
 *
 * <h2>Aggregate functions</h2>
 *
 * <table>
 * <tr><th>called as</th><th>kernel name: args</th><th>result</th><th>params</th></tr>
 * <tr><td>count(*), count(1), count(x, ...), count(DISTINCT x, ...)</td><td>count; {@code *} is
 *     the literal 1</td><td>BIGINT not null</td><td>[]</td></tr>
 * <tr><td>sum(x)</td><td>sum: (numeric or interval; strings cast to DOUBLE)</td><td>integers:
 *     BIGINT; FLOAT/DOUBLE: DOUBLE; DECIMAL(p,s): DECIMAL(min(38,p+10), s)</td><td>[]</td></tr>
 * <tr><td>avg/mean(x)</td><td>avg</td><td>DOUBLE; DECIMAL(p,s): DECIMAL(min(38,p+4),
 *     min(38,s+4))</td><td>[]</td></tr>
 * <tr><td>min, max(x)</td><td>same</td><td>type of x (orderable)</td><td>[]</td></tr>
 * <tr><td>first/first_value/any_value, last/last_value(x[, ignoreNulls])</td><td>first, last: (x)</td>
 *     <td>type of x</td><td>[Boolean ignoreNulls]</td></tr>
 * <tr><td>approx_count_distinct(x[, rsd])</td><td>approx_count_distinct: (x)</td>
 *     <td>BIGINT not null</td><td>[Double rsd], default 0.05</td></tr>
 * <tr><td>collect_list, collect_set(x)</td><td>same: (x)</td>
 *     <td>ARRAY of x's type, no null elements, not null</td><td>[]</td></tr>
 * </table>
 */
final class FunctionRegistry {
  /** Spark's default pattern for unix_timestamp and from_unixtime. */
  static final String DEFAULT_TIME_FORMAT = "yyyy-MM-dd HH:mm:ss";

  /** Builds the resolved call from a call whose arguments are resolved. */
  interface Builder {
    Expr build(FunctionCall call);
  }

  /** A registered function: argument count bounds ({@code -1} for any) and its builder. */
  record Spec(String name, int minArgs, int maxArgs, boolean aggregate, Builder builder) {
    String expectedArgs() {
      if (maxArgs < 0) {
        return "> " + (minArgs - 1);
      }
      if (minArgs == maxArgs) {
        return Integer.toString(minArgs);
      }
      List<String> counts = new ArrayList<>();
      for (int i = minArgs; i <= maxArgs; i++) {
        counts.add(Integer.toString(i));
      }
      return "[" + String.join(", ", counts) + "]";
    }
  }

  private static final Map<String, Spec> FUNCTIONS = new HashMap<>();

  static {
    registerJsonAndDatetime();
    registerStrings();
    registerConditionals();
    registerMath();
    registerCollections();
    registerAggregates();
  }

  private FunctionRegistry() {}

  /** The function called {@code name} (any case), or null. */
  static Spec lookup(String name) {
    return FUNCTIONS.get(name.toLowerCase(Locale.ROOT));
  }

  /** The registered names nearest to {@code name}, for an unknown-function error. */
  static List<String> suggestions(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    List<String> names = new ArrayList<>(FUNCTIONS.keySet());
    Collections.sort(names);
    names.sort(Comparator.comparingInt(n -> NameResolver.levenshtein(n, lower)));
    List<String> out = new ArrayList<>();
    for (String n : names.subList(0, Math.min(5, names.size()))) {
      out.add(AnalysisErrors.toSqlId(n));
    }
    return out;
  }

  private static void register(String name, int min, int max, Builder b) {
    FUNCTIONS.put(name, new Spec(name, min, max, false, b));
  }

  private static void registerAggregate(String name, int min, int max, Builder b) {
    FUNCTIONS.put(name, new Spec(name, min, max, true, b));
  }

  // ---------------------------------------------------------------------------------------------

  private static void registerJsonAndDatetime() {
    register("from_json", 2, 3, FunctionRegistry::fromJson);
    register(
        "to_json",
        1,
        2,
        c -> {
          DataType t = c.type(0);
          if (!(t instanceof StructType || t instanceof ArrayType || t instanceof MapType)) {
            throw AnalysisErrors.unexpectedInputType(
                c.asExpr(), 0, "(\"STRUCT\" or \"ARRAY\" or \"MAP\")", c.arg(0));
          }
          Map<String, String> options = c.size() > 1 ? options(c, 1) : Map.of();
          return c.scalar(
              "to_json", List.of(c.arg(0)), DataTypes.StringType, c.nullable(0), List.of(options));
        });
    register(
        "get_json_object",
        2,
        2,
        c -> {
          c.expect(0, ExpectedType.STRING);
          c.expect(1, ExpectedType.STRING);
          return c.scalar("get_json_object", DataTypes.StringType, true, formatParam(c, 1));
        });
    register("to_timestamp", 1, 2, c -> parseDatetime(c, "to_timestamp", DataTypes.TimestampType));
    register("to_date", 1, 2, c -> parseDatetime(c, "to_date", DataTypes.DateType));
    register(
        "date_format",
        2,
        2,
        c -> {
          c.expect(0, ExpectedType.TIMESTAMP);
          c.expect(1, ExpectedType.STRING);
          return c.scalar("date_format", DataTypes.StringType, true, formatParam(c, 1));
        });
    register("current_timestamp", 0, 0, c -> currentTimestamp(c));
    register("now", 0, 0, c -> currentTimestamp(c));
    register(
        "current_date",
        0,
        0,
        c -> c.scalar("current_date", List.of(), DataTypes.DateType, false, List.of()));
    register(
        "unix_timestamp",
        0,
        2,
        c -> {
          List<Expr> args = new ArrayList<>(c.args());
          if (args.isEmpty()) {
            args.add(
                new ScalarCall(
                    "current_timestamp", List.of(), DataTypes.TimestampType, false, List.of()));
          }
          if (args.size() < 2) {
            args.add(Literal.of(DEFAULT_TIME_FORMAT));
          }
          FunctionCall full = c.withArgs(args);
          full.expect(
              0,
              ExpectedType.oneOf(ExpectedType.STRING, ExpectedType.DATE, ExpectedType.TIMESTAMP));
          full.expect(1, ExpectedType.STRING);
          return full.scalar("unix_timestamp", DataTypes.LongType, true, formatParam(full, 1));
        });
    register(
        "from_unixtime",
        1,
        2,
        c -> {
          FunctionCall full =
              c.size() == 1 ? c.withArgs(List.of(c.arg(0), Literal.of(DEFAULT_TIME_FORMAT))) : c;
          full.expect(0, ExpectedType.LONG);
          full.expect(1, ExpectedType.STRING);
          return full.scalar("from_unixtime", DataTypes.StringType, true, formatParam(full, 1));
        });
    register(
        "timestamp_seconds",
        1,
        1,
        c -> {
          c.expect(0, ExpectedType.NUMERIC);
          return c.scalar("timestamp_seconds", DataTypes.TimestampType, c.nullable(0), List.of());
        });
    for (String f : List.of("year", "month", "dayofmonth")) {
      register(f, 1, 1, c -> dateField(c, f));
    }
    register("day", 1, 1, c -> dateField(c, "dayofmonth"));
    for (String f : List.of("hour", "minute", "second")) {
      register(
          f,
          1,
          1,
          c -> {
            c.expect(0, ExpectedType.TIMESTAMP);
            return c.scalar(f, DataTypes.IntegerType, c.nullable(0), List.of());
          });
    }
    for (String f : List.of("date_add", "date_sub")) {
      register(f, 2, 2, c -> dateAdd(c, f));
    }
    for (String n : List.of("extract", "date_part")) {
      register(
          n,
          2,
          2,
          c -> {
            Object field = c.constant(0, "field", ExpectedType.STRING);
            String kernel = extractField(String.valueOf(field));
            if (kernel == null) {
              throw AnalysisErrors.invalidExtractDatetimeField(String.valueOf(field), c.arg(1));
            }
            FunctionCall source = c.withArgs(List.of(c.arg(1)));
            if (kernel.equals("hour") || kernel.equals("minute")) {
              source.expect(0, ExpectedType.TIMESTAMP);
            } else {
              dateArg(source, 0);
            }
            ScalarCall call =
                new ScalarCall(
                    kernel, source.args(), DataTypes.IntegerType, source.nullable(0), List.of());
            return c.named(call, kernel);
          });
    }
    register(
        "datediff",
        2,
        2,
        c -> {
          dateArg(c, 0);
          dateArg(c, 1);
          return c.scalar("datediff", DataTypes.IntegerType, c.anyNullable(), List.of());
        });
  }

  /**
   * The kernel for an EXTRACT field, by Spark's field names and abbreviations; SECOND (a decimal
   * with the fraction in Spark) and the week-based fields are not supported yet.
   */
  private static String extractField(String field) {
    return switch (field.toUpperCase(Locale.ROOT)) {
      case "YEAR", "Y", "YEARS", "YR", "YRS" -> "year";
      case "MONTH", "MON", "MONS", "MONTHS" -> "month";
      case "DAY", "D", "DAYS" -> "dayofmonth";
      case "HOUR", "H", "HOURS", "HR", "HRS" -> "hour";
      case "MINUTE", "M", "MIN", "MINS", "MINUTES" -> "minute";
      default -> null;
    };
  }

  private static Expr currentTimestamp(FunctionCall c) {
    return c.scalar("current_timestamp", List.of(), DataTypes.TimestampType, false, List.of());
  }

  private static Expr fromJson(FunctionCall c) {
    c.expect(0, ExpectedType.STRING);
    Literal schemaLit = FunctionCall.asLiteral(c.arg(1));
    if (schemaLit == null || !(schemaLit.value() instanceof String ddl)) {
      throw AnalysisErrors.nonFoldableInput(c.asExpr(), "schema", "\"STRING\"", c.arg(1));
    }
    DataType schema = parseSchema(ddl);
    Map<String, String> options = c.size() > 2 ? options(c, 2) : Map.of();
    return c.scalar("from_json", List.of(c.arg(0)), schema, true, List.of(schema, options));
  }

  /** Parses a from_json schema: a DDL column list, or a type such as {@code array<int>}. */
  static DataType parseSchema(String ddl) {
    String trimmed = ddl.trim();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    try {
      if (lower.startsWith("array<") || lower.startsWith("map<")) {
        return io.tideline.internal.sql.DataTypeParser.parseType(trimmed);
      }
      return StructType.fromDDL(trimmed);
    } catch (IllegalArgumentException e) {
      throw AnalysisErrors.invalidSchema(ddl, e.getMessage());
    }
  }

  /** Options given as {@code map('k', 'v', ...)} of string literals. */
  private static Map<String, String> options(FunctionCall c, int i) {
    Expr e = c.arg(i);
    Map<String, String> out = new LinkedHashMap<>();
    if (e instanceof ScalarCall m && m.name().equals("map")) {
      for (int k = 0; k + 1 < m.args().size(); k += 2) {
        Literal key = FunctionCall.asLiteral(m.args().get(k));
        Literal value = FunctionCall.asLiteral(m.args().get(k + 1));
        if (key == null || value == null || !(key.value() instanceof String)) {
          throw AnalysisErrors.invalidOptions(c.name(), "keys and values must be literals");
        }
        out.put((String) key.value(), value.value() == null ? null : value.value().toString());
      }
      return out;
    }
    Literal l = FunctionCall.asLiteral(e);
    if (l != null && l.value() instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> en : m.entrySet()) {
        out.put(String.valueOf(en.getKey()), String.valueOf(en.getValue()));
      }
      return out;
    }
    throw AnalysisErrors.invalidOptions(c.name(), "got " + OutputNames.pretty(e));
  }

  /** The literal at argument {@code i} as the only param, or no params when not a literal. */
  private static List<Object> formatParam(FunctionCall c, int i) {
    Literal l = FunctionCall.asLiteral(c.arg(i));
    return l == null || l.value() == null ? List.of() : List.of(l.value());
  }

  private static Expr parseDatetime(FunctionCall c, String kernel, DataType result) {
    if (TypeCoercion.isString(c.type(0)) || TypeCoercion.isNull(c.type(0))) {
      c.expect(0, ExpectedType.STRING);
    } else if (!(TypeCoercion.isDatetime(c.type(0))
        || (result.equals(DataTypes.TimestampType) && c.type(0).isNumeric()))) {
      throw AnalysisErrors.unexpectedInputType(
          c.asExpr(), 0, "(\"STRING\" or \"DATE\" or \"TIMESTAMP\")", c.arg(0));
    }
    List<Object> params = List.of();
    if (c.size() > 1) {
      c.expect(1, ExpectedType.STRING);
      params = formatParam(c, 1);
    }
    return c.scalar(kernel, result, true, params);
  }

  private static Expr dateField(FunctionCall c, String kernel) {
    dateArg(c, 0);
    return c.scalar(kernel, DataTypes.IntegerType, c.nullable(0), List.of());
  }

  /** A DATE argument; timestamps cast to DATE as Spark's GetDateFieldOperations rule does. */
  private static void dateArg(FunctionCall c, int i) {
    if (TypeCoercion.is(c.type(i), io.tideline.types.AtomicType.Kind.TIMESTAMP)) {
      c.castArg(i, DataTypes.DateType);
    } else {
      c.expect(i, ExpectedType.DATE);
    }
  }

  static Expr dateAdd(FunctionCall c, String kernel) {
    dateArg(c, 0);
    c.expect(
        1,
        ExpectedType.oneOf(
            ExpectedType.INT,
            ExpectedType.of(DataTypes.ShortType),
            ExpectedType.of(DataTypes.ByteType)));
    return c.scalar(kernel, DataTypes.DateType, c.anyNullable(), List.of());
  }

  // ---------------------------------------------------------------------------------------------

  private static void registerStrings() {
    for (String[] n :
        new String[][] {
          {"upper", "upper"}, {"ucase", "upper"}, {"lower", "lower"}, {"lcase", "lower"}
        }) {
      register(
          n[0],
          1,
          1,
          c -> {
            c.expect(0, ExpectedType.STRING);
            return c.scalar(n[1], DataTypes.StringType, c.nullable(0), List.of());
          });
    }
    for (String n : List.of("length", "char_length", "character_length")) {
      register(
          n,
          1,
          1,
          c -> {
            c.expect(0, ExpectedType.oneOf(ExpectedType.STRING, ExpectedType.BINARY));
            return c.scalar("length", DataTypes.IntegerType, c.nullable(0), List.of());
          });
    }
    for (String n : List.of("substring", "substr")) {
      register(
          n,
          2,
          3,
          c -> {
            FunctionCall full =
                c.size() == 2
                    ? c.withArgs(List.of(c.arg(0), c.arg(1), Literal.of(Integer.MAX_VALUE)))
                    : c;
            Expr s = full.expect(0, ExpectedType.oneOf(ExpectedType.STRING, ExpectedType.BINARY));
            full.expect(1, ExpectedType.INT);
            full.expect(2, ExpectedType.INT);
            return full.scalar("substring", s.dataType(), full.anyNullable(), List.of());
          });
    }
    register("concat", 0, -1, FunctionRegistry::concat);
    register(
        "concat_ws",
        1,
        -1,
        c -> {
          c.expect(0, ExpectedType.STRING);
          for (int i = 1; i < c.size(); i++) {
            if (!(c.type(i) instanceof ArrayType)) {
              c.expect(i, ExpectedType.STRING);
            } else {
              c.expect(i, ExpectedType.of(new ArrayType(DataTypes.StringType, true)));
            }
          }
          return c.scalar("concat_ws", DataTypes.StringType, c.nullable(0), List.of());
        });
    for (String n : List.of("trim", "ltrim", "rtrim")) {
      register(
          n,
          1,
          2,
          c -> {
            // SQL's two-argument form is trim(trimStr, str); the kernel takes (str, trimStr).
            FunctionCall full = c.size() == 2 ? c.withArgs(List.of(c.arg(1), c.arg(0))) : c;
            for (int i = 0; i < full.size(); i++) {
              full.expect(i, ExpectedType.STRING);
            }
            return full.scalar(n, DataTypes.StringType, full.anyNullable(), List.of());
          });
    }
    for (String n : List.of("lpad", "rpad")) {
      register(
          n,
          2,
          3,
          c -> {
            FunctionCall full =
                c.size() == 2 ? c.withArgs(List.of(c.arg(0), c.arg(1), Literal.of(" "))) : c;
            full.expect(0, ExpectedType.STRING);
            full.expect(1, ExpectedType.INT);
            full.expect(2, ExpectedType.STRING);
            return full.scalar(n, DataTypes.StringType, full.anyNullable(), List.of());
          });
    }
    register(
        "replace",
        2,
        3,
        c -> {
          FunctionCall full =
              c.size() == 2 ? c.withArgs(List.of(c.arg(0), c.arg(1), Literal.of(""))) : c;
          for (int i = 0; i < 3; i++) {
            full.expect(i, ExpectedType.STRING);
          }
          return full.scalar("replace", DataTypes.StringType, full.anyNullable(), List.of());
        });
    register(
        "split",
        2,
        3,
        c -> {
          FunctionCall full =
              c.size() == 2 ? c.withArgs(List.of(c.arg(0), c.arg(1), Literal.of(-1))) : c;
          full.expect(0, ExpectedType.STRING);
          full.expect(1, ExpectedType.STRING);
          full.expect(2, ExpectedType.INT);
          return full.scalar(
              "split", new ArrayType(DataTypes.StringType, false), full.anyNullable(), List.of());
        });
    register(
        "regexp_replace",
        3,
        4,
        c -> {
          FunctionCall full =
              c.size() == 3 ? c.withArgs(List.of(c.arg(0), c.arg(1), c.arg(2), Literal.of(1))) : c;
          full.expect(0, ExpectedType.STRING);
          full.expect(1, ExpectedType.STRING);
          full.expect(2, ExpectedType.STRING);
          full.expect(3, ExpectedType.INT);
          return full.scalar("regexp_replace", DataTypes.StringType, full.anyNullable(), List.of());
        });
    register(
        "regexp_extract",
        2,
        3,
        c -> {
          FunctionCall full =
              c.size() == 2 ? c.withArgs(List.of(c.arg(0), c.arg(1), Literal.of(1))) : c;
          full.expect(0, ExpectedType.STRING);
          full.expect(1, ExpectedType.STRING);
          full.expect(2, ExpectedType.INT);
          return full.scalar("regexp_extract", DataTypes.StringType, full.anyNullable(), List.of());
        });
    register(
        "btrim",
        1,
        2,
        c -> {
          // btrim takes (str, trimStr), unlike SQL's two-argument trim(trimStr, str).
          for (int i = 0; i < c.size(); i++) {
            c.expect(i, ExpectedType.STRING);
          }
          return c.scalar("trim", DataTypes.StringType, c.anyNullable(), List.of());
        });
    for (String n : List.of("contains", "startswith", "endswith")) {
      register(
          n,
          2,
          2,
          c -> {
            c.expect(0, ExpectedType.STRING);
            c.expect(1, ExpectedType.STRING);
            return c.scalar(n, DataTypes.BooleanType, c.anyNullable(), List.of());
          });
    }
    for (String n : List.of("position", "locate")) {
      register(
          n,
          2,
          2,
          c -> {
            // position(substr, str) is instr(str, substr); the start position form is not
            // supported yet.
            FunctionCall swapped = c.withArgs(List.of(c.arg(1), c.arg(0)));
            swapped.expect(0, ExpectedType.STRING);
            swapped.expect(1, ExpectedType.STRING);
            return c.named(
                new ScalarCall(
                    "instr",
                    swapped.args(),
                    DataTypes.IntegerType,
                    swapped.anyNullable(),
                    List.of()),
                "instr");
          });
    }
    register(
        "instr",
        2,
        2,
        c -> {
          c.expect(0, ExpectedType.STRING);
          c.expect(1, ExpectedType.STRING);
          return c.scalar("instr", DataTypes.IntegerType, c.anyNullable(), List.of());
        });
  }

  private static Expr concat(FunctionCall c) {
    boolean allArrays = c.size() > 0;
    boolean allBinary = c.size() > 0;
    for (int i = 0; i < c.size(); i++) {
      allArrays &= c.type(i) instanceof ArrayType;
      allBinary &= TypeCoercion.is(c.type(i), io.tideline.types.AtomicType.Kind.BINARY);
    }
    if (allArrays) {
      DataType common = commonType(c, "concat", false);
      return c.scalar("concat", common, c.anyNullable(), List.of());
    }
    if (!allBinary) {
      for (int i = 0; i < c.size(); i++) {
        c.expect(i, ExpectedType.STRING);
      }
    }
    return c.scalar(
        "concat",
        allBinary ? DataTypes.BinaryType : DataTypes.StringType,
        c.anyNullable(),
        List.of());
  }

  /** Casts every argument to their wider common type, or fails with DATA_DIFF_TYPES. */
  static DataType commonType(FunctionCall c, String functionName, boolean withoutStringPromotion) {
    List<DataType> types = new ArrayList<>();
    for (Expr a : c.args()) {
      types.add(a.dataType());
    }
    DataType common =
        withoutStringPromotion
            ? c.coercion().findWiderTypeWithoutStringPromotion(types)
            : c.coercion().findWiderCommonType(types);
    if (common == null) {
      throw AnalysisErrors.dataDiffTypes(c.asExpr(), functionName, types);
    }
    for (int i = 0; i < c.size(); i++) {
      c.castArg(i, common);
    }
    return common;
  }

  // ---------------------------------------------------------------------------------------------

  private static void registerConditionals() {
    register(
        "coalesce",
        1,
        -1,
        c -> {
          DataType t = commonType(c, "coalesce", false);
          return c.scalar("coalesce", t, allNullable(c), List.of());
        });
    for (String n : List.of("nvl", "ifnull")) {
      register(
          n,
          2,
          2,
          c -> {
            DataType t = commonType(c, n, false);
            return c.scalar("coalesce", t, allNullable(c), List.of());
          });
    }
    register(
        "if",
        3,
        3,
        c -> {
          if (!TypeCoercion.is(c.type(0), io.tideline.types.AtomicType.Kind.BOOLEAN)) {
            if (!TypeCoercion.isNull(c.type(0))) {
              throw AnalysisErrors.unexpectedInputType(c.asExpr(), 0, "\"BOOLEAN\"", c.arg(0));
            }
            c.castArg(0, DataTypes.BooleanType);
          }
          FunctionCall branches = c.withArgs(List.of(c.arg(1), c.arg(2)));
          DataType t = commonType(branches, "if", false);
          return c.scalar(
              "if",
              List.of(c.arg(0), branches.arg(0), branches.arg(1)),
              t,
              branches.anyNullable(),
              List.of());
        });
    register(
        "nullif",
        2,
        2,
        c -> {
          Expr a = c.arg(0);
          Expr eq = OperatorCoercion.of(c.coercion()).binary(BinaryOperator.EQ, a, c.arg(1));
          ScalarCall call =
              new ScalarCall(
                  "if",
                  List.of(eq, new Literal(null, a.dataType()), a),
                  a.dataType(),
                  true,
                  List.of());
          return c.named(call, "if");
        });
    register("isnull", 1, 1, c -> new UnaryOp(UnaryOperator.IS_NULL, c.arg(0)));
    register("isnotnull", 1, 1, c -> new UnaryOp(UnaryOperator.IS_NOT_NULL, c.arg(0)));
  }

  private static boolean allNullable(FunctionCall c) {
    for (Expr a : c.args()) {
      if (!a.nullable()) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------

  private static void registerMath() {
    for (String n : List.of("round", "bround")) {
      register(n, 1, 2, c -> round(c, n));
    }
    register(
        "abs",
        1,
        1,
        c -> {
          if (!TypeCoercion.isInterval(c.type(0))) {
            c.expect(0, ExpectedType.NUMERIC);
          }
          return c.scalar("abs", c.type(0), c.nullable(0), List.of());
        });
    for (String[] n : new String[][] {{"ceil", "ceil"}, {"ceiling", "ceil"}, {"floor", "floor"}}) {
      register(
          n[0],
          1,
          1,
          c -> {
            Expr x =
                c.expect(
                    0,
                    ExpectedType.oneOf(
                        ExpectedType.DOUBLE, ExpectedType.DECIMAL, ExpectedType.LONG));
            DataType t = DataTypes.LongType;
            if (x.dataType() instanceof DecimalType d) {
              t = d.scale() == 0 ? d : TypeRules.boundedDecimal(d.precision() - d.scale() + 1, 0);
            }
            return c.scalar(n[1], t, c.nullable(0), List.of());
          });
    }
    for (String n : List.of("sqrt", "exp", "ln")) {
      register(n, 1, 1, c -> doubleFunction(c, n));
    }
    register("log", 1, 2, c -> c.size() == 1 ? doubleFunction(c, "ln") : doubleFunction(c, "log"));
    for (String n : List.of("pow", "power")) {
      register(n, 2, 2, c -> doubleFunction(c, "power"));
    }
    register(
        "isnan",
        1,
        1,
        c -> {
          if (!TypeCoercion.is(c.type(0), io.tideline.types.AtomicType.Kind.FLOAT)) {
            c.expect(0, ExpectedType.DOUBLE);
          }
          return c.scalar("isnan", DataTypes.BooleanType, false, List.of());
        });
    for (String n : List.of("shiftleft", "shiftright", "shiftrightunsigned")) {
      register(
          n,
          2,
          2,
          c -> {
            Expr base = c.expect(0, ExpectedType.oneOf(ExpectedType.INT, ExpectedType.LONG));
            c.expect(1, ExpectedType.INT);
            return c.scalar(n, base.dataType(), c.anyNullable(), List.of());
          });
    }
    for (String n : List.of("greatest", "least")) {
      register(
          n,
          2,
          -1,
          c -> {
            DataType t = commonType(c, n, true);
            if (!TypeCoercion.isOrderable(t)) {
              throw AnalysisErrors.invalidOrderingType(c.asExpr(), n, t);
            }
            return c.scalar(n, t, allNullable(c), List.of());
          });
    }
  }

  private static Expr doubleFunction(FunctionCall c, String kernel) {
    for (int i = 0; i < c.size(); i++) {
      c.expect(i, ExpectedType.DOUBLE);
    }
    return c.scalar(kernel, DataTypes.DoubleType, c.anyNullable(), List.of());
  }

  private static Expr round(FunctionCall c, String kernel) {
    FunctionCall full = c.size() == 1 ? c.withArgs(List.of(c.arg(0), Literal.of(0))) : c;
    Expr x = full.expect(0, ExpectedType.NUMERIC);
    full.expect(1, ExpectedType.INT);
    Object scaleValue = full.constant(1, "scale", ExpectedType.INT);
    int scale = scaleValue == null ? 0 : ((Number) scaleValue).intValue();
    DataType t = x.dataType();
    if (t instanceof DecimalType d) {
      int integral = d.precision() - d.scale() + 1;
      if (scale < 0) {
        t =
            DataTypes.createDecimalType(
                Math.min(Math.max(integral, -scale + 1), DecimalType.MAX_PRECISION), 0);
      } else {
        int newScale = Math.min(d.scale(), scale);
        t =
            DataTypes.createDecimalType(
                Math.min(integral + newScale, DecimalType.MAX_PRECISION), newScale);
      }
    }
    return full.scalar(kernel, t, full.anyNullable(), List.of(scale));
  }

  // ---------------------------------------------------------------------------------------------

  private static void registerCollections() {
    register(
        "struct",
        0,
        -1,
        c -> {
          List<StructField> fields = new ArrayList<>();
          for (int i = 0; i < c.size(); i++) {
            fields.add(new StructField(fieldName(c.rawArgs().get(i), i), c.type(i), c.nullable(i)));
          }
          return c.scalar("struct", new StructType(fields), false, List.of());
        });
    register(
        "named_struct",
        0,
        -1,
        c -> {
          if (c.size() % 2 != 0) {
            throw AnalysisErrors.wrongNumArgs("named_struct", "2n (n > 0)", c.size());
          }
          List<StructField> fields = new ArrayList<>();
          List<Expr> values = new ArrayList<>();
          List<Expr> badNames = new ArrayList<>();
          for (int i = 0; i < c.size(); i += 2) {
            Literal name = FunctionCall.asLiteral(c.arg(i));
            if (name == null || !(name.value() instanceof String s)) {
              badNames.add(c.arg(i));
              continue;
            }
            fields.add(new StructField(s, c.type(i + 1), c.nullable(i + 1)));
            values.add(c.arg(i + 1));
          }
          if (!badNames.isEmpty()) {
            throw AnalysisErrors.namedStructNeedsFoldableNames(c.asExpr(), badNames);
          }
          return c.scalar("struct", values, new StructType(fields), false, List.of());
        });
    register(
        "array",
        0,
        -1,
        c -> {
          DataType element = c.size() == 0 ? DataTypes.NullType : commonType(c, "array", false);
          return c.scalar("array", new ArrayType(element, c.anyNullable()), false, List.of());
        });
    register("map", 0, -1, FunctionRegistry::createMap);
    register(
        "size",
        1,
        1,
        c -> {
          if (!(c.type(0) instanceof ArrayType || c.type(0) instanceof MapType)) {
            throw AnalysisErrors.unexpectedInputType(
                c.asExpr(), 0, "(\"ARRAY\" or \"MAP\")", c.arg(0));
          }
          boolean legacySizeOfNull = !c.ansi();
          return c.scalar(
              "size",
              DataTypes.IntegerType,
              !legacySizeOfNull && c.nullable(0),
              List.of(legacySizeOfNull));
        });
    register(
        "element_at",
        2,
        2,
        c -> {
          if (c.type(0) instanceof ArrayType a) {
            c.expect(1, ExpectedType.INT);
            return c.scalar("element_at", a.elementType(), true, List.of());
          }
          if (c.type(0) instanceof MapType m) {
            c.expect(1, ExpectedType.of(m.keyType()));
            return c.scalar("element_at", m.valueType(), true, List.of());
          }
          throw AnalysisErrors.unexpectedInputType(
              c.asExpr(), 0, "(\"ARRAY\" or \"MAP\")", c.arg(0));
        });
    register("hash", 1, -1, c -> c.scalar("hash", DataTypes.IntegerType, false, List.of(42)));
    register(
        "md5",
        1,
        1,
        c -> {
          c.expect(0, ExpectedType.BINARY);
          return c.scalar("md5", DataTypes.StringType, c.nullable(0), List.of());
        });
    for (String n : List.of("sha1", "sha")) {
      register(
          n,
          1,
          1,
          c -> {
            c.expect(0, ExpectedType.BINARY);
            return c.scalar("sha1", DataTypes.StringType, c.nullable(0), List.of());
          });
    }
    register(
        "sha2",
        2,
        2,
        c -> {
          c.expect(0, ExpectedType.BINARY);
          c.expect(1, ExpectedType.INT);
          c.constant(1, "bitLength", ExpectedType.INT);
          return c.scalar("sha2", DataTypes.StringType, true, formatParam(c, 1));
        });
  }

  /** Spark's CreateStruct naming: a column's or alias's name, a field's name, else colN. */
  private static String fieldName(Expr raw, int index) {
    if (raw instanceof io.tideline.internal.expr.Alias a) {
      return a.name();
    }
    if (raw instanceof Attribute a) {
      return a.name();
    }
    if (raw instanceof GetStructField g) {
      return g.name();
    }
    return "col" + (index + 1);
  }

  private static Expr createMap(FunctionCall c) {
    if (c.size() % 2 != 0) {
      throw AnalysisErrors.wrongNumArgs("map", "2n (n >= 0)", c.size());
    }
    List<Expr> keys = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    for (int i = 0; i < c.size(); i += 2) {
      keys.add(c.arg(i));
      values.add(c.arg(i + 1));
    }
    FunctionCall k = c.withArgs(keys);
    FunctionCall v = c.withArgs(values);
    DataType kt = keys.isEmpty() ? DataTypes.NullType : commonType(k, "map", false);
    DataType vt = values.isEmpty() ? DataTypes.NullType : commonType(v, "map", false);
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      args.add(k.arg(i));
      args.add(v.arg(i));
    }
    return c.scalar("map", args, new MapType(kt, vt, v.anyNullable()), false, List.of());
  }

  // ---------------------------------------------------------------------------------------------

  private static void registerAggregates() {
    registerAggregate(
        "count", 1, -1, c -> c.aggregate("count", c.args(), DataTypes.LongType, false, List.of()));
    registerAggregate("sum", 1, 1, FunctionRegistry::sum);
    for (String n : List.of("avg", "mean")) {
      registerAggregate(n, 1, 1, c -> avg(c));
    }
    for (String n : List.of("min", "max")) {
      registerAggregate(
          n,
          1,
          1,
          c -> {
            if (!TypeCoercion.isOrderable(c.type(0))) {
              throw AnalysisErrors.invalidOrderingType(c.asExpr(), n, c.type(0));
            }
            return c.aggregate(n, c.args(), c.type(0), true, List.of());
          });
    }
    for (String[] n :
        new String[][] {
          {"first", "first"},
          {"first_value", "first"},
          {"any_value", "first"},
          {"last", "last"},
          {"last_value", "last"}
        }) {
      registerAggregate(
          n[0],
          1,
          2,
          c -> {
            boolean ignoreNulls = false;
            if (c.size() == 2) {
              c.expect(1, ExpectedType.BOOLEAN);
              Object v = c.constant(1, "ignoreNulls", ExpectedType.BOOLEAN);
              ignoreNulls = Boolean.TRUE.equals(v);
            }
            return c.aggregate(n[1], List.of(c.arg(0)), c.type(0), true, List.of(ignoreNulls));
          });
    }
    registerAggregate(
        "approx_count_distinct",
        1,
        2,
        c -> {
          double rsd = 0.05;
          if (c.size() == 2) {
            c.expect(1, ExpectedType.DOUBLE);
            Object v = c.constant(1, "rsd", ExpectedType.DOUBLE);
            rsd = v == null ? rsd : ((Number) v).doubleValue();
          }
          return c.aggregate(
              "approx_count_distinct", List.of(c.arg(0)), DataTypes.LongType, false, List.of(rsd));
        });
    for (String n : List.of("collect_list", "collect_set")) {
      registerAggregate(
          n,
          1,
          1,
          c -> c.aggregate(n, c.args(), new ArrayType(c.type(0), false), false, List.of()));
    }
  }

  private static Expr sum(FunctionCall c) {
    DataType t = c.type(0);
    if (!TypeCoercion.isInterval(t)) {
      t = c.expect(0, ExpectedType.NUMERIC).dataType();
    }
    DataType result;
    if (t instanceof DecimalType d) {
      result = TypeRules.boundedDecimal(d.precision() + 10, d.scale());
    } else if (TypeCoercion.isIntegral(t)) {
      result = DataTypes.LongType;
    } else if (TypeCoercion.isInterval(t)) {
      result = t;
    } else {
      result = DataTypes.DoubleType;
    }
    return c.aggregate("sum", c.args(), result, true, List.of());
  }

  private static Expr avg(FunctionCall c) {
    DataType t = c.type(0);
    if (!TypeCoercion.isInterval(t)) {
      t = c.expect(0, ExpectedType.NUMERIC).dataType();
    }
    DataType result;
    if (t instanceof DecimalType d) {
      result = TypeRules.boundedDecimal(d.precision() + 4, d.scale() + 4);
    } else if (TypeCoercion.isInterval(t)) {
      result = t;
    } else {
      result = DataTypes.DoubleType;
    }
    return c.aggregate("avg", c.args(), result, true, List.of());
  }
}
