package io.tideline.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.AnalysisException;
import io.tideline.Row;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.BatchWriter;
import io.tideline.internal.datasource.FileFormat;
import io.tideline.internal.datasource.FileFormats;
import io.tideline.internal.datasource.FileSplit;
import io.tideline.internal.errors.ExecutionException;
import io.tideline.internal.exec.BatchIterator;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileFormatTest {
  @TempDir Path dir;

  private final JsonFileFormat format = new JsonFileFormat();
  private final TidelineConf conf =
      new TidelineConf()
          .set(TidelineConf.SESSION_TIME_ZONE, "UTC")
          .set(TidelineConf.BATCH_SIZE, "3");

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  private List<List<Object>> read(
      Path file, StructType data, StructType required, Map<String, String> options, long splitSize)
      throws IOException {
    long size = Files.size(file);
    List<List<Object>> rows = new ArrayList<>();
    for (long start = 0; start < Math.max(size, 1); start += splitSize) {
      FileSplit split = new FileSplit(file, start, Math.min(splitSize, size - start), size);
      try (BatchIterator it = format.open(split, data, required, options, conf)) {
        Batch b;
        while ((b = it.next()) != null) {
          assertThat(b.size()).isLessThanOrEqualTo(3 + 2);
          for (int k = 0; k < b.size(); k++) {
            List<Object> row = new ArrayList<>();
            for (ColumnVector c : b.columns()) {
              row.add(c.getObject(b.rowAt(k)));
            }
            rows.add(row);
          }
        }
      }
    }
    return rows;
  }

  private List<List<Object>> read(Path file, String ddl, Map<String, String> options)
      throws IOException {
    StructType s = JsonTestSupport.schema(ddl);
    return read(file, s, s, options, Long.MAX_VALUE / 2);
  }

  @Test
  void format_isRegisteredUnderJson() {
    FileFormat f = FileFormats.find("JSON");
    assertThat(f).isInstanceOf(JsonFileFormat.class);
    assertThat(f.extension(Map.of())).isEqualTo(".json");
    assertThat(f.isSplittable(Map.of())).isTrue();
  }

  @Test
  void read_linesIntoBatches_skippingBlankLines_andCrLf() throws IOException {
    Path f =
        write(
            "a.json",
            "{\"a\":1,\"b\":\"x\"}\r\n\n   \n{\"b\":\"y\"}\n{\"a\":3}\n{\"a\":4}\n{\"a\":5}");
    assertThat(read(f, "a BIGINT, b STRING", Map.of()))
        .containsExactly(
            List.of(1L, "x"),
            Arrays.asList(null, "y"),
            Arrays.asList(3L, null),
            Arrays.asList(4L, null),
            Arrays.asList(5L, null));
  }

  @Test
  void read_permissive_keepsMalformedWithCorruptColumn() throws IOException {
    Path f = write("p.json", "{\"a\":1}\n{\"a\":\"x\"}\n{oops\n");
    assertThat(read(f, "_corrupt_record STRING, a BIGINT", Map.of()))
        .containsExactly(
            Arrays.asList(null, 1L),
            Arrays.asList("{\"a\":\"x\"}", null),
            Arrays.asList("{oops", null));
    assertThat(read(f, "a BIGINT", Map.of()))
        .containsExactly(List.of(1L), Arrays.asList((Object) null), Arrays.asList((Object) null));
  }

  @Test
  void read_dropMalformed_dropsBadAndWrongTypedLines() throws IOException {
    Path f = write("d.json", "{\"a\":1}\n{\"a\":\"x\"}\n{oops\n{\"a\":4}\n");
    assertThat(read(f, "a BIGINT", Map.of("mode", "DROPMALFORMED")))
        .containsExactly(List.of(1L), List.of(4L));
  }

  @Test
  void read_failFast_namesFileAndLine() throws IOException {
    Path f = write("f.json", "{\"a\":1}\n\n{oops\n");
    assertThatThrownBy(() -> read(f, "a BIGINT", Map.of("mode", "FAILFAST")))
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
                        assertThat(c.getMessage()).contains("f.json, line 3", "'PERMISSIVE'");
                      });
            })
        .hasMessageContaining("Encountered error while reading file " + f)
        .hasMessageContaining("'mode' as 'PERMISSIVE'")
        .hasMessageContaining("f.json, line 3")
        .hasMessageContaining("{oops");
  }

  @Test
  void read_twoValuesOnALine_keepsTheFirstOnly_likeSpark() throws IOException {
    Path f = write("two.json", "{\"a\":1}{\"a\":2}\n{\"a\":3} \n{\"a\":\n4}\n");
    assertThat(read(f, "a BIGINT", Map.of()))
        .containsExactly(
            List.of(1L), List.of(3L), Arrays.asList((Object) null), Arrays.asList((Object) null));
  }

  @Test
  void read_topLevelArray_givesOneRowPerObject() throws IOException {
    Path f = write("arr.json", "[{\"a\":1},{\"a\":2}]\n[]\n{\"a\":3}\n");
    assertThat(read(f, "a BIGINT", Map.of()))
        .containsExactly(List.of(1L), List.of(2L), List.of(3L));
  }

  @Test
  void read_requiredSchema_projectsAndSkipsOtherFields() throws IOException {
    Path f = write("proj.json", "{\"a\":1,\"big\":{\"x\":[1,2,{\"y\":3}]},\"c\":\"z\"}\n");
    StructType data = JsonTestSupport.schema("a BIGINT, big STRUCT<x: STRING>, c STRING");
    StructType required = JsonTestSupport.schema("c STRING, a BIGINT");
    assertThat(read(f, data, required, Map.of(), 1 << 20)).containsExactly(List.of("z", 1L));
  }

  @Test
  void read_onlyCorruptRecordColumn_isRefusedAsInSpark() throws IOException {
    Path f = write("c.json", "{\"a\":1}\n");
    StructType data = JsonTestSupport.schema("_corrupt_record STRING, a BIGINT");
    StructType required = JsonTestSupport.schema("_corrupt_record STRING");
    assertThatThrownBy(() -> read(f, data, required, Map.of(), 100))
        .isInstanceOf(AnalysisException.class)
        .extracting(e -> ((AnalysisException) e).getCondition())
        .isEqualTo("UNSUPPORTED_FEATURE.QUERY_ONLY_CORRUPT_RECORD_COLUMN");
  }

  @Test
  void read_unknownModeOrCompression_isRefusedNamingTheOption() throws IOException {
    Path f = write("m.json", "{\"a\":1}\n");
    assertThatThrownBy(() -> read(f, "a BIGINT", Map.of("mode", "LENIENT")))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("'mode'")
        .hasMessageContaining("LENIENT");
    assertThatThrownBy(() -> read(f, "a BIGINT", Map.of("compression", "gzip")))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("'compression'");
  }

  @Test
  void read_allowUnquotedControlChars_option() throws IOException {
    Path f = write("ctl.json", "{\"s\":\"a\tb\"}\n");
    assertThat(read(f, "s STRING", Map.of())).containsExactly(Arrays.asList((Object) null));
    assertThat(read(f, "s STRING", Map.of("allowUnquotedControlChars", "true")))
        .containsExactly(List.of("a\tb"));
  }

  @Test
  void inferSchema_samplingRatio_isDeterministic() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      sb.append(i == 50 ? "{\"rare\":1}\n" : "{\"a\":1}\n");
    }
    Path f = write("sample.json", sb.toString());
    StructType first = format.inferSchema(List.of(f), Map.of("samplingRatio", "0.1"), conf);
    assertThat(format.inferSchema(List.of(f), Map.of("samplingRatio", "0.1"), conf))
        .isEqualTo(first);
    assertThat(first.fieldNames()).contains("a");
    assertThat(format.inferSchema(List.of(f), Map.of(), conf).fieldNames())
        .containsExactly("a", "rare");
  }

  @Test
  void multiLine_arrayDocument_givesRowsInBatches_andIsNotSplit() throws IOException {
    Path f =
        write(
            "ml.json",
            "[\n  {\"a\": 1,\n   \"b\": \"x\"},\n  {\"a\": 2},\n {\"a\": 3}, {\"a\": 4}\n]\n");
    Map<String, String> ml = Map.of("multiLine", "true");
    assertThat(format.isSplittable(ml)).isFalse();
    assertThat(read(f, "a BIGINT, b STRING", ml))
        .containsExactly(
            List.of(1L, "x"),
            Arrays.asList(2L, null),
            Arrays.asList(3L, null),
            Arrays.asList(4L, null));
    assertThat(format.inferSchema(List.of(f), ml, conf))
        .isEqualTo(JsonTestSupport.schema("a BIGINT, b STRING"));
  }

  @Test
  void multiLine_objectDocument_givesOneRow() throws IOException {
    Path f = write("obj.json", "{\n \"a\": {\n  \"x\": [1,\n 2]\n }\n}\n");
    assertThat(read(f, "a STRUCT<x: ARRAY<INT>>", Map.of("multiLine", "true")))
        .hasSize(1)
        .first()
        .satisfies(r -> assertThat(((Row) r.get(0)).getList(0)).containsExactly(1, 2));
  }

  @Test
  void multiLine_malformedFile_isOneMalformedRecord() throws IOException {
    String text = "{\n \"a\": 1,\n";
    Path f = write("bad.json", text);
    assertThat(read(f, "_corrupt_record STRING, a BIGINT", Map.of("multiLine", "true")))
        .containsExactly(Arrays.asList(text, null));
    assertThat(read(f, "a BIGINT", Map.of("multiLine", "true", "mode", "DROPMALFORMED"))).isEmpty();
    assertThatThrownBy(() -> read(f, "a BIGINT", Map.of("multiLine", "true", "mode", "FAILFAST")))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("bad.json");
  }

  @Test
  void read_manySmallSplits_yieldEveryLineExactlyOnce() throws IOException {
    StringBuilder sb = new StringBuilder();
    List<List<Object>> expected = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String pad = "p".repeat(i % 17);
      sb.append("{\"i\":").append(i).append(",\"s\":\"").append(pad).append("\u00e9\"}");
      sb.append(i % 5 == 0 ? "\r\n" : "\n");
      if (i % 7 == 0) {
        sb.append("\n");
      }
      expected.add(List.of((long) i, pad + "\u00e9"));
    }
    Path f = write("split.json", sb.toString().substring(0, sb.length() - 1));
    StructType s = JsonTestSupport.schema("i BIGINT, s STRING");
    for (long splitSize : new long[] {1, 2, 3, 7, 19, 64, 100, 1000, 1 << 20}) {
      assertThat(read(f, s, s, Map.of(), splitSize))
          .as("split size %s", splitSize)
          .isEqualTo(expected);
    }
  }

  @Test
  void read_customLineSeparator_multiByte() throws IOException {
    Path f = write("sep.json", "{\"a\":1}||{\"a\":2}||{\"a\":3}");
    StructType s = JsonTestSupport.schema("a BIGINT");
    for (long splitSize : new long[] {1, 2, 5, 9, 100}) {
      assertThat(read(f, s, s, Map.of("lineSep", "||"), splitSize))
          .as("split size %s", splitSize)
          .containsExactly(List.of(1L), List.of(2L), List.of(3L));
    }
  }

  @Test
  void read_lineLongerThanBuffer_isReadWhole() throws IOException {
    String big = "x".repeat(200_000);
    Path f = write("long.json", "{\"s\":\"" + big + "\"}\n{\"s\":\"y\"}\n");
    assertThat(read(f, "s STRING", Map.of())).containsExactly(List.of(big), List.of("y"));
  }

  @Test
  void read_emptyFile_hasNoBatches() throws IOException {
    Path f = write("empty.json", "");
    assertThat(read(f, "a BIGINT", Map.of())).isEmpty();
  }

  @Test
  void inferSchema_overFiles_mergesAndSamples() throws IOException {
    Path f1 = write("i1.json", "{\"a\":1}\n{\"b\":\"x\"}\n");
    Path f2 = write("i2.json", "{\"a\":2.5,\"c\":[true]}\n{bad\n");
    assertThat(format.inferSchema(List.of(f1, f2), Map.of(), conf))
        .isEqualTo(
            JsonTestSupport.schema("_corrupt_record STRING, a DOUBLE, b STRING, c ARRAY<BOOLEAN>"));
    assertThatThrownBy(() -> format.inferSchema(List.of(), Map.of(), conf))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("UNABLE_TO_INFER_SCHEMA");
    assertThatThrownBy(() -> format.inferSchema(List.of(f2), Map.of("mode", "FAILFAST"), conf))
        .hasMessageContaining("i2.json, line 2");
  }

  @Test
  void writer_thenReader_roundTripsRows() throws IOException {
    StructType schema =
        JsonTestSupport.schema(
            "id BIGINT, name STRING, amount DECIMAL(10,2), ts TIMESTAMP, tags ARRAY<STRING>,"
                + " attrs MAP<STRING, DOUBLE>, nested STRUCT<ok: BOOLEAN>");
    StructVector v = new StructVector(schema, 4);
    StructType nested = (StructType) schema.field(6).dataType();
    List<Row> rows =
        List.of(
            Row.withSchema(
                schema,
                new Object[] {
                  1L,
                  "a\nb\"c",
                  new BigDecimal("123.45"),
                  Instant.parse("2024-01-15T10:30:00.123Z"),
                  Arrays.asList("x", null),
                  Map.of("k", 1.5),
                  Row.withSchema(nested, new Object[] {true})
                }),
            Row.withSchema(schema, new Object[] {2L, null, null, null, null, null, null}),
            Row.withSchema(
                schema, new Object[] {3L, "skipped", null, null, List.of(), Map.of(), null}),
            Row.withSchema(
                schema,
                new Object[] {4L, "\u00e9", new BigDecimal("-0.01"), null, null, null, null}));
    for (int i = 0; i < rows.size(); i++) {
      v.setObject(i, rows.get(i));
    }
    Batch batch = new Batch(v.children(), 4, new int[] {0, 1, 3}, 3);
    Path out = dir.resolve("part-0" + format.extension(Map.of()));
    try (BatchWriter w = format.newWriter(out, schema, Map.of(), conf)) {
      w.write(batch);
    }
    assertThat(Files.readAllLines(out).get(1)).isEqualTo("{\"id\":2}");
    List<List<Object>> back = read(out, schema, schema, Map.of(), 1 << 20);
    assertThat(back).hasSize(3);
    List<Object> first = new ArrayList<>();
    for (int i = 0; i < schema.size(); i++) {
      first.add(rows.get(0).get(i));
    }
    assertThat(back.get(0)).isEqualTo(first);
    assertThat(back.get(2).get(1)).isEqualTo("\u00e9");
    assertThat(back.get(2).get(2)).isEqualTo(new BigDecimal("-0.01"));
    assertThat(format.inferSchema(List.of(out), Map.of(), conf).fieldNames())
        .containsExactly("amount", "attrs", "id", "name", "nested", "tags", "ts");
  }

  @Test
  void writer_refusesExistingFile() throws IOException {
    Path existing = write("exists.json", "");
    StructType schema = JsonTestSupport.schema("a BIGINT");
    assertThatThrownBy(() -> format.newWriter(existing, schema, Map.of(), conf))
        .isInstanceOf(IOException.class);
  }
}
