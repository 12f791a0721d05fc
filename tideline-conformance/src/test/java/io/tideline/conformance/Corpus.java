package io.tideline.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The differential corpus: expressions over the orders table (with ANSI on and off), aggregations,
 * joins, set operations, sorting, deduplication and the file readers. Each case is written once;
 * {@link Pipeline} runs it in both engines.
 */
final class Corpus {
  private final List<DiffCase> cases = new ArrayList<>();

  private Corpus() {}

  static List<DiffCase> cases() {
    Corpus c = new Corpus();
    c.expressions();
    c.aggregations();
    c.windows();
    c.relational();
    c.readers();
    return List.copyOf(c.cases);
  }

  private void expressions() {
    both(
        "arith",
        "qty + 1",
        "qty * 2",
        "qty + big",
        "big + 1",
        "big - 1",
        "qty * 1000000000",
        "amount / qty",
        "qty / 2",
        "big / qty",
        "qty div 2",
        "big div qty",
        "qty % 3",
        "qty % 0",
        "amount % 2",
        "-qty",
        "abs(qty)",
        "pmod(qty, 3)",
        "price * 2",
        "price + qty",
        "price * price",
        "price / 3",
        "price + amount",
        "price - 0.005",
        "price / 0",
        "amount * 1e10",
        "qty * 1.5",
        "big * 2",
        "big % 0",
        "amount % 0",
        "price % 0",
        "qty div 0",
        "amount / 0",
        "1 / 0",
        "try_divide(qty, 0)",
        "try_add(big, 1)",
        "try_add(qty, 2147483647)",
        "try_add(amount, 1)",
        "try_add(price, 0.5)",
        "try_add(CAST(qty AS TINYINT), CAST(120 AS TINYINT))",
        "try_divide(amount, 0)",
        "try_divide(price, qty)",
        "try_divide(big, 2)",
        "pmod(-7, 3)",
        "pmod(amount, 2)",
        "pmod(qty, 0)",
        "pmod(price, -3)",
        "qty + 1.5",
        "big + price",
        "price * 1000000000000",
        "qty - s",
        "price * price * price * price * price");
    both(
        "compare",
        "qty > 1",
        "s = 12",
        "s > '1'",
        "amount >= price",
        "customer < 'bob'",
        "ts > '2024-01-01'",
        "d = '2024-01-15'",
        "qty <=> null",
        "customer <=> 'alice'",
        "amount = 120.5",
        "NOT (qty > 0)",
        "qty > 0 AND customer IS NOT NULL",
        "qty > 0 OR customer IS NULL",
        "amount = -0.0",
        "s = 'x1'",
        "qty = '2'",
        "amount > '100'",
        "ts = d",
        "customer = NULL",
        "qty IS DISTINCT FROM 2");
    casts();
    ansiOnly(
        "case",
        "CASE WHEN qty > 1 THEN 'many' WHEN qty = 1 THEN 'one' ELSE 'none' END",
        "CASE product WHEN 'camera' THEN 1 WHEN 'phone' THEN 2 END",
        "CASE WHEN amount > 100 THEN price ELSE qty END",
        "qty IN (1, 2, 3)",
        "qty IN (1, null)",
        "product IN ('camera', 'tablet')",
        "s IN ('12', '3.7')",
        "qty NOT IN (2)",
        "amount BETWEEN 0 AND 150",
        "d BETWEEN '2024-01-01' AND '2024-03-01'",
        "customer LIKE 'a%'",
        "customer LIKE '_o_'",
        "note LIKE '100!%%' ESCAPE '!'",
        "note RLIKE '^[A-Z]'",
        "note RLIKE '日本'",
        "customer ILIKE 'A%'");
    ansiOnly(
        "string",
        "upper(note)",
        "lower(note)",
        "length(note)",
        "octet_length(note)",
        "substring(note, 2, 3)",
        "substring(note, -3)",
        "substring(note, -3, 2)",
        "substring(note, 0, 2)",
        "substr(customer, 2)",
        "concat(customer, '-', product)",
        "concat_ws('-', customer, product, s)",
        "trim(note)",
        "ltrim(note)",
        "rtrim(note)",
        "lpad(customer, 8, '*')",
        "rpad(customer, 3, 'ab')",
        "replace(note, 'a', 'A')",
        "regexp_replace(note, '[0-9]+', '#')",
        "regexp_extract(note, '([a-z]+)', 1)",
        "regexp_extract(s, '(\\\\d+)', 1)",
        "split(note, ',')",
        "split(note, ',', 2)",
        "initcap(note)",
        "reverse(note)",
        "instr(note, 'a')",
        "locate('a', note)",
        "repeat(customer, 2)",
        "translate(customer, 'abc', 'xyz')",
        "customer || '!'",
        "substring(note, 100)",
        "concat(s, qty)",
        "upper('straße')",
        "lower('ÀÉÎ')",
        "length('日本')",
        "char_length(note)",
        "left(note, 3)",
        "right(note, 3)",
        "startswith(note, 'a')",
        "contains(note, 'a')",
        "endswith(note, 'a')",
        "contains(customer, '')",
        "startswith(customer, product)",
        "initcap(customer)",
        "initcap('hello wORLD-foo bar')",
        "reverse(customer)",
        "repeat(note, 0)",
        "repeat(customer, 3)",
        "translate(note, 'aeiou', 'AE')",
        "translate(customer, 'aa', 'xy')",
        "left(note, qty)",
        "left(customer, 0)",
        "right(note, 0)",
        "right(customer, 100)",
        "octet_length(customer)",
        "octet_length('日本')",
        "lpad(note, 5, '')",
        "concat('it''s ', customer)",
        "'' || customer");
    ansiOnly(
        "math",
        "round(amount, 1)",
        "round(price, 1)",
        "round(2.5)",
        "round(-2.5)",
        "bround(amount, 0)",
        "bround(2.5)",
        "round(qty, -1)",
        "abs(amount)",
        "abs(price)",
        "ceil(amount)",
        "floor(amount)",
        "ceil(price)",
        "floor(price)",
        "sqrt(amount)",
        "pow(qty, 2)",
        "power(2, qty)",
        "ln(amount)",
        "log10(amount)",
        "sign(amount)",
        "log10(qty)",
        "log10(0)",
        "signum(qty)",
        "sign(price)",
        "greatest(qty, 1)",
        "least(amount, 0)");
    ansiOnly(
        "null",
        "coalesce(customer, product, 'none')",
        "nvl(qty, -1)",
        "nullif(qty, 2)",
        "if(qty > 1, 'big', 'small')",
        "ifnull(product, 'x')",
        "nvl2(customer, 1, 0)",
        "nvl2(qty, amount, 0)",
        "nvl2(product, customer, 'none')",
        "isnull(customer)",
        "coalesce(price, qty)");
    both(
        "datetime",
        "to_timestamp(tstr)",
        "to_timestamp(tstr, 'yyyy-MM-dd HH:mm:ss')",
        "to_timestamp(tstr, 'dd/MM/yyyy HH:mm')",
        "date_format(ts, 'yyyy-MM-dd HH:mm:ss')",
        "date_format(ts, 'EEE, d MMM yyyy')",
        "date_format(d, 'yyyyMMdd')",
        "to_date(tstr)",
        "to_date(ts)",
        "year(ts)",
        "month(d)",
        "dayofmonth(d)",
        "hour(ts)",
        "minute(ts)",
        "second(ts)",
        "dayofweek(d)",
        "quarter(d)",
        "weekofyear(d)",
        "date_add(d, 30)",
        "date_sub(d, 1)",
        "datediff(d, '2024-01-01')",
        "unix_timestamp(ts)",
        "unix_timestamp(tstr, 'yyyy-MM-dd HH:mm:ss')",
        "from_unixtime(qty)",
        "from_unixtime(1700000000, 'yyyy-MM-dd')",
        "add_months(d, 1)",
        "last_day(d)",
        "trunc(d, 'MM')",
        "dayofweek(ts)",
        "quarter(ts)",
        "weekofyear('2021-01-03')",
        "last_day(ts)",
        "last_day('2024-02-10')",
        "add_months(d, -13)",
        "add_months('2024-01-31', 1)",
        "add_months(d, qty)",
        "trunc(d, 'YEAR')",
        "trunc(d, 'week')",
        "trunc(d, 'QUARTER')",
        "trunc(d, 'DD')",
        "trunc(ts, 'MON')",
        "date_trunc('HOUR', ts)",
        "make_date(2024, 2, 30)",
        "make_date(2024, 13, 1)",
        "make_date(2024, 2, 29)",
        "make_date(qty, 1, 1)",
        "date_trunc('MINUTE', ts)",
        "date_trunc('DAY', ts)",
        "date_trunc('week', ts)",
        "date_trunc('MM', ts)",
        "date_trunc('QUARTER', ts)",
        "date_trunc('YEAR', ts)",
        "date_trunc('SECOND', ts)",
        "date_trunc('MILLISECOND', ts)",
        "date_trunc('bogus', ts)",
        "date_trunc('DD', d)",
        "to_timestamp('2024-01-15T10:30:00.123Z')",
        "to_timestamp(tstr, 'yyyy-MM-dd HH:mm:ss.SSS')",
        "to_timestamp('15 Jan 2024', 'dd MMM yyyy')",
        "date_format(ts, 'yyyy-MM-dd''T''HH:mm:ss.SSSSSSXXX')",
        "date_format(ts, 'HH:mm a')",
        "to_date('2024-02-29')",
        "to_date('02/30/2024', 'MM/dd/yyyy')",
        "cast(ts AS STRING)",
        "cast(d AS TIMESTAMP)",
        "ts + INTERVAL 1 DAY",
        "d + 1",
        "datediff(ts, d)");
    both(
        "json",
        "from_json(js, 'a INT, b STRING')",
        "from_json(js, 'a INT, b STRING', map('mode', 'FAILFAST'))",
        "from_json(js, 'a INT, b STRING').a",
        "to_json(named_struct('id', order_id, 'c', customer))",
        "to_json(from_json(js, 'a INT'))",
        "get_json_object(js, '$.a')",
        "get_json_object(js, '$.b.c[1]')",
        "get_json_object(js, '$[0]')",
        "get_json_object(js, '$.b')",
        "from_json(js, 'a INT, b STRUCT<c: ARRAY<INT>>')",
        "from_json(js, 'ARRAY<INT>')",
        "from_json(js, 'MAP<STRING, INT>')",
        "to_json(array(qty, 1))",
        "to_json(named_struct('ts', ts, 'd', d, 'p', price, 'x', amount))",
        "from_json(js, 'a DOUBLE, b STRING')",
        "from_json('{\"t\":\"2024-01-15 10:30:00\"}', 't TIMESTAMP')",
        "from_json('{\"t\":\"15/01/2024\"}', 't DATE', map('dateFormat', 'dd/MM/yyyy'))",
        "to_json(named_struct('a', CAST(NULL AS INT), 'b', array(1, NULL)))",
        "CAST(x'48656C6C6F' AS STRING)",
        "CAST(note AS BINARY)");
    // Output names of unaliased expressions (Spark's auto-naming), compared through the schema.
    ansiOnly(
        "naming",
        "1 + 1",
        "'lit'",
        "true",
        "NULL",
        "qty IS NULL",
        "array(1, 2)",
        "struct(qty, customer)",
        "map('a', qty)",
        "amount * 2 AS doubled",
        "`order_id`",
        "CAST(qty AS STRING)",
        "1.50",
        "current_date() IS NOT NULL",
        "x'0A'",
        "DATE'2024-01-15'",
        "TIMESTAMP'2024-01-15 10:30:00'");
    // Filters: the same condition text in filter(String) and SQL WHERE.
    for (String condition :
        List.of(
            "qty > 0",
            "customer IS NULL OR product = 'camera'",
            "s = 12",
            "amount / qty > 1",
            "note LIKE '%a%'",
            "ts >= '2024-01-15'")) {
      for (boolean ansi : List.of(true, false)) {
        add(
            "filter[" + condition + "]" + (ansi ? "" : "/legacy"),
            Pipeline.from("orders").where(condition).select("order_id"),
            Optional.of(ansi));
      }
    }
  }

