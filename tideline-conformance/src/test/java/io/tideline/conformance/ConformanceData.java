package io.tideline.conformance;

import io.tideline.DataFrame;
import io.tideline.DataFrameReader;
import io.tideline.Tideline;
import io.tideline.testkit.spark.OracleSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The input tables of the differential corpus, written to files that both engines read: Spark
 * registers each as a view, Tideline reads it with the same format, schema and options.
 */
final class ConformanceData {
  /** One input file and how to read it. */
  record Table(
      String name,
      String format,
      List<String> lines,
      Optional<String> schemaDdl,
      Map<String, String> options) {}

  static final String ORDERS_SCHEMA =
      "order_id INT, customer STRING, product STRING, qty INT, amount DOUBLE, price DECIMAL(10,2),"
          + " big BIGINT, ts TIMESTAMP, d DATE, s STRING, note STRING, tstr STRING, js STRING";

  /**
   * Orders with nulls, extremes, negative numbers, odd strings, unicode and malformed JSON text.
   */
  static final List<String> ORDERS =
      List.of(
          "{\"order_id\":1,\"customer\":\"alice\",\"product\":\"camera\",\"qty\":2,\"amount\":120.5,"
              + "\"price\":19.99,\"big\":9223372036854775807,\"ts\":\"2024-01-15T10:30:00Z\","
              + "\"d\":\"2024-01-15\",\"s\":\"12\",\"note\":\"  padded  \","
              + "\"tstr\":\"2024-01-15 10:30:00\",\"js\":\"{\\\"a\\\":1,\\\"b\\\":\\\"x\\\"}\"}",
          "{\"order_id\":2,\"customer\":\"bob\",\"product\":\"phone\",\"qty\":-3,\"amount\":-45.25,"
              + "\"price\":-5.50,\"big\":-9223372036854775808,"
              + "\"ts\":\"2024-02-29T23:59:59.123456Z\",\"d\":\"2024-02-29\",\"s\":\"x1\","
              + "\"note\":\"Ünïcødé ☃ 日本\",\"tstr\":\"15/01/2024 10:30\",\"js\":\"not json\"}",
          "{\"order_id\":3,\"customer\":null,\"product\":\"camera\",\"qty\":0,\"amount\":0.0,"
              + "\"price\":0.00,\"big\":0,\"ts\":null,\"d\":null,\"s\":\" 7 \",\"note\":\"\","
              + "\"tstr\":\"garbage\",\"js\":\"{\\\"a\\\":\\\"notint\\\"}\"}",
          "{\"order_id\":4,\"customer\":\"carol\",\"product\":null,\"qty\":null,\"amount\":null,"
              + "\"price\":null,\"big\":null,\"ts\":\"1970-01-01T00:00:00Z\",\"d\":\"1970-01-01\","
              + "\"s\":null,\"note\":null,\"tstr\":null,\"js\":null}",
          "{\"order_id\":5,\"customer\":\"alice\",\"product\":\"phone\",\"qty\":2147483647,"
              + "\"amount\":1.0E300,\"price\":99999999.99,\"big\":1234567890123,"
              + "\"ts\":\"2023-12-31T23:59:59Z\",\"d\":\"2023-12-31\",\"s\":\"-2147483648\","
              + "\"note\":\"a,b,,c\",\"tstr\":\"2023-12-31 23:59:59\","
              + "\"js\":\"{\\\"a\\\":2,\\\"b\\\":{\\\"c\\\":[1,2]}}\"}",
          "{\"order_id\":6,\"customer\":\"dave\",\"product\":\"tablet\",\"qty\":5,"
              + "\"amount\":3.14159,\"price\":0.01,\"big\":42,\"ts\":\"2024-06-30T12:00:00.5Z\","
              + "\"d\":\"2024-06-30\",\"s\":\"3.7\",\"note\":\"100%_off\\\\path\","
              + "\"tstr\":\"2024-06-30 12:00:00\",\"js\":\"{\\\"a\\\":3}\"}",
          "{\"order_id\":7,\"customer\":\"bob\",\"product\":\"camera\",\"qty\":1,\"amount\":120.5,"
              + "\"price\":19.99,\"big\":7,\"ts\":\"2024-01-15T10:30:00Z\",\"d\":\"2024-01-15\","
              + "\"s\":\"1e3\",\"note\":\"Mixed Case Text\",\"tstr\":\"2024-01-15 10:30:00\","
              + "\"js\":\"{\\\"b\\\":\\\"only b\\\"}\"}",
          "{\"order_id\":8,\"customer\":\"eve\",\"product\":\"phone\",\"qty\":-2147483648,"
              + "\"amount\":-0.0,\"price\":1.10,\"big\":-1,\"ts\":\"1969-12-31T23:59:59.999999Z\","
              + "\"d\":\"1900-03-01\",\"s\":\"true\",\"note\":\"tab\\there\","
              + "\"tstr\":\"2024-13-01 00:00:00\",\"js\":\"[1,2]\"}");

