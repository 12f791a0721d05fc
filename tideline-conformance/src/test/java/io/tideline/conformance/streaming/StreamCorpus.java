package io.tideline.conformance.streaming;

import static io.tideline.functions.expr;

import io.tideline.conformance.Pipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The streaming differential cases and their input files: orders as JSON (nulls, nested fields, an
 * empty file), events as text lines holding JSON (some malformed), people as CSV with a header
 * (some malformed), raw strings for casts that fail under ANSI, and a static customers table for
 * stream-static joins.
 */
final class StreamCorpus {
  static final String ORDERS =
      "id BIGINT, customer STRING, amount DOUBLE, qty INT, status STRING, ts TIMESTAMP, d DATE,"
          + " tags ARRAY<STRING>, address STRUCT<city: STRING, zip: STRING>";

  /** The orders columns in another order, for unionByName. */
  private static final String[] REORDERED = {
    "customer", "id", "qty", "amount", "status", "ts", "d", "tags", "address"
  };

  static final String PEOPLE = "id INT, name STRING, score DOUBLE, joined DATE";
  static final String RAW = "id BIGINT, n STRING, ds STRING";
  static final String CUSTOMERS = "cust_id STRING, cust_name STRING, tier STRING";
  static final String EVENT = "id BIGINT, kind STRING, value DOUBLE";
  static final String EVENTS = "k STRING, v INT, ts TIMESTAMP";

  /** Static (batch) tables both engines register: name to file and schema. */
  record Table(String name, String format, String file, String schemaDdl) {}

  static final List<Table> TABLES =
      List.of(new Table("customers", "json", "customers.json", CUSTOMERS));

  /** The staged files, by name. */
  static final Map<String, String> FILES = files();

  private StreamCorpus() {}