  private void casts() {
    List<String> sources =
        List.of("qty", "big", "amount", "price", "s", "ts", "d", "qty > 0", "tstr");
    // ANSI off changes a cast's answer only where a value can fail to convert.
    List<String> legacySources = List.of("big", "amount", "price", "s", "tstr");
    List<String> targets =
        List.of(
            "TINYINT",
            "INT",
            "BIGINT",
            "FLOAT",
            "DOUBLE",
            "DECIMAL(10,2)",
            "DECIMAL(4,1)",
            "STRING",
            "BOOLEAN",
            "DATE",
            "TIMESTAMP",
            "BINARY");
    for (String source : sources) {
      List<String> exprs = new ArrayList<>();
      for (String target : targets) {
        exprs.add("CAST(" + source + " AS " + target + ")");
      }
      if (legacySources.contains(source)) {
        both("cast", exprs.toArray(new String[0]));
      } else {
        ansiOnly("cast", exprs.toArray(new String[0]));
      }
    }
    both(
        "cast",
        "try_cast(s AS INT)",
        "CAST('2024-02-30' AS DATE)",
        "CAST(' 42 ' AS INT)",
        "CAST('3.0' AS INT)",
        "CAST('3.7' AS BIGINT)",
        "CAST('-0.5' AS SMALLINT)",
        "try_cast('3.7' AS TINYINT)",
        "CAST('1e3' AS INT)",
        "CAST('1e3' AS DOUBLE)",
        "CAST(' 2.50 ' AS DECIMAL(4,1))",
        "CAST('yes' AS BOOLEAN)",
        "CAST('2024-01-15T10:30:00' AS TIMESTAMP)",
        "CAST('2024-01-15 10:30:00+02:00' AS TIMESTAMP)");
  }