  static final List<String> CUSTOMERS =
      List.of(
          "{\"name\":\"alice\",\"city\":\"Paris\",\"tier\":1}",
          "{\"name\":\"bob\",\"city\":\"Zürich\",\"tier\":2}",
          "{\"name\":\"bob\",\"city\":\"Basel\",\"tier\":3}",
          "{\"name\":null,\"city\":\"Nowhere\",\"tier\":null}",
          "{\"name\":\"zoe\",\"city\":null,\"tier\":4}");

  static final List<String> REGIONS =
      List.of(
          "{\"product\":\"camera\",\"region\":\"EU\"}",
          "{\"product\":\"tablet\",\"region\":\"US\"}",
          "{\"product\":null,\"region\":\"??\"}",
          "{\"product\":\"drone\",\"region\":\"APAC\"}");

  static final List<String> PAIRS_A =
      List.of("{\"x\":1,\"y\":\"one\"}", "{\"x\":2,\"y\":null}", "{\"x\":null,\"y\":\"three\"}");

  static final List<String> PAIRS_B =
      List.of("{\"y\":\"one\",\"x\":1.5}", "{\"y\":\"four\",\"x\":4.0}", "{\"y\":null,\"x\":null}");

  static final List<String> INFERRED_JSON =
      List.of(
          "{\"id\":1,\"name\":\"a\",\"score\":1.5,\"tags\":[\"x\",\"y\"],\"meta\":{\"k\":true}}",
          "{\"id\":2,\"name\":\"b\",\"score\":2,\"tags\":[],\"meta\":{\"k\":false}}",
          "{\"id\":3,\"name\":null,\"extra\":\"late field\"}",
          "{\"id\":4, broken",
          "{\"id\":12345678901,\"name\":\"big id\",\"score\":-0.5}");

  static final List<String> MALFORMED_JSON =
      List.of(
          "{\"id\":1,\"amount\":10.5,\"when\":\"2024-01-15T10:30:00Z\"}",
          "{\"id\":\"two\",\"amount\":3}",
          "not json at all",
          "{\"id\":4,\"amount\":\"NaN?\",\"when\":\"yesterday\"}",
          "{\"id\":5}");

  static final List<String> HEADER_CSV =
      List.of(
          "id,name,amount,day,flag",
          "1,alice,10.5,2024-01-15,true",
          "2,\"bob, jr\",-3,2024-02-29,false",
          "3,,,,",
          "4,Zoë,1e3,2024-06-30,true");

  static final List<String> MALFORMED_CSV =
      List.of("1,alice,10.5", "2,bob,not-a-number", "three,carol,1.0", "4,dave", "5,eve,2.5,extra");

  static final List<String> SEMICOLON_CSV =
      List.of(
          "id;label;when",
          "1;\"semi;colon\";2024-01-15 10:30:00",
          "2;plain;",
          "3;\"quoted \"\"x\"\"\";bad");

