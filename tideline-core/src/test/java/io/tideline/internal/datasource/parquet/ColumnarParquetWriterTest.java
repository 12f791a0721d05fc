package io.tideline.internal.datasource.parquet;

import static io.tideline.internal.datasource.text.FormatTestSupport.readAll;
import static io.tideline.internal.datasource.text.FormatTestSupport.row;
import static io.tideline.internal.datasource.text.FormatTestSupport.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.BatchWriter;
import io.tideline.internal.datasource.text.FormatTestSupport;
import io.tideline.internal.vector.Batch;
import io.tideline.types.DataTypes;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColumnarParquetWriterTest {
  private static final StructType BRONZE =
      schema(
          "order_id STRING, customer_id STRING, product STRING, amount DOUBLE, order_time"
              + " TIMESTAMP, kafka_timestamp TIMESTAMP");

  private final ParquetFileFormat parquet = new ParquetFileFormat();
  private final TidelineConf conf = new TidelineConf();
  @TempDir Path dir;

  private Path write(StructType schema, Map<String, String> options, Batch... batches)
      throws IOException {
    Path out = dir.resolve("part-" + System.nanoTime() + ".parquet");
    try (BatchWriter w = parquet.newWriter(out, schema, options, conf)) {
      for (Batch b : batches) {
        w.write(b);
      }
    }
    return out;
  }

  private static ParquetMetadata footer(Path file) throws IOException {
    try (ParquetFileReader reader = ParquetFileFormat.openReader(file)) {
      return reader.getFooter();
    }
  }

  private static List<List<Object>> bronzeRows(int n, int distinctOrderIds) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(
          row(
              "order-" + (i % distinctOrderIds) + "-padding-to-make-the-value-longer",
              i % 7 == 0 ? null : "customer-" + (i % 100),
              i % 11 == 0 ? "" : "product-" + (i % 5),
              i % 13 == 0 ? null : i * 1.25,
              Instant.ofEpochSecond(1_700_000_000L + i, 123_000),
              Instant.ofEpochSecond(1_700_000_000L + i, 456_000)));
    }
    return rows;
  }

  @Test
  void newWriter_picksColumnarForFlatSchemas_andTheRowPathForNestedOnes() throws IOException {
    Path flat = dir.resolve("flat.parquet");
    Path nested = dir.resolve("nested.parquet");
    Path forced = dir.resolve("forced.parquet");
    try (BatchWriter w = parquet.newWriter(flat, BRONZE, Map.of(), conf)) {
      assertThat(w).isInstanceOf(ColumnarParquetWriter.class);
    }
    try (BatchWriter w =
        parquet.newWriter(nested, schema("id INT, tags ARRAY<STRING>"), Map.of(), conf)) {
      assertThat(w).isInstanceOf(ParquetBatchWriter.class);
    }
    try (BatchWriter w =
        parquet.newWriter(forced, BRONZE, Map.of(ParquetWriteOptions.COLUMNAR, "false"), conf)) {
      assertThat(w).isInstanceOf(ParquetBatchWriter.class);
    }
  }

  @Test
  void write_bronzeRowsWithNullsAndEmptyStrings_readBackByTidelineAndParquetMr()
      throws IOException {
    List<List<Object>> rows = bronzeRows(500, 500);
    Path f =
        write(
            BRONZE,
            Map.of(),
            FormatTestSupport.batch(BRONZE, rows.subList(0, 200)),
            FormatTestSupport.batch(BRONZE, rows.subList(200, 500)));
    assertThat(readAll(parquet, f, BRONZE, BRONZE, Map.of(), conf)).isEqualTo(rows);

    List<Group> groups = readWithParquetMrExampleReader(f);
    assertThat(groups).hasSize(500);
    Group g7 = groups.get(7);
    assertThat(g7.getString("order_id", 0)).isEqualTo("order-7-padding-to-make-the-value-longer");
    assertThat(g7.getFieldRepetitionCount("customer_id")).isZero();
    Group g11 = groups.get(11);
    assertThat(g11.getString("product", 0)).isEmpty();
    assertThat(g11.getDouble("amount", 0)).isEqualTo(13.75);
    assertThat(g11.getLong("order_time", 0)).isEqualTo(1_700_000_011_000_123L);
    assertThat(groups.get(13).getFieldRepetitionCount("amount")).isZero();
  }

  private static List<Group> readWithParquetMrExampleReader(Path f) throws IOException {
    List<Group> groups = new ArrayList<>();
    try (ParquetReader<Group> reader =
        new ParquetReader.Builder<Group>(new LocalInputFile(f)) {
          @Override
          protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
          }
        }.build()) {
      Group g;
      while ((g = reader.read()) != null) {
        groups.add(g);
      }
    }
    return groups;
  }

  @Test
  void write_noRowsOrEmptyBatches_givesAReadableFileWithNoRowGroup() throws IOException {
    Batch empty = FormatTestSupport.batch(BRONZE, List.of());
    Path none = write(BRONZE, Map.of());
    Path emptyBatches = write(BRONZE, Map.of(), empty, empty);
    for (Path f : List.of(none, emptyBatches)) {
      assertThat(footer(f).getBlocks()).isEmpty();
      assertThat(parquet.inferSchema(List.of(f), Map.of(), conf)).isEqualTo(BRONZE);
      assertThat(readAll(parquet, f, BRONZE, BRONZE, Map.of(), conf)).isEmpty();
    }
  }

  @Test
  void write_selectionVector_writesOnlyLiveRowsInOrder() throws IOException {
    List<List<Object>> physical = bronzeRows(10, 10);
    Batch b = FormatTestSupport.batch(BRONZE, physical).withSelection(new int[] {1, 4, 5, 9}, 4);
    Path f = write(BRONZE, Map.of(), b);
    assertThat(readAll(parquet, f, BRONZE, BRONZE, Map.of(), conf))
        .containsExactly(physical.get(1), physical.get(4), physical.get(5), physical.get(9));
    assertThat(footer(f).getBlocks().get(0).getRowCount()).isEqualTo(4);
  }

  @Test
  void write_smallRowGroupSize_cutsManyRowGroupsAndKeepsEveryRow() throws IOException {
    List<List<Object>> rows = bronzeRows(5000, 5000);
    Path f =
        write(
            BRONZE,
            Map.of("parquet.block.size", "16384", "parquet.page.size", "2048"),
            FormatTestSupport.batch(BRONZE, rows.subList(0, 4096)),
            FormatTestSupport.batch(BRONZE, rows.subList(4096, 5000)));
    List<BlockMetaData> blocks = footer(f).getBlocks();
    assertThat(blocks).hasSizeGreaterThan(3);
    assertThat(blocks.stream().mapToLong(BlockMetaData::getRowCount).sum()).isEqualTo(5000);
    // A row group is cut at the record writer's size checks, not only at batch ends.
    assertThat(blocks.get(0).getRowCount()).isLessThan(4096);
    assertThat(readAll(parquet, f, BRONZE, BRONZE, Map.of(), conf)).isEqualTo(rows);
    assertThat(readWithParquetMrExampleReader(f)).hasSize(5000);
  }

  @Test
  void write_manyDistinctStrings_fallsBackFromDictionaryToPlain() throws IOException {
    // The first pages repeat a few order ids, so parquet-mr keeps the dictionary (it judges it on
    // the first page); then over 1 MiB of distinct ids outgrow the dictionary page limit, and the
    // later pages fall back to plain: the chunk has both.
    List<List<Object>> rows = bronzeRows(30_000, 30_000);
    for (int i = 0; i < 2000; i++) {
      rows.get(i).set(0, "repeated-" + (i % 10));
    }
    Path f =
        write(BRONZE, Map.of("parquet.page.size", "8192"), FormatTestSupport.batch(BRONZE, rows));
    ParquetMetadata footer = footer(f);
    ColumnChunkMetaData orderId = footer.getBlocks().get(0).getColumns().get(0);
    ColumnChunkMetaData product = footer.getBlocks().get(0).getColumns().get(2);
    Set<Encoding> dictionaryEncodings =
        EnumSet.of(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);
    assertThat(orderId.getEncodings())
        .contains(Encoding.PLAIN)
        .containsAnyElementsOf(dictionaryEncodings);
    assertThat(product.getEncodings()).containsAnyElementsOf(dictionaryEncodings);
    assertThat(product.getEncodings()).doesNotContain(Encoding.PLAIN);
    assertThat(orderId.getCodec()).isEqualTo(CompressionCodecName.SNAPPY);
    assertThat(orderId.getStatistics().getNumNulls()).isZero();
    assertThat(footer.getBlocks().get(0).getColumns().get(1).getStatistics().getNumNulls())
        .isEqualTo(30_000 / 7 + 1);
    assertThat(readAll(parquet, f, BRONZE, BRONZE, Map.of(), conf)).isEqualTo(rows);
  }

  @Test
  void write_sameOptions_sameFileKindAsTheRowPath() throws IOException {
    List<List<Object>> rows = bronzeRows(3000, 300);
    Batch b = FormatTestSupport.batch(BRONZE, rows);
    Map<String, String> gzip = Map.of("compression", "gzip");
    ParquetMetadata columnar = footer(write(BRONZE, gzip, b));
    ParquetMetadata row =
        footer(
            write(BRONZE, Map.of("compression", "gzip", ParquetWriteOptions.COLUMNAR, "false"), b));
    assertThat(columnar.getFileMetaData().getKeyValueMetaData())
        .isEqualTo(row.getFileMetaData().getKeyValueMetaData())
        .containsEntry("writer.model.name", "tideline");
    assertThat(columnar.getBlocks()).hasSameSizeAs(row.getBlocks());
    for (int c = 0; c < BRONZE.size(); c++) {
      ColumnChunkMetaData cc = columnar.getBlocks().get(0).getColumns().get(c);
      ColumnChunkMetaData rc = row.getBlocks().get(0).getColumns().get(c);
      assertThat(cc.getCodec()).as("column %d", c).isEqualTo(CompressionCodecName.GZIP);
      assertThat(cc.getEncodings()).as("column %d", c).isEqualTo(rc.getEncodings());
      assertThat(cc.getStatistics()).as("column %d", c).isEqualTo(rc.getStatistics());
      assertThat(cc.getValueCount()).isEqualTo(rc.getValueCount());
    }
  }

  @Test
  void write_everyPrimitiveTypeAndDecimalClass_usesSparkLayoutAndRoundTrips() throws IOException {
    StructType s =
        new StructType(
            List.of(
                new StructField("b", DataTypes.BooleanType, false),
                new StructField("t", DataTypes.ByteType, true),
                new StructField("sm", DataTypes.ShortType, true),
                new StructField("f", DataTypes.FloatType, true),
                new StructField("dt", DataTypes.DateType, false),
                new StructField("bin", DataTypes.BinaryType, true),
                new StructField("d9", DataTypes.createDecimalType(9, 2), true),
                new StructField("d18", DataTypes.createDecimalType(18, 4), false),
                new StructField("d38", DataTypes.createDecimalType(38, 10), true)));
    List<List<Object>> rows =
        List.of(
            Arrays.asList(
                true,
                (byte) -5,
                (short) 300,
                1.5f,
                LocalDate.of(2024, 2, 29),
                new byte[] {1, 2, 3},
                new BigDecimal("-1234567.89"),
                new BigDecimal("-12345678901234.5678"),
                new BigDecimal("-1234567890123456789012345678.0123456789")),
            Arrays.asList(
                false,
                null,
                null,
                null,
                LocalDate.of(1900, 1, 1),
                null,
                null,
                new BigDecimal("0.0001"),
                null),
            Arrays.asList(
                true,
                Byte.MAX_VALUE,
                Short.MIN_VALUE,
                Float.NaN,
                LocalDate.of(1970, 1, 1),
                new byte[0],
                new BigDecimal("9999999.99"),
                new BigDecimal("99999999999999.9999"),
                new BigDecimal("9999999999999999999999999999.9999999999")));
    Path f = write(s, Map.of(), FormatTestSupport.batch(s, rows));
    var columns = footer(f).getFileMetaData().getSchema().getColumns();
    assertThat(columns.get(6).getPrimitiveType().getPrimitiveTypeName())
        .isEqualTo(PrimitiveTypeName.INT32);
    assertThat(columns.get(7).getPrimitiveType().getPrimitiveTypeName())
        .isEqualTo(PrimitiveTypeName.INT64);
    assertThat(columns.get(8).getPrimitiveType().getPrimitiveTypeName())
        .isEqualTo(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY);
    assertThat(columns.get(8).getPrimitiveType().getTypeLength()).isEqualTo(16);
    assertThat(columns.get(0).getMaxDefinitionLevel()).isZero();
    List<List<Object>> back = readAll(parquet, f, s, s, Map.of(), conf);
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < s.size(); c++) {
        Object expected = rows.get(r).get(c);
        Object actual = back.get(r).get(c);
        if (expected instanceof byte[] e) {
          assertThat((byte[]) actual).as("row %d col %d", r, c).isEqualTo(e);
        } else {
          assertThat(actual).as("row %d col %d", r, c).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void write_nullInNotNullColumn_failsNamingTheColumn() throws IOException {
    StructType s = new StructType(List.of(new StructField("id", DataTypes.LongType, false)));
    Batch b = FormatTestSupport.batch(s, List.of(row(1L), Arrays.asList((Object) null)));
    Path out = dir.resolve("bad.parquet");
    try (BatchWriter w = parquet.newWriter(out, s, Map.of(), conf)) {
      assertThatThrownBy(() -> w.write(b))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("column id is declared NOT NULL");
    }
  }
}