  private void aggregations() {
    List<String> keys = List.of("product");
    aggBoth("group.count", keys, "count(*)", "count(customer)", "count(qty)");
    aggBoth("group.sum", keys, "sum(qty)", "sum(amount)", "sum(price)");
    aggBoth("group.sumOverflow", keys, "sum(big)");
    aggBoth("group.avg", keys, "avg(qty)", "avg(price)", "avg(amount)");
    aggBoth("group.minmax", keys, "min(price)", "max(price)", "min(customer)", "max(ts)", "min(d)");
    aggBoth("group.first", keys, "first(order_id)", "last(order_id)");
    aggBoth("group.distinct", keys, "count(DISTINCT customer)", "approx_count_distinct(customer)");
    aggBoth("group.twoKeys", List.of("customer", "product"), "count(*)", "sum(qty)");
    aggBoth("group.dateKey", List.of("d"), "count(*)", "max(amount)");
    aggBoth("group.more", keys, "avg(big)", "max(note)", "min(amount)", "sum(amount)");
    add(
        "group.computedKey",
        Pipeline.from("orders")
            .select("upper(product) AS p", "qty", "price")
            .groupBy(List.of("p"), "sum(qty)", "avg(price)"),
        Optional.empty());
    add(
        "group.doubleKey",
        Pipeline.from("orders").groupBy(List.of("amount"), "count(*)"),
        Optional.empty());
    add(
        "group.empty",
        Pipeline.from("orders").where("qty > 2147483647").groupBy(keys, "count(*)", "sum(qty)"),
        Optional.empty());
    add(
        "global.all",
        Pipeline.from("orders")
            .agg(
                "count(*)",
                "sum(qty)",
                "avg(amount)",
                "min(customer)",
                "max(price)",
                "sum(price)",
                "count(DISTINCT product)"),
        Optional.empty());
    add(
        "global.empty",
        Pipeline.from("orders")
            .where("order_id < 0")
            .agg(
                "count(*)",
                "sum(qty)",
                "avg(amount)",
                "min(customer)",
                "max(price)",
                "sum(price)",
                "count(DISTINCT product)",
                "approx_count_distinct(customer)",
                "first(order_id)"),
        Optional.empty());
  }