  /**
   * Strings that need quoting or escaping in CSV; Tideline writes them for both engines to read.
   */
  static final List<String> CSV_ESCAPING_SOURCE =
      List.of(
          "{\"id\":1,\"s\":\"a\\\"b\"}",
          "{\"id\":2,\"s\":\"a\\\\b\"}",
          "{\"id\":3,\"s\":\"a\\\\\\\"b\"}",
          "{\"id\":4,\"s\":\"trailing\\\\\"}",
          "{\"id\":5,\"s\":\"\\\"quoted\\\"\"}",
          "{\"id\":6,\"s\":\"a,b\"}",
          "{\"id\":7,\"s\":\"x\\\"\\\"y\"}",
          "{\"id\":8,\"s\":\"\\\\\"}",
          "{\"id\":9,\"s\":\"\\\"\"}",
          "{\"id\":10,\"s\":\"\\\\\\\"\"}");

  static final List<Table> TABLES =
      List.of(
          new Table("orders", "json", ORDERS, Optional.of(ORDERS_SCHEMA), Map.of()),
          new Table(
              "customers",
              "json",
              CUSTOMERS,
              Optional.of("name STRING, city STRING, tier INT"),
              Map.of()),
          new Table(
              "regions", "json", REGIONS, Optional.of("product STRING, region STRING"), Map.of()),
          new Table("pairs_a", "json", PAIRS_A, Optional.of("x INT, y STRING"), Map.of()),
          new Table("pairs_b", "json", PAIRS_B, Optional.of("y STRING, x DOUBLE"), Map.of()),
          new Table(
              "nums_i",
              "json",
              List.of("{\"v\":1}", "{\"v\":null}"),
              Optional.of("v INT"),
              Map.of()),
          new Table(
              "nums_d",
              "json",
              List.of("{\"v\":1.5}", "{\"v\":-0.0}"),
              Optional.of("v DOUBLE"),
              Map.of()),
          new Table(
              "nums_dec",
              "json",
              List.of("{\"v\":1.25}", "{\"v\":100.00}"),
              Optional.of("v DECIMAL(5,2)"),
              Map.of()),
          new Table(
              "nums_l",
              "json",
              List.of("{\"v\":9007199254740993}"),
              Optional.of("v BIGINT"),
              Map.of()),
          new Table("json_inferred", "json", INFERRED_JSON, Optional.empty(), Map.of()),
          new Table(
              "json_permissive",
              "json",
              MALFORMED_JSON,
              Optional.of("id INT, amount DOUBLE, `when` TIMESTAMP, _corrupt_record STRING"),
              Map.of("mode", "PERMISSIVE")),
          new Table(
              "json_dropmalformed",
              "json",
              MALFORMED_JSON,
              Optional.of("id INT, amount DOUBLE, `when` TIMESTAMP"),
              Map.of("mode", "DROPMALFORMED")),
          new Table(
              "json_failfast",
              "json",
              MALFORMED_JSON,
              Optional.of("id INT, amount DOUBLE, `when` TIMESTAMP"),
              Map.of("mode", "FAILFAST")),
          new Table(
              "json_corrupt_renamed",
              "json",
              MALFORMED_JSON,
              Optional.of("id INT, amount DOUBLE, bad STRING"),
              Map.of("columnNameOfCorruptRecord", "bad")),
          new Table(
              "csv_failfast",
              "csv",
              MALFORMED_CSV,
              Optional.of("id INT, name STRING, amount DOUBLE"),
              Map.of("mode", "FAILFAST")),
          new Table(
              "csv_semicolon",
              "csv",
              SEMICOLON_CSV,
              Optional.empty(),
              Map.of("header", "true", "sep", ";", "inferSchema", "true")),
          new Table(
              "csv_semicolon_typed",
              "csv",
              SEMICOLON_CSV,
              Optional.of("id INT, label STRING, `when` TIMESTAMP"),
              Map.of("header", "true", "sep", ";")),
          new Table(
              "csv_header",
              "csv",
              HEADER_CSV,
              Optional.empty(),
              Map.of("header", "true", "inferSchema", "true")),
          new Table("csv_plain", "csv", HEADER_CSV, Optional.empty(), Map.of()),
          new Table(
              "csv_permissive",
              "csv",
              MALFORMED_CSV,
              Optional.of("id INT, name STRING, amount DOUBLE, _corrupt_record STRING"),
              Map.of("mode", "PERMISSIVE")),
          new Table(
              "csv_q_doubled",
              "csv",
              List.of("\"a\"\"b\",c", "1,2"),
              Optional.of("a STRING, b STRING"),
              Map.of()),
          new Table(
              "csv_q_backslash",
              "csv",
              List.of("\"a\\\"b\",c", "1,2"),
              Optional.of("a STRING, b STRING"),
              Map.of()),
          new Table(
              "csv_q_bare",
              "csv",
              List.of("a\"b,c", "1,2"),
              Optional.of("a STRING, b STRING"),
              Map.of()),
          new Table(
              "csv_q_empty",
              "csv",
              List.of("\"\",x", "1,2"),
              Optional.of("a STRING, b STRING"),
              Map.of()),
          new Table(
              "csv_q_comma",
              "csv",
              List.of("\"a,b\",c", "1,2"),
              Optional.of("a STRING, b STRING"),
              Map.of()),
          new Table(
              "csv_q_trailing",
              "csv",
              List.of("\"x\"y,z", "1,2"),
              Optional.of("a STRING, b STRING"),
              Map.of()),
          new Table(
              "csv_q_escaped_backslash",
              "csv",
              List.of("\"a\\\\\",b", "1,2"),
              Optional.of("a STRING, b STRING"),
              Map.of()),
          new Table(
              "csv_q_doubled_end",
              "csv",
              List.of("\"a\"\"\",b", "1,2"),
              Optional.of("a STRING, b STRING"),
              Map.of()),
          new Table(
              "csv_q_backslash_bare",
              "csv",
              List.of("a\\\"b,c", "1,2"),
              Optional.of("a STRING, b STRING"),
              Map.of()),
          new Table(
              "csv_q_escape_then_unescaped",
              "csv",
              List.of("\"a\\\"b\"c,d", "1,2"),
              Optional.of("a STRING, b STRING"),
              Map.of()),
          new Table(
              "csv_q_blank_then_text",
              "csv",
              List.of("\"a\" x,b", "1,2"),
              Optional.of("a STRING, b STRING"),
              Map.of()),
          new Table(
              "csv_q_quote_escape",
              "csv",
              List.of("\"a\"\"b\",c", "\"a\"\"\",b", "\"x\"\"\"\"\",y"),
              Optional.of("a STRING, b STRING"),
              Map.of("escape", "\"")),
          new Table(
              "csv_escaping_source",
              "json",
              CSV_ESCAPING_SOURCE,
              Optional.of("id INT, s STRING"),
              Map.of()),
          new Table(
              "csv_typed_nulls",
              "csv",
              MALFORMED_CSV,
              Optional.of("id INT, name STRING, amount DOUBLE"),
              Map.of()));