  private static Map<String, String> files() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put(
        "orders-1.json",
        """
        {"id":1,"customer":"c1","amount":12.5,"qty":2,"status":"new","ts":"2024-01-15T10:30:00Z","d":"2024-01-15","tags":["a","b"],"address":{"city":"Oslo","zip":"0150"}}
        {"id":2,"customer":"c2","amount":99.99,"qty":1,"status":"shipped","ts":"2024-02-29T23:59:59Z","d":"2024-02-29","tags":[],"address":{"city":"Bergen","zip":null}}
        {"id":3,"customer":null,"amount":-3.25,"qty":null,"status":"NEW","ts":"2023-12-31T00:00:00Z","d":"2023-12-31","tags":null,"address":null}
        """);
    f.put(
        "orders-2.json",
        """
        {"id":4,"customer":"c1","amount":null,"qty":5,"status":"cancelled","ts":null,"d":null,"tags":["c"],"address":{"city":"Oslo","zip":"0151"}}
        {"id":5,"customer":"c3","amount":250.0,"qty":3,"status":"  padded  ","ts":"2024-06-01T12:00:00.123Z","d":"2024-06-01"}
        """);
    f.put("orders-3.json", "");
    f.put(
        "orders-4.json",
        """
        {"id":6,"customer":"c2","amount":0.0,"qty":0,"status":"new","ts":"2024-03-10T08:15:30Z","d":"2024-03-10","tags":["a"],"address":{"city":"Tromsø","zip":"9008"}}
        {"id":7,"customer":"c4","amount":1e6,"qty":7,"status":null,"ts":"1970-01-01T00:00:00Z","d":"1970-01-01","tags":["x","y","z"],"address":{"city":null,"zip":null}}
        {"id":8,"customer":"c1","amount":45.5,"qty":7,"status":"shipped","ts":"2024-01-16T01:02:03Z","d":"2024-01-16"}
        """);
    f.put(
        "orders-big.json",
        """
        {"id":9,"customer":"c5","amount":1.0,"qty":2147483647,"status":"new"}
        """);
    f.put(
        "orders-malformed.json",
        """
        {"id":10,"customer":"c1","amount":"lots","qty":1}
        {"id":11,"customer":"c2","amount":5.0,"qty":2
        not json
        {"id":12,"customer":["c3"],"amount":6.5,"qty":"3"}
        """);
    f.put(
        "orders-b-1.json",
        """
        {"id":101,"customer":"c3","amount":7.0,"qty":1,"status":"new","ts":"2024-05-05T05:05:05Z","d":"2024-05-05"}
        {"id":102,"customer":null,"amount":null,"qty":null,"status":null}
        """);
    f.put(
        "orders-b-2.json",
        """
        {"id":103,"customer":"c2","amount":31.0,"qty":4,"status":"shipped","ts":"2024-07-07T07:07:07Z","d":"2024-07-07"}
        """);
    f.put(
        "events-1.txt",
        """
        {"id":1,"kind":"click","value":2.5}
        {"id":2,"kind":"view"}
        not json at all
        {"id":"three","kind":"click","value":1}
        """);
    f.put(
        "events-2.txt",
        """
        {"id":4,"kind":"buy","value":100.25,"extra":true}

        {"id":5,
        """);
    f.put(
        "events-3.txt",
        """
        [1,2,3]
        {"id":6,"kind":null,"value":-0.5}
        """);
    f.put(
        "people-1.csv",
        """
        id,name,score,joined
        1,Ann,3.5,2024-01-01
        2,"Bob, Jr.",,2024-02-02
        3,Cé,-1.0,
        """);
    f.put(
        "people-2.csv",
        """
        id,name,score,joined
        4,Dan,7.25,2024-03-03
        x5,Eve,2.0,2024-04-04
        6,Fay
        """);
    f.put(
        "people-3.csv",
        """
        id,name,score,joined
        7,Gus,0.5,2024-05-05
        """);
    f.put(
        "people-semi-1.csv",
        """
        1;Ann;3.5;2024-01-01
        2;-;-;2024-02-02
        """);
    f.put(
        "people-semi-2.csv",
        """
        3;"Semi;colon";1e3;-
        """);
    f.put("notes.txt", "not a json file, and not matching *.json\n");
    f.put("_ignored.json", "{\"id\":999}\n");
    f.put(
        "raw-1.json",
        """
        {"id":1,"n":"12","ds":"2024-01-01"}
        {"id":2,"n":"-3","ds":"2024-02-29"}
        {"id":3,"n":null,"ds":null}
        """);
    f.put(
        "raw-2.json",
        """
        {"id":4,"n":"12x","ds":"2024-03-01"}
        """);
    f.put(
        "raw-3.json",
        """
        {"id":5,"n":"5","ds":"2024-13-01"}
        """);
    // Event-time rows: times move forward file by file, with some rows behind the watermark (5
    // seconds of delay) that must be dropped, and some late but not behind it that must count.
    f.put(
        "ev-1.json",
        """
        {"k":"a","v":1,"ts":"2024-01-01T10:00:01Z"}
        {"k":"b","v":2,"ts":"2024-01-01T10:00:04Z"}
        {"k":"a","v":3,"ts":"2024-01-01T10:00:07Z"}
        """);
    f.put(
        "ev-2.json",
        """
        {"k":"a","v":1,"ts":"2024-01-01T10:00:12Z"}
        {"k":"b","v":5,"ts":"2024-01-01T10:00:15Z"}
        {"k":"a","v":10,"ts":"2024-01-01T10:00:03Z"}
        """);
    f.put(
        "ev-3.json",
        """
        {"k":"b","v":1,"ts":"2024-01-01T10:00:26Z"}
        {"k":"a","v":100,"ts":"2024-01-01T10:00:05Z"}
        {"k":"b","v":7,"ts":"2024-01-01T10:00:10Z"}
        {"k":"a","v":9,"ts":"2024-01-01T10:00:12Z"}
        """);
    f.put(
        "ev-4.json",
        """
        {"k":"a","v":2,"ts":"2024-01-01T10:00:41Z"}
        {"k":"b","v":50,"ts":"2024-01-01T10:00:09Z"}
        {"k":null,"v":4,"ts":"2024-01-01T10:00:40Z"}
        """);
    f.put(
        "ev-null.json",
        """
        {"k":"a","v":6,"ts":null}
        {"k":"b","v":8,"ts":"2024-01-01T10:00:13Z"}
        """);
    f.put(
        "ev-b-1.json",
        """
        {"k":"b","v":20,"ts":"2024-01-01T10:00:02Z"}
        """);
    f.put(
        "ev-b-2.json",
        """
        {"k":"c","v":30,"ts":"2024-01-01T10:00:33Z"}
        {"k":"a","v":40,"ts":"2024-01-01T10:00:06Z"}
        """);
    // Duplicates for deduplication: within a file, across files, and arriving again after the
    // watermark (5 seconds of delay) passed their event time.
    f.put(
        "dup-1.json",
        """
        {"k":"a","v":1,"ts":"2024-01-01T10:00:01Z"}
        {"k":"a","v":1,"ts":"2024-01-01T10:00:01Z"}
        {"k":"b","v":2,"ts":"2024-01-01T10:00:02Z"}
        """);
    f.put(
        "dup-2.json",
        """
        {"k":"a","v":1,"ts":"2024-01-01T10:00:01Z"}
        {"k":"b","v":2,"ts":"2024-01-01T10:00:09Z"}
        {"k":"c","v":3,"ts":"2024-01-01T10:00:12Z"}
        """);
    f.put(
        "dup-3.json",
        """
        {"k":"a","v":1,"ts":"2024-01-01T10:00:01Z"}
        {"k":"c","v":3,"ts":"2024-01-01T10:00:12Z"}
        {"k":"b","v":4,"ts":"2024-01-01T10:00:20Z"}
        """);
    f.put(
        "dup-4.json",
        """
        {"k":"c","v":3,"ts":"2024-01-01T10:00:12Z"}
        {"k":"b","v":2,"ts":"2024-01-01T10:00:19Z"}
        {"k":"d","v":5,"ts":"2024-01-01T10:00:30Z"}
        """);
    f.put(
        "customers.json",
        """
        {"cust_id":"c1","cust_name":"Alpha","tier":"gold"}
        {"cust_id":"c2","cust_name":"Beta","tier":null}
        {"cust_id":"c3","cust_name":"Gamma","tier":"silver"}
        {"cust_id":"c3","cust_name":"Gamma2","tier":"bronze"}
        """);
    return f;
  }

  /** Writes every staged file into {@code dir}. */
  static void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, String> e : FILES.entrySet()) {
      Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
    }
  }

  static List<StreamCase> cases() {
    List<StreamCase> cases = new ArrayList<>();

    // Stateless operations on JSON orders: four files over three steps, one of them empty.
    cases.add(
        ordersWithEmptyFile("json.select")
            .query(Pipeline.from("orders").select("id", "customer", "amount"))
            .build());
    orders(
        cases,
        "json.selectExpr_arithmetic",
        Pipeline.from("orders").select("id", "amount * qty AS total", "qty + 1 AS q1", "-amount"));
    orders(cases, "json.filter", Pipeline.from("orders").where("amount > 10"));
    orders(
        cases,
        "json.filter_isNull",
        Pipeline.from("orders").where("customer IS NULL").select("id"));
    orders(
        cases,
        "json.filter_nullLogic",
        Pipeline.from("orders").where("amount > 10 OR qty IS NULL").select("id", "amount", "qty"));
    orders(
        cases,
        "json.filter_not",
        Pipeline.from("orders").where("NOT (qty > 2)").select("id", "qty"));
    orders(
        cases,
        "json.filter_in",
        Pipeline.from("orders").where("status IN ('new', 'shipped')").select("id", "status"));
    orders(
        cases,
        "json.withColumn_new",
        Pipeline.from("orders")
            .select("id", "amount", "qty")
            .dataFrame(
                "q.*, amount * 2 AS doubled", df -> df.withColumn("doubled", expr("amount * 2"))));
    orders(
        cases,
        "json.withColumn_replace",
        Pipeline.from("orders")
            .select("id", "amount", "qty")
            .dataFrame(
                "id, amount + 1 AS amount, qty",
                df -> df.withColumn("amount", expr("amount + 1"))));
    orders(
        cases,
        "json.withColumnRenamed",
        Pipeline.from("orders")
            .select("id", "amount", "qty")
            .dataFrame("id, amount AS amt, qty", df -> df.withColumnRenamed("amount", "amt")));
    orders(
        cases,
        "json.drop",
        Pipeline.from("orders")
            .dataFrame(
                "id, customer, amount, qty, d", df -> df.drop("status", "ts", "tags", "address")));
    orders(
        cases,
        "json.caseWhen",
        Pipeline.from("orders")
            .select(
                "id",
                "CASE WHEN amount > 50 THEN 'big' WHEN amount > 10 THEN 'mid' WHEN amount IS NULL"
                    + " THEN 'unknown' ELSE 'small' END AS size"));
    orders(
        cases,
        "json.stringFunctions",
        Pipeline.from("orders")
            .select(
                "id",
                "upper(customer) AS u",
                "lower(status) AS l",
                "length(status) AS len",
                "concat(customer, '-', status) AS cs",
                "substring(status, 2, 3) AS sub",
                "trim(status) AS tr",
                "coalesce(customer, 'none') AS c",
                "regexp_replace(status, 'e', 'E') AS rr"));
    orders(
        cases,
        "json.dateFunctions",
        Pipeline.from("orders")
            .select(
                "id",
                "year(d) AS y",
                "month(d) AS m",
                "dayofmonth(d) AS dom",
                "date_add(d, 30) AS d30",
                "datediff(d, DATE'2024-01-01') AS dd",
                "date_format(ts, 'yyyy-MM-dd HH:mm') AS f",
                "to_date(ts) AS td",
                "hour(ts) AS h",
                "unix_timestamp(ts) AS u"));
    orders(
        cases,
        "json.casts",
        Pipeline.from("orders")
            .select(
                "id",
                "CAST(qty AS STRING) AS qs",
                "CAST(amount AS INT) AS ai",
                "CAST(amount AS DECIMAL(10,2)) AS ad",
                "CAST(ts AS DATE) AS td",
                "CAST(d AS STRING) AS ds"));
    Pipeline nested =
        Pipeline.from("orders")
            .select(
                "id",
                "address.city AS city",
                "address.zip AS zip",
                "size(tags) AS n",
                "tags[0] AS first_tag");
    // Under ANSI the empty array of batch 0 fails tags[0]; without it the value is null.
    cases.add(ordersBuilder("ansi.arrayIndexFails").query(nested).ansi(true).build());
    cases.add(ordersBuilder("legacy.nestedFields").query(nested).ansi(false).build());
    orders(cases, "json.explode", Pipeline.from("orders").select("id", "explode(tags) AS tag"));
    cases.add(
        ordersBuilder("json.currentTime")
            .query(
                Pipeline.from("orders")
                    .select(
                        "id",
                        "current_timestamp() AS now",
                        "current_date() AS today",
                        "current_timestamp() > TIMESTAMP'2020-01-01 00:00:00' AS after2020"))
            .mask("now", "today")
            .build());
    orders(
        cases,
        "json.mathFunctions",
        Pipeline.from("orders")
            .select(
                "id",
                "round(amount, 1) AS r",
                "abs(amount) AS a",
                "qty % 3 AS m",
                "nvl(qty, -1) AS q",
                "if(amount > 20, 'hi', 'lo') AS band",
                "greatest(qty, 2) AS g"));
    cases.add(
        StreamCase.builder("json.malformedRecords")
            .source("orders", "json", ORDERS)
            .step("orders:orders-1.json", "orders:orders-malformed.json")
            .query(Pipeline.from("orders").select("id", "customer", "amount", "qty"))
            .build());
    cases.add(
        StreamCase.builder("json.twoFilesPerTrigger")
            .source("orders", "json", ORDERS, "maxFilesPerTrigger", "2")
            .step("orders:orders-1.json", "orders:orders-2.json", "orders:orders-3.json")
            .step("orders:orders-4.json")
            .query(Pipeline.from("orders").select("id", "amount"))
            .build());
    cases.add(
        StreamCase.builder("json.latestFirst")
            .source("orders", "json", ORDERS, "latestFirst", "true")
            .step("orders:orders-1.json", "orders:orders-2.json", "orders:orders-4.json")
            .query(Pipeline.from("orders").select("id"))
            .build());

    cases.add(
        StreamCase.builder("json.failFast")
            .source("orders", "json", ORDERS, "mode", "FAILFAST")
            .step("orders:orders-1.json")
            .step("orders:orders-malformed.json")
            .query(Pipeline.from("orders").select("id", "amount"))
            .build());
    cases.add(
        StreamCase.builder("csv.options")
            .source("people", "csv", PEOPLE, "sep", ";", "nullValue", "-", "header", "false")
            .step("people:people-semi-1.csv")
            .step("people:people-semi-2.csv")
            .query(Pipeline.from("people").select("id", "name", "score"))
            .build());

    cases.add(
        StreamCase.builder("json.corruptRecordColumn")
            .source("orders", "json", "id BIGINT, amount DOUBLE, _corrupt_record STRING")
            .step("orders:orders-1.json", "orders:orders-malformed.json")
            .query(Pipeline.from("orders"))
            .build());
    cases.add(
        StreamCase.builder("json.globFilterAndHiddenFiles")
            .source("orders", "json", ORDERS, "pathGlobFilter", "*.json")
            .step("orders:orders-1.json", "orders:notes.txt", "orders:_ignored.json")
            .step("orders:orders-2.json")
            .query(Pipeline.from("orders").select("id"))
            .build());
    cases.add(
        StreamCase.builder("json.startsEmpty")
            .source("orders", "json", ORDERS)
            .step()
            .step("orders:orders-1.json")
            .step()
            .step("orders:orders-2.json")
            .query(Pipeline.from("orders").select("id", "customer"))
            .build());
    orders(
        cases,
        "json.likeBetween",
        Pipeline.from("orders")
            .where("status LIKE 'sh%' OR customer RLIKE '^c[34]$' OR amount BETWEEN 10 AND 20")
            .select("id"));
    orders(
        cases,
        "json.toJson",
        Pipeline.from("orders")
            .select(
                "id",
                "to_json(address) AS a",
                "to_json(struct(id, amount)) AS s",
                "to_json(tags) AS t"));
    cases.add(
        ordersBuilder("ansi.divideByZeroFails")
            .query(
                Pipeline.from("orders")
                    .where("qty IS NOT NULL")
                    .select("id", "qty / (qty - qty) AS x"))
            .ansi(true)
            .build());

    // from_json over a text stream: the seed's pattern, with malformed and empty lines.
    events(
        cases,
        "text.fromJson",
        Pipeline.from("events")
            .select("CAST(value AS STRING) AS json")
            .select("from_json(json, '" + EVENT + "') AS data")
            .select("data.*"));
    events(
        cases,
        "text.fromJson_filter",
        Pipeline.from("events")
            .select("from_json(CAST(value AS STRING), '" + EVENT + "') AS data")
            .select("data.*")
            .where("id IS NOT NULL AND value > 0"));
    events(
        cases,
        "text.fromJson_failFast",
        Pipeline.from("events")
            .select(
                "from_json(CAST(value AS STRING), '"
                    + EVENT
                    + "', map('mode', 'FAILFAST')) AS data")
            .select("data.id", "data.kind"));
    events(
        cases,
        "text.getJsonObject",
        Pipeline.from("events")
            .select(
                "get_json_object(value, '$.id') AS id",
                "get_json_object(value, '$.kind') AS kind"));
    events(
        cases, "text.jsonTuple", Pipeline.from("events").select("json_tuple(value, 'id', 'kind')"));
    events(cases, "text.lines", Pipeline.from("events").select("value", "length(value) AS n"));

    // CSV with a header.
    people(cases, "csv.header", Pipeline.from("people"));
    people(
        cases,
        "csv.header_filterCast",
        Pipeline.from("people")
            .where("score IS NOT NULL")
            .select("id", "CAST(score AS INT) AS s", "upper(name) AS n"));

    // Casts that fail under ANSI: batch 1 (raw-2) holds '12x', batch 2 (raw-3) an invalid date.
    raw(cases, "ansi.castIntFails", Pipeline.from("raw").select("id", "CAST(n AS INT) AS n"), true);
    raw(
        cases,
        "legacy.castIntNull",
        Pipeline.from("raw").select("id", "CAST(n AS INT) AS n"),
        false);
    raw(
        cases,
        "ansi.castDateFails",
        Pipeline.from("raw").select("id", "CAST(ds AS DATE) AS d"),
        true);
    raw(
        cases,
        "legacy.castDateNull",
        Pipeline.from("raw").select("id", "CAST(ds AS DATE) AS d"),
        false);
    cases.add(
        StreamCase.builder("ansi.overflowFails")
            .source("orders", "json", ORDERS)
            .step("orders:orders-1.json")
            .step("orders:orders-big.json")
            .query(Pipeline.from("orders").select("id", "qty + 1 AS q"))
            .ansi(true)
            .build());

    // Union of two streams.
    cases.add(
        unionBuilder("union.twoStreams")
            .query(Pipeline.from("a").union("b").select("id", "customer", "amount"))
            .build());
    cases.add(
        unionBuilder("union.thenFilter")
            .query(
                Pipeline.from("a").union("b").where("amount IS NULL OR amount > 20").select("id"))
            .build());

    cases.add(
        unionBuilder("union.byName")
            .query(
                Pipeline.from("a")
                    .select(REORDERED)
                    .unionByName("b", REORDERED)
                    .select("id", "customer", "amount"))
            .build());
    orders(cases, "union.selfUnion", Pipeline.from("orders").union("orders").select("id"));

    // Stream-static joins against the customers table.
    orders(
        cases,
        "join.inner",
        Pipeline.from("orders")
            .select("id", "customer", "amount")
            .joinOn("customers", "l.customer = r.cust_id", "inner")
            .select("id", "amount", "cust_name", "tier"));
    orders(
        cases,
        "join.leftOuter",
        Pipeline.from("orders")
            .select("id", "customer", "amount")
            .joinOn("customers", "l.customer = r.cust_id", "left_outer")
            .select("id", "customer", "cust_name", "tier"));
    orders(
        cases,
        "join.inner_filterStatic",
        Pipeline.from("orders")
            .select("id", "customer")
            .joinOn("customers", "l.customer = r.cust_id", "inner")
            .where("tier IS NOT NULL")
            .select("id", "tier"));

    orders(
        cases,
        "join.rightOuter_streamLeft_refused",
        Pipeline.from("orders")
            .select("id", "customer")
            .joinOn("customers", "l.customer = r.cust_id", "right_outer")
            .select("id", "cust_name"));

    // Trigger.AvailableNow, restarted at every step on the same checkpoint.
    cases.add(
        ordersWithEmptyFile("availableNow.select")
            .availableNow()
            .query(Pipeline.from("orders").select("id", "amount").where("id > 1"))
            .build());
    cases.add(
        unionBuilder("availableNow.union")
            .availableNow()
            .query(Pipeline.from("a").union("b").select("id"))
            .build());
    cases.add(
        StreamCase.builder("availableNow.text")
            .source("events", "text", "value STRING")
            .step("events:events-1.txt", "events:events-2.txt")
            .step("events:events-3.txt")
            .availableNow()
            .query(Pipeline.from("events").select("length(value) AS n"))
            .build());

    // Trigger.Once: everything available in one batch, whatever maxFilesPerTrigger says.
    cases.add(
        unionBuilder("once.union")
            .once()
            .query(Pipeline.from("a").union("b").select("id", "amount"))
            .build());

    // maxFileAge: after the first batch, a file older than the newest seen minus the age is
    // ignored.
    cases.add(
        StreamCase.builder("json.maxFileAge")
            .source("orders", "json", ORDERS, "maxFileAge", "1h")
            .step("orders:orders-1.json")
            .step("orders:orders-2.json@-48h", "orders:orders-4.json")
            .query(Pipeline.from("orders").select("id"))
            .build());

    // limit on a stream: Spark counts the limit over all batches (state), in append mode.
    orders(cases, "limit.append", Pipeline.from("orders").select("id").limit(4));

    // Output modes without aggregation.
    cases.add(
        ordersWithEmptyFile("mode.update_noAggregation")
            .outputMode("update")
            .query(Pipeline.from("orders").select("id", "customer"))
            .build());
    cases.add(
        ordersBuilder("mode.complete_noAggregation_refused")
            .outputMode("complete")
            .query(Pipeline.from("orders").select("id", "customer"))
            .build());
    cases.add(
        ordersBuilder("mode.sortInAppend_refused")
            .query(Pipeline.from("orders").select("id", "amount").orderBy("amount DESC NULLS LAST"))
            .build());

    // Batch-only calls on a streaming query: Spark refuses them.
    for (String call : List.of("collect", "count", "show", "write")) {
      cases.add(
          ordersBuilder("batchCall." + call + "_refused")
              .batchCall(call)
              .query(Pipeline.from("orders").select("id"))
              .build());
    }

    // Streaming aggregation without event time, complete and update mode, compared batch by
    // batch: complete delivers the whole table every batch, update only the keys the batch changed.
    String[] all = {
      "count(*) AS n",
      "count(amount) AS n_amount",
      "sum(amount) AS total",
      "avg(amount) AS mean",
      "min(qty) AS lo",
      "max(qty) AS hi",
      "sum(qty) AS qty_sum"
    };
    for (String mode : List.of("complete", "update")) {
      cases.add(
          ordersWithEmptyFile("agg." + mode + "_countByKey")
              .outputMode(mode)
              .query(Pipeline.from("orders").groupBy(List.of("customer"), "count(*) AS n"))
              .build());
      cases.add(
          ordersBuilder("agg." + mode + "_allFunctions")
              .outputMode(mode)
              .query(Pipeline.from("orders").groupBy(List.of("customer"), all))
              .build());
      cases.add(
          ordersBuilder("agg." + mode + "_global")
              .outputMode(mode)
              .query(
                  Pipeline.from("orders")
                      .agg(
                          "count(*) AS n",
                          "sum(amount) AS total",
                          "max(ts) AS latest",
                          "min(d) AS first_day"))
              .build());
      cases.add(
          ordersBuilder("agg." + mode + "_twoKeys_afterFilter")
              .outputMode(mode)
              .query(
                  Pipeline.from("orders")
                      .where("qty IS NOT NULL")
                      .select("customer", "lower(trim(status)) AS status", "amount")
                      .groupBy(
                          List.of("customer", "status"), "count(*) AS n", "sum(amount) AS total"))
              .build());
      cases.add(
          unionBuilder("agg." + mode + "_union")
              .outputMode(mode)
              .query(
                  Pipeline.from("a")
                      .union("b")
                      .groupBy(List.of("customer"), "count(*) AS n", "max(amount) AS top"))
              .build());
      cases.add(
          ordersBuilder("agg." + mode + "_streamStaticJoin")
              .outputMode(mode)
              .query(
                  Pipeline.from("orders")
                      .select("customer", "amount")
                      .joinOn("customers", "l.customer = r.cust_id", "left_outer")
                      .groupBy(List.of("tier"), "count(*) AS n", "sum(amount) AS total"))
              .build());
      cases.add(
          StreamCase.builder("agg." + mode + "_fromJson")
              .source("events", "text", "value STRING")
              .step("events:events-1.txt")
              .step("events:events-2.txt", "events:events-3.txt")
              .outputMode(mode)
              .query(
                  Pipeline.from("events")
                      .select("from_json(value, '" + EVENT + "') AS data")
                      .select("data.*")
                      .groupBy(
                          List.of("kind"),
                          "count(*) AS n",
                          "sum(value) AS total",
                          "avg(id) AS mean_id"))
              .build());
      cases.add(
          ordersWithEmptyFile("agg." + mode + "_availableNowRestarts")
              .outputMode(mode)
              .availableNow()
              .query(
                  Pipeline.from("orders")
                      .groupBy(List.of("customer"), "count(*) AS n", "sum(qty) AS q"))
              .build());
    }
    cases.add(
        ordersBuilder("agg.complete_decimal")
            .outputMode("complete")
            .query(
                Pipeline.from("orders")
                    .select("customer", "CAST(amount AS DECIMAL(10,2)) AS amount")
                    .groupBy(List.of("customer"), "sum(amount) AS total", "avg(amount) AS mean"))
            .build());
    cases.add(
        ordersBuilder("agg.update_strings")
            .outputMode("update")
            .query(
                Pipeline.from("orders")
                    .groupBy(
                        List.of("customer"),
                        "min(status) AS first_status",
                        "max(status) AS last_status",
                        "approx_count_distinct(status) AS approx_statuses"))
            .build());
    cases.add(
        ordersBuilder("agg.complete_sorted")
            .outputMode("complete")
            .query(
                Pipeline.from("orders")
                    .groupBy(List.of("customer"), "count(*) AS n")
                    .orderBy("n DESC", "customer ASC NULLS FIRST"))
            .build());
    cases.add(
        raw(
                "agg.ansi_sumOverflowFails",
                Pipeline.from("raw")
                    .select("id", "9223372036854775807 AS big")
                    .agg("sum(big) AS s"),
                true)
            .outputMode("complete")
            .build());

    // Event time: withWatermark on the source, windows per key in append and update mode. Append
    // emits a window once the watermark passes its end, which may take a no-data batch; update
    // emits every changed window and drops state once the watermark passes it.
    String[] windowAggs = {"count(*) AS n", "sum(v) AS total"};
    String[] windowOut = {"w.start AS ws", "w.end AS we", "k", "n", "total"};
    for (String mode : List.of("append", "update")) {
      cases.add(
          events("wm." + mode + "_tumbling")
              .outputMode(mode)
              .query(
                  Pipeline.from("ev")
                      .select("window(ts, '10 seconds') AS w", "k", "v")
                      .groupBy(List.of("w", "k"), windowAggs)
                      .select(windowOut))
              .build());
      cases.add(
          events("wm." + mode + "_sliding")
              .outputMode(mode)
              .query(
                  Pipeline.from("ev")
                      .select("window(ts, '10 seconds', '5 seconds') AS w", "k", "v")
                      .groupBy(List.of("w", "k"), windowAggs)
                      .select(windowOut))
              .build());
    }
    // The same under AvailableNow, one run per step: the final windows come from the no-data
    // batch each run ends with.
    cases.add(
        events("wm.append_tumbling_availableNow")
            .availableNow()
            .query(
                Pipeline.from("ev")
                    .select("window(ts, '10 seconds') AS w", "k", "v")
                    .groupBy(List.of("w", "k"), windowAggs)
                    .select(windowOut))
            .build());
    // A watermark on a plain timestamp grouping key.
    cases.add(
        events("wm.append_timestampKey")
            .query(Pipeline.from("ev").groupBy(List.of("ts"), "count(*) AS n", "sum(v) AS total"))
            .build());
    // Complete mode keeps every window: the watermark neither evicts state nor drops rows.
    cases.add(
        events("wm.complete_tumbling")
            .outputMode("complete")
            .query(
                Pipeline.from("ev")
                    .select("window(ts, '10 seconds') AS w", "k", "v")
                    .groupBy(List.of("w", "k"), windowAggs)
                    .select(windowOut))
            .build());
    // Two watermarked streams unioned: the query's watermark is the minimum of the two (the
    // default multiple-watermark policy), so the slower stream holds the windows back.
    cases.add(
        StreamCase.builder("wm.append_union_minPolicy")
            .source("ev", "json", EVENTS)
            .watermark("ev", "ts", "5 seconds")
            .source("evb", "json", EVENTS)
            .watermark("evb", "ts", "10 seconds")
            .step("ev:ev-1.json", "evb:ev-b-1.json")
            .step("ev:ev-2.json")
            .step("evb:ev-b-2.json", "ev:ev-3.json")
            .step("ev:ev-4.json")
            .query(
                Pipeline.from("ev")
                    .union("evb")
                    .select("window(ts, '10 seconds') AS w", "k", "v")
                    .groupBy(List.of("w", "k"), windowAggs)
                    .select(windowOut))
            .build());

    // The same two streams with the maximum policy: the faster stream's watermark rules, so the
    // slower stream's rows behind it are dropped.
    cases.add(
        StreamCase.builder("wm.append_union_maxPolicy")
            .source("ev", "json", EVENTS)
            .watermark("ev", "ts", "5 seconds")
            .source("evb", "json", EVENTS)
            .watermark("evb", "ts", "10 seconds")
            .conf("spark.sql.streaming.multipleWatermarkPolicy", "max")
            .step("ev:ev-1.json", "evb:ev-b-1.json")
            .step("ev:ev-2.json")
            .step("evb:ev-b-2.json", "ev:ev-3.json")
            .step("ev:ev-4.json")
            .query(
                Pipeline.from("ev")
                    .union("evb")
                    .select("window(ts, '10 seconds') AS w", "k", "v")
                    .groupBy(List.of("w", "k"), windowAggs)
                    .select(windowOut))
            .build());
    // Session windows (a static gap) merge per key across batches; append mode emits a session
    // once the watermark passes its end, update mode each changed session.
    for (String mode : List.of("append", "update")) {
      cases.add(
          events("wm." + mode + "_session")
              .outputMode(mode)
              .query(
                  Pipeline.from("ev")
                      .select("session_window(ts, '4 seconds') AS w", "k", "v")
                      .groupBy(List.of("w", "k"), windowAggs)
                      .select(windowOut))
              .build());
    }
    // A gap per row (4 seconds for a, 8 for the others): b's sessions stay open longer and swallow
    // rows a's would not.
    cases.add(
        events("wm.append_session_dynamicGap")
            .query(
                Pipeline.from("ev")
                    .select(
                        "session_window(ts, CASE WHEN k = 'a' THEN '4 seconds'"
                            + " ELSE '8 seconds' END) AS w",
                        "k",
                        "v")
                    .groupBy(List.of("w", "k"), windowAggs)
                    .select(windowOut))
            .build());
    // Complete mode keeps every session, but still drops the rows behind the watermark.
    cases.add(
        events("wm.complete_session")
            .outputMode("complete")
            .query(
                Pipeline.from("ev")
                    .select("session_window(ts, '4 seconds') AS w", "k", "v")
                    .groupBy(List.of("w", "k"), windowAggs)
                    .select(windowOut))
            .build());
    // A window with a start offset, more aggregate functions, and a row whose event time is
    // null (no window, not late, not in the event-time statistics).
    cases.add(
        StreamCase.builder("wm.update_windowStartTime_moreAggs")
            .source("ev", "json", EVENTS)
            .watermark("ev", "ts", "5 seconds")
            .step("ev:ev-1.json")
            .step("ev:ev-2.json", "ev:ev-null.json")
            .step("ev:ev-3.json")
            .outputMode("update")
            .query(
                Pipeline.from("ev")
                    .select("window(ts, '10 seconds', '10 seconds', '3 seconds') AS w", "k", "v")
                    .groupBy(
                        List.of("w", "k"),
                        "avg(v) AS mean",
                        "min(v) AS lo",
                        "max(v) AS hi",
                        "approx_count_distinct(v) AS distinct_v")
                    .select("w.start AS ws", "w.end AS we", "k", "mean", "lo", "hi", "distinct_v"))
            .build());

    // A watermark does not make an aggregation by a plain key appendable: Spark refuses append
    // mode without an event-time grouping key.
    cases.add(
        events("wm.append_keyWithoutEventTime_refused")
            .query(Pipeline.from("ev").groupBy(List.of("k"), "count(*) AS n"))
            .build());
    // Chained window aggregations in append mode: the second groups the first's windows by
    // window_time into wider windows, emitted once the watermark passes both.
    cases.add(
        events("wm.append_chainedWindows")
            .query(
                Pipeline.from("ev")
                    .select("window(ts, '10 seconds') AS w", "k", "v")
                    .groupBy(List.of("w", "k"), "count(*) AS n")
                    .select("window_time(w) AS wt", "k", "n")
                    .select("window(wt, '20 seconds') AS w2", "n")
                    .groupBy(List.of("w2"), "sum(n) AS n", "count(*) AS keyed_windows")
                    .select("w2.start AS ws", "w2.end AS we", "n", "keyed_windows"))
            .build());
    // Stream-stream joins bounded by the watermarks and a time range: matches as they arrive,
    // unmatched rows of the outer side(s) once the watermark passes their range, late rows dropped
    // by each side's watermark (few cases, since each Spark batch costs the suite time).
    String range =
        "l.k = r.k AND r.ts BETWEEN l.ts - INTERVAL 5 SECONDS AND l.ts + INTERVAL 5 SECONDS";
    for (String how : List.of("left_outer", "inner", "full_outer", "left_semi")) {
      cases.add(
          twoStreams("wm.join_" + how.replace("_o", "O").replace("_s", "S"))
              .query(Pipeline.from("ev").joinOn("evb", range, how))
              .build());
    }
    // An outer join whose range bounds neither side by a watermark: Spark refuses it at start.
    cases.add(
        twoStreams("wm.join_leftOuter_noRange_refused")
            .query(Pipeline.from("ev").joinOn("evb", "l.k = r.k AND l.v < r.v", "left_outer"))
            .build());

    // Deduplication (dropDuplicates and dropDuplicatesWithinWatermark on the source, which SQL has
    // no form for): duplicates in one batch and across batches, state kept forever without a
    // watermark, evicted by the event-time key or by each key's expiry with one, late rows
    // dropped and counted.
    cases.add(
        duplicates("dedup.noWatermark")
            .dedup("dup", false, "k", "v")
            .query(Pipeline.from("dup").select("k", "v", "ts"))
            .build());
    cases.add(
        duplicates("dedup.watermark_eventTimeKey")
            .watermark("dup", "ts", "5 seconds")
            .dedup("dup", false, "k", "ts")
            .query(Pipeline.from("dup").select("k", "v", "ts"))
            .build());
    cases.add(
        duplicates("dedup.watermark_keyWithoutEventTime")
            .watermark("dup", "ts", "5 seconds")
            .dedup("dup", false, "k", "v")
            .query(Pipeline.from("dup").select("k", "v", "ts"))
            .build());
    cases.add(
        duplicates("dedup.withinWatermark")
            .watermark("dup", "ts", "5 seconds")
            .dedup("dup", true, "k")
            .query(Pipeline.from("dup").select("k", "v", "ts"))
            .build());

    // Output modes and aggregations Spark refuses at start.
    cases.add(
        ordersBuilder("agg.append_refused")
            .query(Pipeline.from("orders").groupBy(List.of("customer"), "count(*) AS n"))
            .build());
    cases.add(
        ordersBuilder("agg.update_sorted_refused")
            .outputMode("update")
            .query(
                Pipeline.from("orders")
                    .groupBy(List.of("customer"), "count(*) AS n")
                    .orderBy("n DESC"))
            .build());
    cases.add(
        ordersBuilder("agg.countDistinct_refused")
            .outputMode("complete")
            .query(
                Pipeline.from("orders").groupBy(List.of("status"), "count(DISTINCT customer) AS n"))
            .build());
    cases.add(
        ordersBuilder("agg.chained_refused")
            .outputMode("complete")
            .query(
                Pipeline.from("orders")
                    .groupBy(List.of("customer"), "count(*) AS n")
                    .groupBy(List.of("n"), "count(*) AS customers"))
            .build());
    return cases;
  }

  /** Orders arriving in two steps: two files, then one; three batches. */
  private static StreamCase.Builder ordersBuilder(String id) {
    return StreamCase.builder(id)
        .source("orders", "json", ORDERS)
        .step("orders:orders-1.json", "orders:orders-2.json")
        .step("orders:orders-4.json");
  }

  /**
   * As {@link #ordersBuilder}, with an empty file arriving alone in between: a batch of no rows
   * (complete mode still delivers the whole table). Used by a few cases only, since every Spark
   * batch costs the suite time.
   */
  private static StreamCase.Builder ordersWithEmptyFile(String id) {
    return StreamCase.builder(id)
        .source("orders", "json", ORDERS)
        .step("orders:orders-1.json", "orders:orders-2.json")
        .step("orders:orders-3.json")
        .step("orders:orders-4.json");
  }

  private static void orders(List<StreamCase> cases, String id, Pipeline query) {
    cases.add(ordersBuilder(id).query(query).build());
  }

  /**
   * Two streams whose files arrive together in one step. Each step is one AvailableNow run: with a
   * query running while the files land (processAllAvailable), a trigger between the two arrivals
   * splits the step into two batches in either engine, depending only on timing.
   */
  private static StreamCase.Builder unionBuilder(String id) {
    return StreamCase.builder(id)
        .source("a", "json", ORDERS)
        .source("b", "json", ORDERS)
        .step("a:orders-1.json", "b:orders-b-1.json")
        .step("a:orders-2.json")
        .step("b:orders-b-2.json", "a:orders-4.json")
        .availableNow();
  }

  /** Event-time rows arriving one file per step, with a watermark of 5 seconds on {@code ts}. */
  /** The two watermarked event streams ev (5 s delay) and evb (10 s), fed in four steps. */
  private static StreamCase.Builder twoStreams(String id) {
    return StreamCase.builder(id)
        .source("ev", "json", EVENTS)
        .watermark("ev", "ts", "5 seconds")
        .source("evb", "json", EVENTS)
        .watermark("evb", "ts", "10 seconds")
        .step("ev:ev-1.json", "evb:ev-b-1.json")
        .step("ev:ev-2.json", "evb:ev-b-2.json")
        .step("ev:ev-3.json")
        .step("ev:ev-4.json");
  }

  private static StreamCase.Builder events(String id) {
    return StreamCase.builder(id)
        .source("ev", "json", EVENTS)
        .watermark("ev", "ts", "5 seconds")
        .step("ev:ev-1.json")
        .step("ev:ev-2.json")
        .step("ev:ev-3.json")
        .step("ev:ev-4.json");
  }

  /** Rows with duplicates arriving one file per step (source {@code dup}, no watermark). */
  private static StreamCase.Builder duplicates(String id) {
    return StreamCase.builder(id)
        .source("dup", "json", EVENTS)
        .step("dup:dup-1.json")
        .step("dup:dup-2.json")
        .step("dup:dup-3.json")
        .step("dup:dup-4.json");
  }

  private static void events(List<StreamCase> cases, String id, Pipeline query) {
    cases.add(
        StreamCase.builder(id)
            .source("events", "text", "value STRING")
            .step("events:events-1.txt")
            .step("events:events-2.txt", "events:events-3.txt")
            .query(query)
            .build());
  }

  private static void people(List<StreamCase> cases, String id, Pipeline query) {
    cases.add(
        StreamCase.builder(id)
            .source("people", "csv", PEOPLE, "header", "true")
            .step("people:people-1.csv", "people:people-2.csv")
            .step("people:people-3.csv")
            .query(query)
            .build());
  }

  private static void raw(List<StreamCase> cases, String id, Pipeline query, boolean ansi) {
    cases.add(raw(id, query, ansi).build());
  }

  private static StreamCase.Builder raw(String id, Pipeline query, boolean ansi) {
    return StreamCase.builder(id)
        .source("raw", "json", RAW)
        .step("raw:raw-1.json")
        .step("raw:raw-2.json")
        .step("raw:raw-3.json")
        .query(query)
        .ansi(ansi);
  }
}