  /** window and session_window: grids, boundaries before 1970, null times, session merging. */
  private void windows() {
    add(
        "window.tumbling",
        Pipeline.from("orders").select("order_id", "window(ts, '1 hour') AS w"),
        Optional.empty());
    add(
        "window.slidingWithStart",
        Pipeline.from("orders")
            .select("order_id", "window(ts, '10 minutes', '3 minutes', '1 minute') AS w"),
        Optional.empty());
    add(
        "window.slidingMultiple",
        Pipeline.from("orders").select("order_id", "window(ts, '2 hours', '30 minutes') AS w"),
        Optional.empty());
    add(
        "window.negativeStart",
        Pipeline.from("orders").select("order_id", "window(ts, '1 day', '1 day', '-5 hours') AS w"),
        Optional.empty());
    add(
        "window.groupBy",
        Pipeline.from("orders")
            .select("window(ts, '1 day') AS w", "product", "qty")
            .groupBy(List.of("w", "product"), "count(*)", "sum(qty)"),
        Optional.empty());
    add(
        "window.fields",
        Pipeline.from("orders")
            .select("window(ts, '7 days', '1 day') AS w", "order_id")
            .select("w.start", "w.end", "order_id"),
        Optional.empty());
    add(
        "window.slideLongerThanDuration",
        Pipeline.from("orders").select("window(ts, '1 hour', '2 hours') AS w"),
        Optional.empty());
    add(
        "window.onInt",
        Pipeline.from("orders").select("window(qty, '1 hour') AS w"),
        Optional.empty());
    add(
        "window.twoInOneSelect",
        Pipeline.from("orders").select("window(ts, '1 hour') AS a", "window(ts, '2 hours') AS b"),
        Optional.empty());
    add(
        "window.chained",
        Pipeline.from("orders")
            .select("window(ts, '1 hour') AS w", "qty")
            .groupBy(List.of("w"), "sum(qty) AS q")
            .select("window(w, '1 day') AS d", "q")
            .groupBy(List.of("d"), "count(*)", "sum(q)"),
        Optional.empty());
    add(
        "window.windowTime",
        Pipeline.from("orders")
            .select("window(ts, '10 minutes') AS w", "order_id")
            .select("window_time(w)", "order_id"),
        Optional.empty());
    add(
        "session.perKey",
        Pipeline.from("orders")
            .select("session_window(ts, '1 day') AS sw", "customer", "qty")
            .groupBy(List.of("sw", "customer"), "count(*)", "sum(qty)", "min(qty)", "max(qty)"),
        Optional.empty());
    add(
        "session.global",
        Pipeline.from("orders")
            .select("session_window(ts, '40 days') AS sw", "qty")
            .groupBy(List.of("sw"), "count(*)", "max(qty)"),
        Optional.empty());
    add(
        "session.dynamicGap",
        Pipeline.from("orders")
            .select(
                "session_window(ts, CASE WHEN customer = 'alice' THEN '400 days'"
                    + " WHEN customer = 'bob' THEN '-1 hour' ELSE '1 hour' END) AS sw",
                "customer")
            .groupBy(List.of("sw", "customer"), "count(*)"),
        Optional.empty());
    add(
        "session.ownSessions",
        Pipeline.from("orders").select("order_id", "session_window(ts, '10 minutes') AS sw"),
        Optional.empty());
  }