  private ConformanceData() {}

  /** Writes every table to {@code dir} and adds each as an input of {@code spec}. */
  static Map<String, Path> write(Path dir, OracleSpec spec) {
    Map<String, Path> files = new LinkedHashMap<>();
    try {
      Files.createDirectories(dir);
      for (Table t : TABLES) {
        Path file = dir.resolve(t.name() + "." + t.format());
        Files.write(file, t.lines(), StandardCharsets.UTF_8);
        files.put(t.name(), file);
        spec.input(new OracleSpec.Input(t.name(), t.format(), file, t.schemaDdl(), t.options()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the conformance inputs to " + dir, e);
    }
    return files;
  }

  /**
   * Writes {@code csv_escaping_source} with Tideline's CSV writer into {@code dir/csv_written} and
   * adds it as an input of {@code spec}, so Spark reads what Tideline wrote.
   */
  static Path writeWithTideline(Tideline t, Path dir, Path source, OracleSpec spec) {
    Path out = dir.resolve("csv_written");
    t.read()
        .schema("id INT, s STRING")
        .json(source.toString())
        .write()
        .mode("overwrite")
        .csv(out.toString());
    spec.input(
        new OracleSpec.Input("csv_written", "csv", out, Optional.of("id INT, s STRING"), Map.of()));
    return out;
  }

  /** Reads one table in Tideline, as Spark's reader reads it. */
  static DataFrame read(Tideline t, Table table, Path file) {
    DataFrameReader reader = t.read().format(table.format()).options(table.options());
    table.schemaDdl().ifPresent(reader::schema);
    return reader.load(file.toString());
  }
}
