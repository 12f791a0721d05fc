package io.tideline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.types.StructType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code tideline} commands run in-process through picocli on tables in a temporary folder:
 * what they print, their exit codes and their one-line errors.
 */
class TidelineCliTest {
  private static final StructType SCHEMA = StructType.fromDDL("id BIGINT, p STRING");

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** A table with three appends, each one file in partition a and one in b. */
  @BeforeEach
  void createTable() {
    try (Tideline t =
        Tideline.builder().appName("cli-test").warehouse(dir.resolve("wh")).getOrCreate()) {
      for (int i = 0; i < 3; i++) {
        t.createDataFrame(List.of(Row.of((long) i, "a"), Row.of(10L + i, "b")), SCHEMA)
            .write()
            .format("delta")
            .mode("append")
            .option("partitionBy", "p")
            .save(path());
      }
    }
  }

  private String path() {
    return dir.resolve("table").toString();
  }

  private int run(String... args) {
    return TidelineCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void optimize_byPath_compactsAndSaysWhatItDid() {
    int code = run("optimize", path(), "--where", "p = 'a'");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("Optimized " + path() + " at version 4: 3 files")
        .contains("rewritten into 1")
        .contains("in 1 partition(s); 0 of 3 files left as they were.");
    assertThat(err.toString()).isEmpty();

    out.getBuffer().setLength(0);
    assertThat(run("optimize", path(), "--where", "p = 'a'")).isZero();
    assertThat(out.toString()).startsWith("Nothing to compact in " + path());
  }

  @Test
  void optimize_byTableName_inTheWarehouse() {
    try (Tideline t =
        Tideline.builder().appName("cli-test").warehouse(dir.resolve("wh")).getOrCreate()) {
      for (int i = 0; i < 2; i++) {
        t.createDataFrame(List.of(Row.of((long) i, "a")), SCHEMA)
            .write()
            .mode("append")
            .saveAsTable("gold.counts");
      }
    }

    int code =
        run("optimize", "--table", "gold.counts", "--warehouse", dir.resolve("wh").toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("gold.db").contains("2 files");
  }

  @Test
  void history_printsTheCommitsLatestFirst() {
    run("optimize", path());
    out.getBuffer().setLength(0);

    int code = run("history", path(), "--limit", "2");

    assertThat(code).isZero();
    String printed = out.toString();
    assertThat(printed).contains("|version|", "|operation|", "OPTIMIZE", "WRITE");
    assertThat(printed).doesNotContain("CREATE TABLE");
    assertThat(printed.indexOf("OPTIMIZE")).isLessThan(printed.indexOf("WRITE"));
  }

  @Test
  void describe_printsTheDetailAndTheSchema() {
    int code = run("describe", path());

    assertThat(code).isZero();
    assertThat(out.toString())
        .containsPattern("format\\s+delta")
        .containsPattern("numFiles\\s+6")
        .containsPattern("partitionColumns\\s+\\[p\\]")
        .contains("Schema:", " |-- id: long (nullable = true)", " |-- p: string");
  }

  @Test
  void show_printsRowsAsShowDoes_atAVersion() {
    int code = run("show", path(), "--version", "1", "--limit", "5");

    assertThat(code).isZero();
    // Version 1 is the first append; the order of its two files is the writer's tasks'.
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(6);
    assertThat(lines.subList(0, 3)).containsExactly("+---+---+", "| id|  p|", "+---+---+");
    assertThat(lines.subList(3, 5)).containsExactlyInAnyOrder("|  0|  a|", "| 10|  b|");
    assertThat(lines.get(5)).isEqualTo("+---+---+");
  }

  @Test
  void errors_areOneLineWithANonZeroExitCode() {
    int missing = run("show", dir.resolve("nowhere").toString());

    assertThat(missing).isEqualTo(1);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString()).startsWith("error: ").contains("DELTA_MISSING_DELTA_TABLE");

    err.getBuffer().setLength(0);
    assertThat(run("optimize", path(), "--where", "id = 1")).isEqualTo(1);
    assertThat(err.toString())
        .contains("DELTA_NON_PARTITION_COLUMN_REFERENCE")
        .doesNotContain("\tat ");

    err.getBuffer().setLength(0);
    assertThat(run("show")).as("neither a path nor --table").isEqualTo(2);
    assertThat(err.toString()).contains("Name the table with a PATH or with --table NAME");
  }

  @Test
  void verbose_addsTheStackTrace() {
    assertThat(run("show", dir.resolve("nowhere").toString(), "--verbose")).isEqualTo(1);

    assertThat(err.toString()).contains("error: ").contains("\tat ");
  }
}