  private void relational() {
    for (String how : List.of("inner", "left", "right", "full", "left_semi", "left_anti")) {
      add(
          "join.on." + how,
          Pipeline.from("orders")
              .select("order_id", "customer")
              .joinOn("customers", "l.customer = r.name", how),
          Optional.empty());
      add(
          "join.using." + how,
          Pipeline.from("orders")
              .select("order_id", "product")
              .joinUsing("regions", List.of("product"), how),
          Optional.empty());
    }
    add(
        "join.on.nullSafe",
        Pipeline.from("orders")
            .select("order_id", "customer")
            .joinOn("customers", "l.customer <=> r.name", "inner"),
        Optional.empty());
    add(
        "join.on.extraCondition",
        Pipeline.from("orders")
            .select("order_id", "customer")
            .joinOn("customers", "l.customer = r.name AND r.tier > 1", "left"),
        Optional.empty());
    add(
        "join.then.aggregate",
        Pipeline.from("orders")
            .select("order_id", "customer", "amount")
            .joinOn("customers", "l.customer = r.name", "inner")
            .groupBy(List.of("city"), "count(*)", "sum(amount)"),
        Optional.empty());
    add("join.cross", Pipeline.from("pairs_a").crossJoin("regions"), Optional.empty());
    add("union.all", Pipeline.from("pairs_a").union("pairs_a"), Optional.empty());
    add(
        "union.widen",
        Pipeline.from("pairs_a").select("x", "y").unionByName("pairs_b", "x", "y"),
        Optional.empty());
    for (String[] pair :
        new String[][] {
          {"nums_i", "nums_d"},
          {"nums_d", "nums_i"},
          {"nums_i", "nums_dec"},
          {"nums_dec", "nums_d"},
          {"nums_l", "nums_dec"},
          {"nums_i", "nums_l"}
        }) {
      add(
          "union.widen." + pair[0] + "." + pair[1],
          Pipeline.from(pair[0]).union(pair[1]),
          Optional.empty());
    }
    add(
        "union.positional",
        Pipeline.from("pairs_b").select("y").union("regions").select("y"),
        Optional.empty());
    add(
        "distinct.all",
        Pipeline.from("orders").select("product", "customer").distinct(),
        Optional.empty());
    add("distinct.doubles", Pipeline.from("orders").select("amount").distinct(), Optional.empty());
    add(
        "orderBy.doubles",
        Pipeline.from("orders")
            .select("order_id", "amount")
            .orderBy("amount ASC NULLS LAST", "order_id"),
        Optional.empty());
    add("distinct.subset", Pipeline.from("orders").dropDuplicatesOn("product"), Optional.empty());
    add(
        "orderBy.desc",
        Pipeline.from("orders").select("order_id", "amount").orderBy("amount DESC", "order_id"),
        Optional.empty());
    add(
        "orderBy.nullsLast",
        Pipeline.from("orders")
            .select("order_id", "customer")
            .orderBy("customer ASC NULLS LAST", "order_id DESC"),
        Optional.empty());
    add(
        "orderBy.nullsFirst",
        Pipeline.from("orders")
            .select("order_id", "price")
            .orderBy("price DESC NULLS FIRST", "order_id"),
        Optional.empty());
    add(
        "orderBy.default",
        Pipeline.from("orders").select("order_id", "ts", "note").orderBy("ts", "order_id"),
        Optional.empty());
    add(
        "orderBy.strings",
        Pipeline.from("orders").select("note").orderBy("note"),
        Optional.empty());
    add("analysis.unresolvedColumn", Pipeline.from("orders").select("amout"), Optional.empty());
    add("analysis.unresolvedInFilter", Pipeline.from("orders").where("qtty > 0"), Optional.empty());
    add(
        "analysis.notGrouped",
        Pipeline.from("orders").groupBy(List.of("product"), "customer"),
        Optional.empty());
  }

