package io.tideline.internal.analysis;

import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.ScalarCall;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
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
 * <tr><td>window(time, duration[, slide[, start]])</td><td>window: (TIMESTAMP)</td>
 *     <td>STRUCT&lt;start: TIMESTAMP, end: TIMESTAMP&gt;, named {@code window}</td>
 *     <td>[Long windowMicros, Long slideMicros, Long startMicros]; {@code TimeWindowing}
 *     replaces the call by a {@code TimeWindowAssign} node's column</td></tr>
 * <tr><td>window_time(window)</td><td>window_time: (STRUCT&lt;start, end&gt;)</td>
 *     <td>TIMESTAMP: {@code end} minus one microsecond</td><td>[]; {@code window} and {@code
 *     session_window} of a window column resolve their time to this call</td></tr>
 * <tr><td>session_window(time, gap)</td><td>session_window: (TIMESTAMP[, STRING gap])</td>
 *     <td>STRUCT&lt;start: TIMESTAMP, end: TIMESTAMP&gt;, named {@code session_window}</td>
 *     <td>[Long gapMicros], or [] when the gap is the second argument;
 *     {@code TimeWindowing} replaces the call by a {@code SessionWindowAssign} node's
 *     column</td></tr>
 * <tr><td>year, month, dayofmonth/day</td><td>same: (DATE)</td><td>INT</td><td>[]</td></tr>
 * <tr><td>hour, minute, second</td><td>same: (TIMESTAMP)</td><td>INT</td><td>[]</td></tr>
 * <tr><td>date_add(d, n), date_sub(d, n)</td><td>same: (DATE, INT)</td><td>DATE</td>
 *     <td>[]</td></tr>
 * <tr><td>extract(field FROM x), date_part(field, x)</td><td>year, month, dayofmonth, hour,
 *     minute: (DATE or TIMESTAMP)</td><td>INT</td><td>[]</td></tr>
 * <tr><td>datediff(end, start)</td><td>datediff: (DATE, DATE)</td><td>INT</td><td>[]</td></tr>
 * <tr><td>dayofweek, quarter, weekofyear</td><td>same: (DATE; timestamps cast)</td><td>INT</td>
 *     <td>[]</td></tr>
 * <tr><td>last_day(d)</td><td>last_day: (DATE)</td><td>DATE</td><td>[]</td></tr>
 * <tr><td>add_months(d, n)</td><td>add_months: (DATE, INT)</td><td>DATE</td><td>[]</td></tr>
 * <tr><td>trunc(d, fmt)</td><td>trunc: (DATE, STRING)</td><td>DATE, null for an unknown fmt</td>
 *     <td>[]</td></tr>
 * <tr><td>date_trunc(fmt, ts)</td><td>date_trunc: (STRING, TIMESTAMP)</td>
 *     <td>TIMESTAMP, null for an unknown fmt</td><td>[]</td></tr>
 * <tr><td>make_date(y, m, d)</td><td>make_date: (INT, INT, INT)</td><td>DATE</td><td>[]</td></tr>
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
 * <tr><td>initcap, reverse(s)</td><td>same: (STRING)</td><td>STRING</td><td>[]</td></tr>
 * <tr><td>octet_length(s)</td><td>octet_length: (STRING|BINARY)</td><td>INT</td><td>[]</td></tr>
 * <tr><td>left, right, repeat(s, n)</td><td>same: (STRING, INT)</td><td>STRING</td><td>[]</td>
 *     </tr>
 * <tr><td>translate(s, from, to)</td><td>translate: (STRING, STRING, STRING)</td><td>STRING</td>
 *     <td>[]</td></tr>
 * <tr><td>nvl2(x, a, b)</td><td>nvl2: (x, T, T)</td><td>T</td><td>[]</td></tr>
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
 * <tr><td>log10(x), sign/signum(x)</td><td>log10, signum: (DOUBLE)</td><td>DOUBLE</td>
 *     <td>[]</td></tr>
 * <tr><td>pmod, try_add, try_divide(a, b)</td><td>same: typed as {@code %}, {@code +}, {@code /}
 *     type them</td><td>the operator's result type</td><td>[]</td></tr>
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
    JsonFunctions.registerAll();
    DatetimeFunctions.registerAll();
    StringFunctions.registerAll();
    ConditionalFunctions.registerAll();
    MathFunctions.registerAll();
    CollectionFunctions.registerAll();
    AggregateFunctions.registerAll();
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

  static void register(String name, int min, int max, Builder b) {
    FUNCTIONS.put(name, new Spec(name, min, max, false, b));
  }

  static void registerAggregate(String name, int min, int max, Builder b) {
    FUNCTIONS.put(name, new Spec(name, min, max, true, b));
  }
}
