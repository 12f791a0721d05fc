package io.tideline.internal.datasource.parquet;

import static io.tideline.internal.datasource.text.FormatTestSupport.readAll;
import static io.tideline.internal.datasource.text.FormatTestSupport.readSplits;
import static io.tideline.internal.datasource.text.FormatTestSupport.row;
import static io.tideline.internal.datasource.text.FormatTestSupport.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.AnalysisException;
import io.tideline.Row;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.BatchWriter;
import io.tideline.internal.datasource.FileSplit;
import io.tideline.internal.datasource.text.FileErrors;
import io.tideline.internal.datasource.text.FormatTestSupport;
import io.tideline.internal.errors.TidelineException;
import io.tideline.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetFileFormatTest {
  private final ParquetFileFormat parquet = new ParquetFileFormat();
  private final TidelineConf conf = new TidelineConf();
  @TempDir Path dir;

  private Path write(StructType schema, List<List<Object>> rows, Map<String, String> options)
      throws IOException {
    Path out = dir.resolve("part-" + System.nanoTime() + parquet.extension(options));
    try (BatchWriter w = parquet.newWriter(out, schema, options, conf)) {
      w.write(FormatTestSupport.batch(schema, rows));
    }
    return out;
  }

  private static Row r(StructType s, Object... values) {
    return Row.withSchema(s, values);
  }

  @Test
  void roundTrip_everyAtomicTypeWithNulls() throws IOException {
    StructType s =
        schema(
            "b BOOLEAN, t TINYINT, sm SMALLINT, i INT, l BIGINT, f FLOAT, d DOUBLE, s STRING,"
                + " bin BINARY, dt DATE, ts TIMESTAMP, d9 DECIMAL(9,2), d18 DECIMAL(18,4),"
                + " d38 DECIMAL(38,10)");
    List<List<Object>> rows = new ArrayList<>();
    rows.add(
        row(
            true,
            (byte) -5,
            (short) 300,
            42,
            1L << 40,
            1.5f,
            -2.25,
            "héllo",
            new byte[] {1, 2, 3},
            LocalDate.of(2024, 2, 29),
            Instant.parse("2024-01-01T10:00:00.123456Z"),
            new BigDecimal("1234567.89"),
            new BigDecimal("-12345678901234.5678"),
            new BigDecimal("-1234567890123456789012345678.0123456789")));
    rows.add(Arrays.asList(new Object[14]));
    rows.add(
        row(
            false,
            Byte.MIN_VALUE,
            Short.MAX_VALUE,
            Integer.MIN_VALUE,
            Long.MAX_VALUE,
            Float.NaN,
            Double.NEGATIVE_INFINITY,
            "",
            new byte[0],
            LocalDate.of(1900, 1, 1),
            Instant.parse("1969-12-31T23:59:59.999999Z"),
            new BigDecimal("0.01"),
            new BigDecimal("0.0001"),
            new BigDecimal("9999999999999999999999999999.9999999999")));
    Path f = write(s, rows, Map.of());
    assertThat(f.getFileName().toString()).endsWith(".snappy.parquet");
    assertThat(parquet.inferSchema(List.of(f), Map.of(), conf)).isEqualTo(s);
    List<List<Object>> back = readAll(parquet, f, s, s, Map.of(), conf);
    assertThat(back).hasSize(3);
    for (int i = 0; i < 3; i++) {
      for (int c = 0; c < 14; c++) {
        Object expected = rows.get(i).get(c);
        Object actual = back.get(i).get(c);
        if (expected instanceof byte[] e) {
          assertThat((byte[]) actual).as("row %d col %d", i, c).isEqualTo(e);
        } else {
          assertThat(actual).as("row %d col %d", i, c).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void write_usesSparkPhysicalLayout() throws IOException {
    StructType s =
        schema(
            "d9 DECIMAL(9,2), d18 DECIMAL(18,2), d38 DECIMAL(38,2), ts TIMESTAMP, s STRING, a ARRAY<INT>, m MAP<STRING, INT>");
    Path f = write(s, List.of(), Map.of());
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(f))) {
      MessageType m = reader.getFooter().getFileMetaData().getSchema();
      assertThat(m.getType("d9").asPrimitiveType().getPrimitiveTypeName())
          .isEqualTo(PrimitiveType.PrimitiveTypeName.INT32);
      assertThat(m.getType("d18").asPrimitiveType().getPrimitiveTypeName())
          .isEqualTo(PrimitiveType.PrimitiveTypeName.INT64);
      assertThat(m.getType("d38").asPrimitiveType().getPrimitiveTypeName())
          .isEqualTo(PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY);
      assertThat(m.getType("d38").asPrimitiveType().getTypeLength()).isEqualTo(16);
      assertThat(m.getType("ts").getLogicalTypeAnnotation())
          .isEqualTo(
              LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
      assertThat(m.getType("s").getLogicalTypeAnnotation())
          .isEqualTo(LogicalTypeAnnotation.stringType());
      assertThat(m.getType("a").toString()).contains("repeated group list").contains("element");
      assertThat(m.getType("m").toString())
          .contains("repeated group key_value")
          .contains("required binary key");
      assertThat(reader.getFooter().getBlocks()).isEmpty();
      assertThat(reader.getFooter().getFileMetaData().getSchema().getName())
          .isEqualTo("spark_schema");
    }
  }

  @Test
  void roundTrip_nestedStructsListsAndMapsWithNulls() throws IOException {
    StructType inner = schema("x INT, y STRING");
    StructType s =
        schema(
            "id INT, st STRUCT<x: INT, y: STRING>, arr ARRAY<INT>, sarr ARRAY<STRUCT<x: INT, y:"
                + " STRING>>, m MAP<STRING, ARRAY<BIGINT>>, nested ARRAY<ARRAY<STRING>>");
    Map<String, List<Long>> m1 = new LinkedHashMap<>();
    m1.put("a", List.of(1L, 2L));
    m1.put("b", null);
    m1.put("c", List.of());
    List<List<Object>> rows =
        List.of(
            row(
                1,
                r(inner, 7, "seven"),
                Arrays.asList(1, null, 3),
                List.of(r(inner, 1, "one"), r(inner, null, null)),
                m1,
                List.of(List.of("p", "q"), List.of(), Arrays.asList((String) null))),
            row(2, null, null, null, null, null),
            row(
                3,
                r(inner, null, "only-y"),
                List.of(),
                Arrays.asList(null, r(inner, 2, "two")),
                Map.of(),
                List.of()),
            row(
                4,
                r(inner, 4, null),
                List.of(9),
                List.of(),
                Map.of("z", List.of(5L)),
                Arrays.asList(null, List.of("r"))));
    Path f = write(s, rows, Map.of());
    assertThat(parquet.inferSchema(List.of(f), Map.of(), conf)).isEqualTo(s);
    List<List<Object>> back = readAll(parquet, f, s, s, Map.of(), conf);
    assertThat(back).containsExactlyElementsOf(rows);
  }

  @Test
  void inferSchema_isNullableAllTheWayDown_butWriterKeepsRequired() throws IOException {
    StructType s =
        new StructType()
            .add("id", io.tideline.types.DataTypes.LongType, false)
            .add(
                "xs",
                io.tideline.types.DataTypes.createArrayType(
                    io.tideline.types.DataTypes.IntegerType, false),
                false);
    Path f = write(s, List.of(row(1L, List.of(2))), Map.of());
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(f))) {
      assertThat(reader.getFooter().getFileMetaData().getSchema().getType("id").getRepetition())
          .isEqualTo(org.apache.parquet.schema.Type.Repetition.REQUIRED);
    }
    assertThat(parquet.inferSchema(List.of(f), Map.of(), conf).treeString())
        .isEqualTo(schema("id BIGINT, xs ARRAY<INT>").treeString());
    assertThat(readAll(parquet, f, s, s, Map.of(), conf)).containsExactly(row(1L, List.of(2)));
  }

  @Test
  void projection_readsOnlyRequestedColumnsInRequestedOrder() throws IOException {
    StructType s = schema("a INT, b STRING, c STRUCT<x: INT, y: STRING>, d DOUBLE");
    StructType inner = schema("x INT, y STRING");
    Path f = write(s, List.of(row(1, "b", r(inner, 2, "y"), 0.5)), Map.of());
    StructType req = schema("d DOUBLE, c STRUCT<y: STRING>, a INT");
    List<List<Object>> back = readAll(parquet, f, s, req, Map.of(), conf);
    assertThat(back).containsExactly(row(0.5, r(schema("y STRING"), "y"), 1));
  }

  @Test
  void read_requestedColumnMissingFromFile_isNull() throws IOException {
    StructType s = schema("a INT, c STRUCT<x: INT>");
    Path f = write(s, List.of(row(1, r(schema("x INT"), 5))), Map.of());
    StructType req = schema("a INT, zz STRING, c STRUCT<x: INT, w: STRING>");
    List<List<Object>> back = readAll(parquet, f, req, req, Map.of(), conf);
    assertThat(back).containsExactly(row(1, null, r(schema("x INT, w STRING"), 5, null)));
  }

  @Test
  void read_structWithNoRequestedFieldInFile_isNull() throws IOException {
    StructType s = schema("a INT, c STRUCT<x: INT>");
    Path f = write(s, List.of(row(1, r(schema("x INT"), 5))), Map.of());
    StructType req = schema("a INT, c STRUCT<q: STRING>");
    assertThat(readAll(parquet, f, req, req, Map.of(), conf)).containsExactly(row(1, null));
  }

  @Test
  void read_emptyProjection_countsRows() throws IOException {
    StructType s = schema("a INT");
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(row(i));
    }
    Path f = write(s, rows, Map.of());
    assertThat(readAll(parquet, f, s, new StructType(), Map.of(), conf)).hasSize(10);
  }

  @Test
  void read_manyRowGroupsInManySplits_yieldsEveryRowOnceInOrder() throws IOException {
    StructType s = schema("id BIGINT, name STRING, tags ARRAY<STRING>");
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      rows.add(row((long) i, "name-" + i, i % 7 == 0 ? null : List.of("t" + (i % 3), "u")));
    }
    Path f = write(s, rows, Map.of("parquet.block.size", "8192", "parquet.page.size", "1024"));
    int groups;
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(f))) {
      groups = reader.getFooter().getBlocks().size();
    }
    assertThat(groups).isGreaterThan(3);
    long size = Files.size(f);
    TidelineConf small = new TidelineConf().set(TidelineConf.BATCH_SIZE, "1000");
    for (long splitSize : new long[] {size / 7 + 1, size / 3 + 1, size}) {
      List<FileSplit> splits = new ArrayList<>();
      for (long start = 0; start < size; start += splitSize) {
        splits.add(new FileSplit(f, start, Math.min(splitSize, size - start), size));
      }
      assertThat(readSplits(parquet, splits, s, s, Map.of(), small))
          .as("split size %d", splitSize)
          .containsExactlyElementsOf(rows);
    }
  }

  @Test
  void write_compressionOption_isApplied() throws IOException {
    StructType s = schema("a STRING");
    for (String codec : List.of("none", "gzip", "zstd", "snappy")) {
      Path f = write(s, List.of(row("x"), row("y")), Map.of("compression", codec));
      try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(f))) {
        assertThat(reader.getFooter().getBlocks().get(0).getColumns().get(0).getCodec())
            .isEqualTo(ParquetWriteOptions.codec(codec));
      }
      assertThat(readAll(parquet, f, s, s, Map.of(), conf)).containsExactly(row("x"), row("y"));
    }
    assertThatThrownBy(() -> write(s, List.of(), Map.of("compression", "brotli")))
        .hasMessageContaining("UNSUPPORTED_COMPRESSION");
  }

  @Test
  void read_fileWrittenByParquetMrExampleWriter_withLegacyListsInt96AndMillis() throws IOException {
    MessageType m =
        MessageTypeParser.parseMessageType(
            "message example {\n"
                + "  required int32 id;\n"
                + "  optional binary name (UTF8);\n"
                + "  optional int96 t96;\n"
                + "  optional int64 tms (TIMESTAMP(MILLIS,true));\n"
                + "  optional group legacy (LIST) { repeated int32 array; }\n"
                + "  repeated binary bare (UTF8);\n"
                + "  optional fixed_len_byte_array(5) dec (DECIMAL(10,2));\n"
                + "  optional int32 small (INT_8);\n"
                + "}");
    Path f = dir.resolve("example.parquet");
    SimpleGroupFactory groups = new SimpleGroupFactory(m);
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new LocalOutputFile(f))
            .withType(m)
            .withConf(new Configuration(false))
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .build()) {
      Group g = groups.newGroup().append("id", 1).append("name", "alice");
      ByteBuffer b96 = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
      // 2000-01-01T00:00:01.5Z: Julian day 2451545, 1.5 s into the day.
      b96.putLong(1_500_000_000L).putInt(2_451_545);
      g.append("t96", Binary.fromConstantByteArray(b96.array()));
      g.append("tms", 1_700_000_000_123L);
      g.addGroup("legacy").append("array", 10).append("array", 20);
      g.append("bare", "x").append("bare", "y");
      g.append("dec", Binary.fromConstantByteArray(new byte[] {0, 0, 0, 0x30, 0x39}));
      g.append("small", -3);
      w.write(g);
      w.write(groups.newGroup().append("id", 2));
    }
    StructType inferred = parquet.inferSchema(List.of(f), Map.of(), conf);
    assertThat(inferred)
        .isEqualTo(
            new StructType()
                .add("id", io.tideline.types.DataTypes.IntegerType)
                .add("name", io.tideline.types.DataTypes.StringType)
                .add("t96", io.tideline.types.DataTypes.TimestampType)
                .add("tms", io.tideline.types.DataTypes.TimestampType)
                .add(
                    "legacy",
                    io.tideline.types.DataTypes.createArrayType(
                        io.tideline.types.DataTypes.IntegerType, true))
                .add(
                    "bare",
                    io.tideline.types.DataTypes.createArrayType(
                        io.tideline.types.DataTypes.StringType, true))
                .add("dec", io.tideline.types.DataTypes.createDecimalType(10, 2))
                .add("small", io.tideline.types.DataTypes.ByteType));
    List<List<Object>> back = readAll(parquet, f, inferred, inferred, Map.of(), conf);
    assertThat(back)
        .containsExactly(
            row(
                1,
                "alice",
                Instant.parse("2000-01-01T00:00:01.500Z"),
                Instant.ofEpochMilli(1_700_000_000_123L),
                List.of(10, 20),
                List.of("x", "y"),
                new BigDecimal("123.45"),
                (byte) -3),
            row(2, null, null, null, null, List.of(), null, null));
  }

  @Test
  void mergeSchema_unionsFieldsAcrossFiles() throws IOException {
    Path a = write(schema("id INT, x STRING"), List.of(row(1, "a")), Map.of());
    Path b = write(schema("id INT, y DOUBLE"), List.of(row(2, 2.0)), Map.of());
    assertThat(parquet.inferSchema(List.of(a, b), Map.of(), conf))
        .isEqualTo(schema("id INT, x STRING"));
    StructType merged = parquet.inferSchema(List.of(a, b), Map.of("mergeSchema", "true"), conf);
    assertThat(merged).isEqualTo(schema("id INT, x STRING, y DOUBLE"));
    assertThat(readAll(parquet, b, merged, merged, Map.of(), conf))
        .containsExactly(row(2, null, 2.0));
    Path c = write(schema("id STRING"), List.of(row("3")), Map.of());
    assertThatThrownBy(
            () -> parquet.inferSchema(List.of(a, c), Map.of("mergeSchema", "true"), conf))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("CANNOT_MERGE_SCHEMAS")
        .hasMessageContaining("`id`");
  }

  @Test
  void read_widensIntToBigintAndFloatToDouble() throws IOException {
    Path f = write(schema("i INT, f FLOAT"), List.of(row(5, 1.5f)), Map.of());
    StructType wide = schema("i BIGINT, f DOUBLE");
    assertThat(readAll(parquet, f, wide, wide, Map.of(), conf)).containsExactly(row(5L, 1.5));
  }

  @Test
  void read_incompatibleRequestedType_namesColumnAndFile() throws IOException {
    Path f = write(schema("i STRING"), List.of(row("x")), Map.of());
    StructType bad = schema("i INT");
    assertThatThrownBy(() -> readAll(parquet, f, bad, bad, Map.of(), conf))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e ->
                assertThat(e.condition())
                    .isEqualTo(FileErrors.Condition.PARQUET_COLUMN_DATA_TYPE_MISMATCH))
        .hasMessageContaining("`i`")
        .hasMessageContaining(f.toString());
  }

  @Test
  void read_notAParquetFile_failsWithFooterError() throws IOException {
    Path f = dir.resolve("bad.parquet");
    Files.writeString(f, "this is not parquet at all, just some text");
    assertThatThrownBy(() -> parquet.inferSchema(List.of(f), Map.of(), conf))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("CANNOT_READ_FILE_FOOTER"))
        .hasMessageContaining(f.toString())
        .hasMessageContaining("not a Parquet file");
  }

  @Test
  void read_corruptColumnChunk_namesFileAndRowGroup() throws IOException {
    StructType s = schema("a BIGINT");
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      rows.add(row((long) i * 7919));
    }
    Path f = write(s, rows, Map.of("compression", "snappy", "parquet.enable.dictionary", "false"));
    byte[] bytes = Files.readAllBytes(f);
    long dataStart;
    long dataLength;
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(f))) {
      var chunk = reader.getFooter().getBlocks().get(0).getColumns().get(0);
      dataStart = chunk.getStartingPos();
      dataLength = chunk.getTotalSize();
    }
    // Overwrite the compressed page body (after the page header) with garbage.
    for (long i = dataStart + dataLength / 2; i < dataStart + dataLength; i++) {
      bytes[(int) i] = (byte) 0xAB;
    }
    Files.write(f, bytes);
    assertThatThrownBy(() -> readAll(parquet, f, s, s, Map.of(), conf))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("FAILED_READ_FILE"))
        .hasMessageContaining(f.toString())
        .hasMessageContaining("row group 0");
  }

  @Test
  void read_missingFile_failsWithPathNotFound() {
    Path f = dir.resolve("missing.parquet");
    StructType s = schema("a INT");
    assertThatThrownBy(
            () -> readSplits(parquet, List.of(new FileSplit(f, 0, 10, 10)), s, s, Map.of(), conf))
        .isInstanceOfSatisfying(
            TidelineException.class, e -> assertThat(e.getCondition()).isEqualTo("PATH_NOT_FOUND"))
        .hasMessageContaining(f.toString());
  }

  @Test
  void inferSchema_noFiles_isUnableToInfer() {
    assertThatThrownBy(() -> parquet.inferSchema(List.of(), new HashMap<>(), conf))
        .hasMessageContaining("UNABLE_TO_INFER_SCHEMA")
        .hasMessageContaining("PARQUET");
  }

  @Test
  void int96_decodesJulianDayAndNanos() {
    ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(0).putInt(2_440_588);
    assertThat(LeafValueReader.int96ToMicros(Binary.fromConstantByteArray(b.array()))).isZero();
  }

  @Test
  void schemas_minBytesForPrecision_matchSpark() {
    assertThat(ParquetSchemas.minBytesForPrecision(10)).isEqualTo(5);
    assertThat(ParquetSchemas.minBytesForPrecision(19)).isEqualTo(9);
    assertThat(ParquetSchemas.minBytesForPrecision(38)).isEqualTo(16);
  }
}