  private void readers() {
    for (String table :
        List.of(
            "json_inferred",
            "json_permissive",
            "json_dropmalformed",
            "json_failfast",
            "json_corrupt_renamed",
            "csv_failfast",
            "csv_semicolon",
            "csv_semicolon_typed",
            "csv_header",
            "csv_plain",
            "csv_permissive",
            "csv_typed_nulls",
            "csv_q_doubled",
            "csv_q_backslash",
            "csv_q_bare",
            "csv_q_empty",
            "csv_q_comma",
            "csv_q_trailing",
            "csv_q_escaped_backslash",
            "csv_q_doubled_end",
            "csv_q_backslash_bare",
            "csv_q_escape_then_unescaped",
            "csv_q_blank_then_text",
            "csv_q_quote_escape",
            "csv_escaping_source",
            "csv_written")) {
      add("read." + table, Pipeline.from(table), Optional.empty());
    }
  }

  private void both(String category, String... exprs) {
    for (String e : exprs) {
      add(
          category + "[" + e + "]",
          Pipeline.from("orders").select("order_id", e),
          Optional.of(true));
      add(
          category + "[" + e + "]/legacy",
          Pipeline.from("orders").select("order_id", e),
          Optional.of(false));
    }
  }

  private void ansiOnly(String category, String... exprs) {
    for (String e : exprs) {
      add(
          category + "[" + e + "]",
          Pipeline.from("orders").select("order_id", e),
          Optional.empty());
    }
  }

  private void aggBoth(String id, List<String> keys, String... aggregates) {
    add(id, Pipeline.from("orders").groupBy(keys, aggregates), Optional.of(true));
    add(id + "/legacy", Pipeline.from("orders").groupBy(keys, aggregates), Optional.of(false));
  }

  private void add(String id, Pipeline pipeline, Optional<Boolean> ansi) {
    for (DiffCase existing : cases) {
      if (existing.id().equals(id)) {
        throw new IllegalStateException("Bug in the corpus: two cases named " + id);
      }
    }
    cases.add(new DiffCase(id, pipeline, ansi));
  }
}
