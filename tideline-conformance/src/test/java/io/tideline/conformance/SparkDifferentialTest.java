package io.tideline.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.errors.TidelineException;
import io.tideline.testkit.spark.OracleAnswer;
import io.tideline.testkit.spark.OracleSpec;
import io.tideline.testkit.spark.SparkOracle;
import io.tideline.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * Differential tests against Apache Spark 4.2: every case of the {@link Corpus} runs in Tideline
 * and in Spark (one child JVM for the whole suite, all queries in one oracle spec), and both must
 * give the same schema (names and types), the same rows (as multisets unless sorted; doubles within
 * 1e-9 relative; decimals, strings and UTC timestamps exactly) or the same error condition.
 *
 * <p>A case where Tideline is known to differ is listed in {@link #KNOWN_DIFFERENCES} with the
 * reason; it is still run, printed, and fails once it starts to agree, so the list cannot go stale.
 */
class SparkDifferentialTest {
  /** Cases where Tideline differs from Spark today, by case id, with the reason. */
  static final Map<String, String> KNOWN_DIFFERENCES = knownDifferences();

  private static final List<DiffCase> CASES = Corpus.cases();

  private static Tideline tideline;
  private static Map<String, OracleAnswer> spark;
  private static Function<String, DataFrame> tables;
  private static final List<String> UNEXPECTED = new ArrayList<>();
  private static Path work;

  private static Map<String, String> knownDifferences() {
    Map<String, String> known = new LinkedHashMap<>();
    known(
        known,
        "the analyser accepts the function but no evaluation kernel is registered"
            + " (UNSUPPORTED_EXPRESSION)",
        "naming[map('a', qty)]");
    known(
        known,
        "with ANSI off Spark casts BIGINT to BINARY (big-endian bytes); Tideline refuses it at"
            + " evaluation (UNSUPPORTED_EXPRESSION)",
        "cast[CAST(big AS BINARY)]/legacy");
    known(
        known,
        "the parser rewrites BETWEEN to two comparisons, so the column is named"
            + " ((a >= lo) AND (a <= hi)) instead of Spark's between(a, lo, hi)",
        "case[amount BETWEEN 0 AND 150]",
        "case[d BETWEEN '2024-01-01' AND '2024-03-01']");
    known(
        known,
        "typed literals are parsed as casts, so the column is named CAST(... AS DATE) instead of"
            + " Spark's DATE '...'",
        "naming[DATE'2024-01-15']",
        "naming[TIMESTAMP'2024-01-15 10:30:00']");
    known(
        known,
        "from_json with an ARRAY or MAP schema is refused at analysis"
            + " (INVALID_SCHEMA.NON_STRUCT_TYPE); Spark parses it (and names a MAP result"
            + " 'entries')",
        "json[from_json(js, 'ARRAY<INT>')]",
        "json[from_json(js, 'ARRAY<INT>')]/legacy",
        "json[from_json(js, 'MAP<STRING, INT>')]",
        "json[from_json(js, 'MAP<STRING, INT>')]/legacy");
    known(
        known,
        "interval literals are named in their normalised form, (ts + INTERVAL '1 00:00:00' DAY"
            + " TO SECOND), instead of Spark's ts + INTERVAL '1' DAY",
        "datetime[ts + INTERVAL 1 DAY]",
        "datetime[ts + INTERVAL 1 DAY]/legacy");
    return known;
  }

  private static void known(Map<String, String> known, String reason, String... ids) {
    for (String id : ids) {
      if (known.put(id, reason) != null) {
        throw new IllegalStateException("Bug in KNOWN_DIFFERENCES: " + id + " is listed twice");
      }
    }
  }

  @BeforeAll
  static void runSparkOnce() throws Exception {
    work = Path.of("target", "conformance").toAbsolutePath();
    // Interpreted expressions and no adaptive execution: the same answers (checked when this was
    // introduced), in about two thirds of the time, since no query here has data worth compiling.
    OracleSpec spec =
        new OracleSpec()
            .conf("spark.sql.codegen.wholeStage", "false")
            .conf("spark.sql.codegen.factoryMode", "NO_CODEGEN")
            .conf("spark.sql.adaptive.enabled", "false");
    Map<String, Path> files = ConformanceData.write(work.resolve("data"), spec);
    tideline =
        Tideline.builder()
            .appName("conformance")
            .warehouse(work.resolve("warehouse"))
            .config(TidelineConf.SESSION_TIME_ZONE, "UTC")
            .config(TidelineConf.ANSI_ENABLED, "true")
            .getOrCreate();
    Path written =
        ConformanceData.writeWithTideline(
            tideline, work.resolve("data"), files.get("csv_escaping_source"), spec);
    for (DiffCase c : CASES) {
      spec.query(new OracleSpec.Query(c.id(), c.pipeline().sql(), c.ansi()));
    }
    long start = System.nanoTime();
    spark = SparkOracle.locate().run(spec, work);
    System.out.printf(
        "Spark answered %d queries in %.1f s%n", spark.size(), (System.nanoTime() - start) / 1e9);

    Map<String, DataFrame> read = new LinkedHashMap<>();
    read.put("csv_written", tideline.read().schema("id INT, s STRING").csv(written.toString()));
    Map<String, RuntimeException> readFailures = new LinkedHashMap<>();
    for (ConformanceData.Table table : ConformanceData.TABLES) {
      try {
        read.put(table.name(), ConformanceData.read(tideline, table, files.get(table.name())));
      } catch (RuntimeException e) {
        readFailures.put(table.name(), e);
      }
    }
    tables =
        name -> {
          if (readFailures.containsKey(name)) {
            throw readFailures.get(name);
          }
          return read.get(name);
        };
    printKnownDifferences();
    Files.createDirectories(work);
  }

  /** Writes the unexpected differences, one per line, for triage into KNOWN_DIFFERENCES. */
  @AfterAll
  static void close() throws Exception {
    Files.write(work.resolve("differences.tsv"), UNEXPECTED);
    if (tideline != null) {
      tideline.close();
    }
  }

  @Test
  void oracle_answersEveryCase() {
    assertThat(spark.keySet()).containsExactlyElementsOf(CASES.stream().map(DiffCase::id).toList());
  }

  @Test
  void knownDifferences_nameExistingCases() {
    List<String> ids = CASES.stream().map(DiffCase::id).toList();
    assertThat(ids).containsAll(KNOWN_DIFFERENCES.keySet());
  }

  @TestFactory
  Stream<DynamicTest> sameAnswersAsSpark() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> check(c)));
  }

  private static void check(DiffCase c) {
    Optional<String> difference = difference(c, spark.get(c.id()));
    String known = KNOWN_DIFFERENCES.get(c.id());
    if (known != null) {
      if (difference.isEmpty()) {
        throw new AssertionFailedError(
            "Case '"
                + c.id()
                + "' now agrees with Spark: remove it from KNOWN_DIFFERENCES ("
                + known
                + ")");
      }
      return;
    }
    if (difference.isPresent()) {
      String firstDifferingRow =
          difference.get().lines().filter(l -> l.startsWith("  ! ")).findFirst().orElse("");
      UNEXPECTED.add(c.id() + "\t" + firstLine(difference.get()) + firstDifferingRow);
      throw new AssertionFailedError(
          "Tideline differs from Spark in case '"
              + c.id()
              + "' (ANSI "
              + c.ansi().map(a -> a ? "on" : "off").orElse("default")
              + ")\n  query: "
              + c.pipeline().sql()
              + "\n  "
              + difference.get());
    }
  }

  /** How Tideline's answer differs from Spark's, or empty when they agree. */
  static Optional<String> difference(DiffCase c, OracleAnswer expected) {
    TidelineAnswer actual = runInTideline(c);
    if (expected.failed()) {
      String condition = expected.error().get().condition().orElse("(none)");
      if (actual.error() == null) {
        return Optional.of(
            "Spark fails with "
                + condition
                + " ("
                + firstLine(expected.error().get().message())
                + ") but Tideline answers "
                + actual.schemaDdl()
                + " "
                + actual.rows());
      }
      if (!condition.equals(actual.errorCondition())) {
        return Optional.of(
            "Spark fails with "
                + condition
                + " ("
                + firstLine(expected.error().get().message())
                + ") but Tideline with "
                + actual.errorCondition()
                + " ("
                + firstLine(actual.error().getMessage())
                + ")");
      }
      return Optional.empty();
    }
    if (actual.error() != null) {
      return Optional.of(
          "Spark answers "
              + expected.schemaDdl().orElse("?")
              + " "
              + expected.rows()
              + " but Tideline fails with "
              + actual.errorCondition()
              + ": "
              + firstLine(String.valueOf(actual.error().getMessage())));
    }
    String sparkSchema = withoutNullability(expected.schemaDdl().orElse(""));
    String tidelineSchema = withoutNullability(actual.schemaDdl());
    if (!sparkSchema.equals(tidelineSchema)) {
      return Optional.of("schemas differ: Spark " + sparkSchema + " | Tideline " + tidelineSchema);
    }
    return AnswerDiff.rows(expected.rows(), actual.rows(), c.pipeline().ordered());
  }

  /** Tideline's answer to a case: schema and encoded rows, or the failure. */
  record TidelineAnswer(String schemaDdl, List<JsonNode> rows, RuntimeException error) {
    String errorCondition() {
      return error instanceof TidelineException te ? te.getCondition() : error.getClass().getName();
    }
  }

  private static TidelineAnswer runInTideline(DiffCase c) {
    String previous = tideline.conf().get(TidelineConf.ANSI_ENABLED, "true");
    tideline.conf().set(TidelineConf.ANSI_ENABLED, c.ansi().map(String::valueOf).orElse("true"));
    try {
      DataFrame df = c.pipeline().tideline(tables);
      StructType schema = df.schema();
      List<JsonNode> rows = new ArrayList<>();
      for (Row row : df.collectAsList()) {
        rows.add(TidelineValueEncoder.encodeRow(row, schema));
      }
      return new TidelineAnswer(schema.toDDL(), rows, null);
    } catch (RuntimeException e) {
      return new TidelineAnswer(null, List.of(), e);
    } finally {
      tideline.conf().set(TidelineConf.ANSI_ENABLED, previous);
    }
  }

  private static String withoutNullability(String ddl) {
    return ddl.replace(" NOT NULL", "");
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static void printKnownDifferences() {
    StringBuilder sb =
        new StringBuilder("Known differences from Spark (")
            .append(KNOWN_DIFFERENCES.size())
            .append(" of ")
            .append(CASES.size())
            .append(" cases):\n");
    KNOWN_DIFFERENCES.forEach(
        (id, why) -> sb.append("  ").append(id).append(": ").append(why).append('\n'));
    System.out.print(sb);
  }
}
