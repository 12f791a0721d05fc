package io.tideline.internal.datasource.csv;

import static io.tideline.internal.datasource.text.FormatTestSupport.readAll;
import static io.tideline.internal.datasource.text.FormatTestSupport.readInSplits;
import static io.tideline.internal.datasource.text.FormatTestSupport.row;
import static io.tideline.internal.datasource.text.FormatTestSupport.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.AnalysisException;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.BatchWriter;
import io.tideline.internal.datasource.FileFormat;
import io.tideline.internal.datasource.FileFormats;
import io.tideline.internal.datasource.text.FileErrors;
import io.tideline.internal.datasource.text.FormatTestSupport;
import io.tideline.internal.errors.ExecutionException;
import io.tideline.internal.errors.TidelineException;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileFormatTest {
  private final FileFormat csv = new CsvFileFormat();
  private final TidelineConf conf = new TidelineConf().set(TidelineConf.SESSION_TIME_ZONE, "UTC");
  @TempDir Path dir;

  private Path file(String content) throws IOException {
    Path p = dir.resolve("f" + System.nanoTime() + ".csv");
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private List<List<Object>> read(String content, String ddl, Map<String, String> options)
      throws IOException {
    StructType schema = schema(ddl);
    return readAll(csv, file(content), schema, schema, options, conf);
  }

  private StructType infer(String content, Map<String, String> options) throws IOException {
    return csv.inferSchema(List.of(file(content)), options, conf);
  }

  @Test
  void registry_findsCsvTextAndParquet() {
    assertThat(FileFormats.find("CSV")).isInstanceOf(CsvFileFormat.class);
    assertThat(FileFormats.names()).contains("csv", "text", "parquet");
  }

  @Test
  void read_header_skipsFirstLineAndNamesColumns() throws IOException {
    String data = "id,name\n1,a\n2,b\n";
    assertThat(infer(data, Map.of("header", "true"))).isEqualTo(schema("id STRING, name STRING"));
    assertThat(read(data, "id INT, name STRING", Map.of("header", "true")))
        .containsExactly(row(1, "a"), row(2, "b"));
  }

  @Test
  void read_noHeader_namesColumnsByPosition() throws IOException {
    assertThat(infer("1,a,x\n", Map.of())).isEqualTo(schema("_c0 STRING, _c1 STRING, _c2 STRING"));
    assertThat(read("1,a\n", "a STRING, b STRING", Map.of())).containsExactly(row("1", "a"));
  }

  @Test
  void read_sepOption_splitsOnTabAndSemicolon() throws IOException {
    assertThat(read("1\ta\n", "a INT, b STRING", Map.of("sep", "\t"))).containsExactly(row(1, "a"));
    assertThat(read("1\ta\n", "a INT, b STRING", Map.of("sep", "\\t")))
        .containsExactly(row(1, "a"));
    assertThat(read("1;a\n", "a INT, b STRING", Map.of("delimiter", ";")))
        .containsExactly(row(1, "a"));
  }

  @Test
  void read_quotedFields_keepDelimitersAndUnescapeQuotes() throws IOException {
    String data = "\"a,b\",\"say \\\"hi\\\"\",\"a\\\\\"\n";
    assertThat(read(data, "a STRING, b STRING, c STRING", Map.of()))
        .containsExactly(row("a,b", "say \"hi\"", "a\\"));
  }

  @Test
  void read_doubledQuoteInsideQuotes_keepsRawText_likeSpark() throws IOException {
    // Spark's escape is a backslash, so "" is no escape: the value was not quoted after all.
    assertThat(read("\"a\"\"b\",c\n", "a STRING, b STRING", Map.of()))
        .containsExactly(row("\"a\"\"b\"", "c"));
  }

  @Test
  void read_quoteRunBeforeDelimiter_keepsAllButOneQuote_likeSpark() throws IOException {
    assertThat(read("\"a\"\"\",b\n", "a STRING, b STRING", Map.of()))
        .containsExactly(row("a\"\"", "b"));
  }

  @Test
  void read_unescapedQuoteAfterEscape_keepsUnescapedTextWithItsQuotes_likeSpark()
      throws IOException {
    // Spark 4.2 answers: "a\"b"c,d is "a"b"c (the escape is applied, the quotes kept), and a
    // closing quote followed by a blank and text keeps the quotes too.
    assertThat(read("\"a\\\"b\"c,d\n\"a\" x,b\n", "a STRING, b STRING", Map.of()))
        .containsExactly(row("\"a\"b\"c", "d"), row("\"a\" x", "b"));
  }

  @Test
  void read_quoteAsItsOwnEscape_readsDoubledQuotesAsOne() throws IOException {
    assertThat(read("\"a\"\"b\",\"c\"\"\"\"\"\n", "a STRING, b STRING", Map.of("escape", "\"")))
        .containsExactly(row("a\"b", "c\"\""));
  }

  @Test
  void read_customQuoteAndEscape() throws IOException {
    String data = "'a,b','it#'s'\n";
    assertThat(read(data, "a STRING, b STRING", Map.of("quote", "'", "escape", "#")))
        .containsExactly(row("a,b", "it's"));
  }

  @Test
  void read_quoteFollowedByText_keepsQuoteLiterallyUntilDelimiter() throws IOException {
    assertThat(read("\"a\"b,c\n", "a STRING, b STRING", Map.of()))
        .containsExactly(row("\"a\"b", "c"));
  }

  @Test
  void read_emptyValues_areNullByDefaultEvenWhenQuoted() throws IOException {
    assertThat(read("a,,\"\"\n", "a STRING, b STRING, c STRING", Map.of()))
        .containsExactly(row("a", null, null));
  }

  @Test
  void read_nullValueOption_turnsMatchingValuesToNull() throws IOException {
    assertThat(read("NA,1,\n", "a STRING, b INT, c STRING", Map.of("nullValue", "NA")))
        .containsExactly(row(null, 1, null));
  }

  @Test
  void read_emptyValueOption_givesQuotedEmptyStrings() throws IOException {
    assertThat(read("\"\",\n", "a STRING, b STRING", Map.of("emptyValue", "EMPTY")))
        .containsExactly(row("EMPTY", null));
  }

  @Test
  void read_nanAndInfinity_followOptions() throws IOException {
    List<List<Object>> rows =
        read(
            "NaN,Inf,-Inf\nnan,inf,ninf\n",
            "a DOUBLE, b DOUBLE, c DOUBLE",
            Map.of("nanValue", "nan", "positiveInf", "inf", "negativeInf", "ninf"));
    assertThat(rows.get(1))
        .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    List<List<Object>> defaults = read("NaN,Inf,-Inf\n", "a DOUBLE, b DOUBLE, c DOUBLE", Map.of());
    assertThat(defaults.get(0))
        .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
  }

  @Test
  void read_everyAtomicType_parsesFromBytes() throws IOException {
    List<List<Object>> rows =
        read(
            "1,2,3,9000000000,1.5,2.25,TRUE,12.345,2024-02-29,x\n",
            "a TINYINT, b SMALLINT, c INT, d BIGINT, e FLOAT, f DOUBLE, g BOOLEAN,"
                + " h DECIMAL(10,2), i DATE, j STRING",
            Map.of());
    assertThat(rows)
        .containsExactly(
            row(
                (byte) 1,
                (short) 2,
                3,
                9000000000L,
                1.5f,
                2.25,
                true,
                new BigDecimal("12.35"),
                LocalDate.of(2024, 2, 29),
                "x"));
  }

  @Test
  void read_decimalWithGroupingCommas_dropsThem() throws IOException {
    assertThat(read("\"1,234.5\"\n", "a DECIMAL(10,1)", Map.of()))
        .containsExactly(row(new BigDecimal("1234.5")));
  }

  @Test
  void read_ignoreWhiteSpaceOptions_trimUnquotedValues() throws IOException {
    assertThat(read(" a , b \n", "a STRING, b STRING", Map.of()))
        .containsExactly(row(" a ", " b "));
    assertThat(
            read(
                " a , b \n",
                "a STRING, b STRING",
                Map.of("ignoreLeadingWhiteSpace", "true", "ignoreTrailingWhiteSpace", "true")))
        .containsExactly(row("a", "b"));
  }

  @Test
  void read_commentAndEmptyLines_areSkipped() throws IOException {
    assertThat(read("#c\n1\n\n2\n", "a INT", Map.of("comment", "#")))
        .containsExactly(row(1), row(2));
  }

  @Test
  void read_whitespaceOnlyLines_areSkippedLikeSpark() throws IOException {
    assertThat(read("1\n   \n\t\n2\n", "a INT", Map.of())).containsExactly(row(1), row(2));
  }

  @Test
  void options_delimiterEscapes_followSpark() throws IOException {
    assertThat(read("1|a\n", "a INT, b STRING", Map.of("sep", "|"))).containsExactly(row(1, "a"));
    assertThat(read("1\\a\n", "a INT, b STRING", Map.of("sep", "\\\\")))
        .containsExactly(row(1, "a"));
    assertThatThrownBy(() -> read("1\n", "a INT", Map.of("sep", "\\")))
        .hasMessageContaining("single backslash");
  }

  @Test
  void read_lineEndings_crlfCrAndCustomLineSep() throws IOException {
    assertThat(read("1\r\n2\r3\n", "a INT", Map.of())).containsExactly(row(1), row(2), row(3));
    assertThat(read("1|2|3", "a INT", Map.of("lineSep", "|")))
        .containsExactly(row(1), row(2), row(3));
  }

  @Test
  void read_permissive_keepsPartialRowAndCorruptRecord() throws IOException {
    String ddl = "a INT, b INT, _corrupt_record STRING";
    List<List<Object>> rows = read("1,2\nx,3\n4\n5,6,7\n", ddl, Map.of());
    assertThat(rows)
        .containsExactly(
            row(1, 2, null), row(null, 3, "x,3"), row(4, null, "4"), row(5, 6, "5,6,7"));
  }

  @Test
  void read_permissive_customCorruptColumnName() throws IOException {
    assertThat(read("x\n", "a INT, bad STRING", Map.of("columnNameOfCorruptRecord", "bad")))
        .containsExactly(row(null, "x"));
  }

  @Test
  void read_corruptColumnOfWrongType_isRefused() {
    assertThatThrownBy(() -> read("1\n", "a INT, _corrupt_record INT", Map.of()))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("INVALID_CORRUPT_RECORD_TYPE")
        .hasMessageContaining("`_corrupt_record`");
  }

  @Test
  void read_dropMalformed_dropsBadRows() throws IOException {
    assertThat(read("1,2\nx,3\n4\n5,6\n", "a INT, b INT", Map.of("mode", "DROPMALFORMED")))
        .containsExactly(row(1, 2), row(5, 6));
  }

  @Test
  void read_failFast_wrongFieldCountNamesFileAndLine() throws IOException {
    Path f = file("a,b\n1,2\n3\n");
    StructType schema = schema("a INT, b INT");
    assertThatThrownBy(
            () ->
                readAll(csv, f, schema, schema, Map.of("mode", "FAILFAST", "header", "true"), conf))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("FAILED_READ_FILE.NO_HINT");
              assertThat(e.getCause())
                  .isInstanceOfSatisfying(
                      ExecutionException.class,
                      c -> {
                        assertThat(c.getCondition())
                            .isEqualTo("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION");
                        assertThat(c.getMessage())
                            .contains("line 3", "expected 2 fields", "'mode' as 'PERMISSIVE'");
                      });
            })
        .hasMessageContaining("Encountered error while reading file " + f)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("line 3")
        .hasMessageContaining("expected 2 fields but found 1")
        .hasMessageContaining("'mode' as 'PERMISSIVE'");
  }

  @Test
  void read_failFast_inLaterSplit_namesByteOffset() throws IOException {
    Path f = file("1\n2\nbad\n");
    StructType schema = schema("a INT");
    long size = Files.size(f);
    var split = new io.tideline.internal.datasource.FileSplit(f, 2, size - 2, size);
    assertThatThrownBy(
            () ->
                FormatTestSupport.readSplits(
                    csv, List.of(split), schema, schema, Map.of("mode", "FAILFAST"), conf))
        .hasMessageContaining("the line at byte offset 4")
        .hasMessageContaining("Record: bad");
  }

  @Test
  void read_failFast_badNumberNamesColumn() throws IOException {
    Path f = file("1\n1.5\n");
    StructType schema = schema("amount INT");
    assertThatThrownBy(() -> readAll(csv, f, schema, schema, Map.of("mode", "failfast"), conf))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> {
              assertThat(e.condition()).isEqualTo(FileErrors.Condition.FAILED_READ_FILE_NO_HINT);
              assertThat(((ExecutionException) e.getCause()).condition())
                  .isEqualTo(FileErrors.Condition.MALFORMED_RECORD_IN_PARSING);
            })
        .hasMessageContaining("'1.5' as INT for column amount")
        .hasMessageContaining("line 2");
  }

  @Test
  void read_integerOverflow_isMalformed() throws IOException {
    assertThat(read("128,2147483648\n", "a TINYINT, b INT", Map.of()))
        .containsExactly(row(null, null));
  }

  @Test
  void read_projection_readsOnlyRequiredColumnsInTheirOrder() throws IOException {
    StructType data = schema("a INT, b STRING, c DOUBLE");
    StructType required = schema("c DOUBLE, a INT");
    assertThat(readAll(csv, file("1,x,2.5\n"), data, required, Map.of(), conf))
        .containsExactly(row(2.5, 1));
  }

  @Test
  void read_emptyRequiredSchema_countsRows() throws IOException {
    StructType data = schema("a INT");
    assertThat(readAll(csv, file("1\n2\n3\n"), data, new StructType(), Map.of(), conf)).hasSize(3);
  }

  @Test
  void read_manySmallSplits_yieldEveryRowOnceAndSkipHeaderOnce() throws IOException {
    StringBuilder sb = new StringBuilder("id,text\n");
    List<List<Object>> expected = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String text = "v" + "x".repeat(i % 13);
      sb.append(i).append(',').append(text).append(i % 3 == 0 ? "\r\n" : "\n");
      expected.add(row(i, text));
    }
    Path f = file(sb.toString());
    StructType schema = schema("id INT, text STRING");
    Map<String, String> opts = Map.of("header", "true");
    for (long splitSize : new long[] {1, 2, 3, 7, 16, 100, 1000, 1 << 20}) {
      assertThat(readInSplits(csv, f, splitSize, schema, schema, opts, conf))
          .as("split size %d", splitSize)
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void read_smallBatchSize_yieldsAllRowsAcrossBatches() throws IOException {
    TidelineConf small = new TidelineConf().set(TidelineConf.BATCH_SIZE, "2");
    StructType schema = schema("a INT, b STRING");
    assertThat(readAll(csv, file("1,a\n2,b\n3,c\n4,\n5,e\n"), schema, schema, Map.of(), small))
        .containsExactly(row(1, "a"), row(2, "b"), row(3, "c"), row(4, null), row(5, "e"));
  }

  @Test
  void read_enforceSchemaFalse_checksHeaderNames() throws IOException {
    Path f = file("id,name\n1,a\n");
    StructType schema = schema("id INT, title STRING");
    Map<String, String> opts = Map.of("header", "true", "enforceSchema", "false");
    assertThatThrownBy(() -> readAll(csv, f, schema, schema, opts, conf))
        .hasMessageContaining("CSV_HEADER_DOES_NOT_CONFORM_TO_SCHEMA")
        .hasMessageContaining("title")
        .hasMessageContaining(f.toString());
    StructType good = schema("ID INT, name STRING");
    assertThat(readAll(csv, f, good, good, opts, conf)).containsExactly(row(1, "a"));
  }

  @Test
  void read_missingFile_failsWithPathNotFound() {
    Path missing = dir.resolve("nope.csv");
    StructType schema = schema("a INT");
    assertThatThrownBy(
            () ->
                FormatTestSupport.readSplits(
                    csv,
                    List.of(new io.tideline.internal.datasource.FileSplit(missing, 0, 1, 1)),
                    schema,
                    schema,
                    Map.of(),
                    conf))
        .isInstanceOfSatisfying(
            TidelineException.class, e -> assertThat(e.getCondition()).isEqualTo("PATH_NOT_FOUND"))
        .hasMessageContaining(missing.toString());
  }

  @Test
  void read_nestedType_isRefused() {
    StructType schema = schema("a ARRAY<INT>");
    assertThatThrownBy(() -> read("1\n", "a ARRAY<INT>", Map.of()))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE")
        .hasMessageContaining("`a`");
    assertThat(schema.size()).isEqualTo(1);
  }

  @Test
  void options_longSeparatorAndBadBoolean_areRefusedClearly() {
    assertThatThrownBy(() -> read("1\n", "a INT", Map.of("sep", "::")))
        .hasMessageContaining("INVALID_OPTION_VALUE")
        .hasMessageContaining("'sep'");
    assertThatThrownBy(() -> read("1\n", "a INT", Map.of("header", "yes")))
        .hasMessageContaining("'header'");
  }

  @Test
  void read_multiLine_joinsQuotedLineBreaksAndIsNotSplittable() throws IOException {
    Map<String, String> opts = Map.of("multiLine", "true", "header", "true");
    assertThat(csv.isSplittable(opts)).isFalse();
    assertThat(csv.isSplittable(Map.of())).isTrue();
    String data = "id,text\r\n1,\"first\r\nsecond\"\n2,\"a \\\"q\\\"\n\n,b\"\n3,plain\n";
    Path f = file(data);
    StructType schema = schema("id INT, text STRING");
    List<List<Object>> expected =
        List.of(row(1, "first\nsecond"), row(2, "a \"q\"\n\n,b"), row(3, "plain"));
    assertThat(readAll(csv, f, schema, schema, opts, conf)).containsExactlyElementsOf(expected);
    assertThat(readInSplits(csv, f, 5, schema, schema, opts, conf))
        .containsExactlyElementsOf(expected);
    assertThat(infer(data, opts)).isEqualTo(schema("id STRING, text STRING"));
    assertThat(read(data, "id INT, text STRING", Map.of("header", "true")))
        .as("without multiLine the quoted line break splits the record")
        .hasSizeGreaterThan(3);
  }

  @Test
  void read_multiLine_failFastNamesRecordStartLine() throws IOException {
    Path f = file("1,\"a\nb\"\nx,\"c\nd\"\n");
    StructType schema = schema("a INT, b STRING");
    assertThatThrownBy(
            () ->
                readAll(
                    csv, f, schema, schema, Map.of("multiLine", "true", "mode", "FAILFAST"), conf))
        .hasMessageContaining("line 3")
        .hasMessageContaining("'x' as INT");
  }

  @Test
  void infer_typesInSparkOrder() throws IOException {
    String data =
        "i,l,dec,d,b,s,dt,n,mix,nan\n"
            + "1,3000000000,12345678901234567890,1.5,true,x,2024-01-01,,1,NaN\n"
            + "2,4,1,2,FALSE,7,2024-12-31,,true,Inf\n";
    assertThat(infer(data, Map.of("header", "true", "inferSchema", "true")))
        .isEqualTo(
            schema(
                "i INT, l BIGINT, dec DECIMAL(20,0), d DOUBLE, b BOOLEAN, s STRING, dt DATE,"
                    + " n STRING, mix STRING, nan DOUBLE"));
  }

  @Test
  void infer_widensIntToLongToDecimalToDouble() throws IOException {
    assertThat(infer("1\n3000000000\n", Map.of("inferSchema", "true")))
        .isEqualTo(schema("_c0 BIGINT"));
    assertThat(infer("1\n123456789012345678901\n", Map.of("inferSchema", "true")))
        .isEqualTo(schema("_c0 DECIMAL(21,0)"));
    assertThat(infer("123456789012345678901\n0.5\n", Map.of("inferSchema", "true")))
        .isEqualTo(schema("_c0 DOUBLE"));
  }

  @Test
  void infer_preferDateFalse_doesNotInferDate() throws IOException {
    StructType s = infer("2024-01-01\n", Map.of("inferSchema", "true", "preferDate", "false"));
    assertThat(s.field(0).dataType()).isNotEqualTo(DataTypes.DateType);
  }

  @Test
  void infer_timestampColumn_isTimestamp() throws IOException {
    assertThat(infer("2015-08-20 15:57:00\n", Map.of("inferSchema", "true")))
        .isEqualTo(schema("_c0 TIMESTAMP"));
  }

  @Test
  void infer_dateMixedWithTimestamp_isString() throws IOException {
    assertThat(infer("2024-01-01\n2015-08-20 15:57:00\n", Map.of("inferSchema", "true")))
        .isEqualTo(schema("_c0 STRING"));
  }

  @Test
  void infer_headerSafeNames_duplicatesAndEmpty() throws IOException {
    assertThat(infer("a,A,,b\n1,2,3,4\n", Map.of("header", "true")))
        .isEqualTo(schema("a0 STRING, A1 STRING, _c2 STRING, b STRING"));
  }

  @Test
  void infer_headerOfEveryFileIsSkipped() throws IOException {
    Path a = file("x,y\n1,2\n");
    Path b = file("x,y\n3,4.5\n");
    assertThat(
            csv.inferSchema(List.of(a, b), Map.of("header", "true", "inferSchema", "true"), conf))
        .isEqualTo(schema("x INT, y DOUBLE"));
  }

  @Test
  void infer_noFiles_isUnableToInfer() {
    assertThatThrownBy(() -> csv.inferSchema(List.of(), Map.of(), conf))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("UNABLE_TO_INFER_SCHEMA");
  }

  @Test
  void infer_emptyFile_isEmptySchema() throws IOException {
    assertThat(infer("", Map.of("header", "true"))).isEqualTo(new StructType());
  }

  @Test
  void read_timestampWithoutFormat_parsesLikeCast() throws IOException {
    assertThat(read("2024-01-01 10:00:00\n", "t TIMESTAMP", Map.of()).get(0).get(0))
        .isEqualTo(java.time.Instant.parse("2024-01-01T10:00:00Z"));
  }

  @Test
  void read_timestampFormatOption_isUsed() throws IOException {
    assertThat(
            read("01/02/2024 10:30\n", "t TIMESTAMP", Map.of("timestampFormat", "MM/dd/yyyy HH:mm"))
                .get(0)
                .get(0))
        .isEqualTo(java.time.Instant.parse("2024-01-02T10:30:00Z"));
  }

  private String write(StructType schema, List<List<Object>> rows, Map<String, String> options)
      throws IOException {
    Path out = dir.resolve("out" + System.nanoTime() + ".csv");
    try (BatchWriter w = csv.newWriter(out, schema, options, conf)) {
      w.write(FormatTestSupport.batch(schema, rows));
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  @Test
  void write_header_quotesOnlyWhenNeeded_nullsEmpty() throws IOException {
    StructType schema = schema("id INT, name STRING, amount DECIMAL(5,2), ok BOOLEAN");
    String text =
        write(
            schema,
            List.of(
                row(1, "plain", new BigDecimal("1.50"), true),
                row(2, "a,b", null, false),
                row(null, "say \"hi\"", new BigDecimal("-3.00"), null),
                row(4, "", new BigDecimal("0.01"), true)),
            Map.of("header", "true"));
    assertThat(text)
        .isEqualTo(
            "id,name,amount,ok\n"
                + "1,plain,1.50,true\n"
                + "2,\"a,b\",,false\n"
                + ",\"say \\\"hi\\\"\",-3.00,\n"
                + "4,\"\",0.01,true\n");
  }

  @Test
  void write_escapeBeforeQuoteOrAtEnd_isEscaped_andReadsBack() throws IOException {
    StructType schema = schema("v STRING");
    List<List<Object>> rows = List.of(row(",\\"), row("a\\\"b"), row("x\\y,"));
    String text = write(schema, rows, Map.of());
    assertThat(text).isEqualTo("\",\\\\\"\n\"a\\\\\\\"b\"\n\"x\\y,\"\n");
    assertThat(read(text, "v STRING", Map.of())).containsExactlyElementsOf(rows);
  }

  @Test
  void write_sepAndTrimming_followSpark() throws IOException {
    StructType schema = schema("a STRING, b BIGINT, c DOUBLE");
    assertThat(write(schema, List.of(row("  x  ", Long.MIN_VALUE, 1.0e10)), Map.of("sep", ";")))
        .isEqualTo("x;-9223372036854775808;1.0E10\n");
    assertThat(
            write(schema, List.of(row(" x", 5L, -0.5)), Map.of("ignoreLeadingWhiteSpace", "false")))
        .isEqualTo("\" x\",5,-0.5\n");
  }

  @Test
  void write_datesAndTimestamps_inSparkDefaultFormats() throws IOException {
    StructType schema = schema("d DATE, t TIMESTAMP");
    assertThat(
            write(
                schema,
                List.of(
                    row(
                        LocalDate.of(2024, 3, 1),
                        java.time.Instant.parse("2024-03-01T10:15:30.123456Z"))),
                Map.of()))
        .isEqualTo("2024-03-01,2024-03-01T10:15:30.123Z\n");
  }

  @Test
  void write_thenRead_roundTripsValuesWithSelection() throws IOException {
    StructType schema = schema("id BIGINT, s STRING, d DOUBLE");
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      rows.add(row((long) i, i % 5 == 0 ? null : "s,\"" + i, i * 0.25));
    }
    var batch = FormatTestSupport.batch(schema, rows);
    int[] sel = new int[25];
    for (int i = 0; i < 25; i++) {
      sel[i] = i * 2;
    }
    Path out = dir.resolve("rt.csv");
    Map<String, String> opts = new HashMap<>(Map.of("header", "true"));
    try (BatchWriter w = csv.newWriter(out, schema, opts, conf)) {
      w.write(batch.withSelection(sel, 25));
    }
    List<List<Object>> back = readAll(csv, out, schema, schema, opts, conf);
    List<List<Object>> expected = new ArrayList<>();
    for (int i = 0; i < 50; i += 2) {
      expected.add(rows.get(i));
    }
    assertThat(back).containsExactlyElementsOf(expected);
  }

  @Test
  void write_gzipCompression_isReadBack() throws IOException {
    StructType schema = schema("a INT");
    Map<String, String> opts = Map.of("compression", "gzip");
    assertThat(csv.extension(opts)).isEqualTo(".csv.gz");
    Path out = dir.resolve("c.csv.gz");
    try (BatchWriter w = csv.newWriter(out, schema, opts, conf)) {
      w.write(FormatTestSupport.batch(schema, List.of(row(1), row(2))));
    }
    assertThat(readInSplits(csv, out, 3, schema, schema, Map.of(), conf))
        .containsExactly(row(1), row(2));
  }
}
