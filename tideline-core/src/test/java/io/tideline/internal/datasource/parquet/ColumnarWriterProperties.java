package io.tideline.internal.datasource.parquet;

import static io.tideline.internal.datasource.text.FormatTestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.BatchWriter;
import io.tideline.internal.datasource.text.FormatTestSupport;
import io.tideline.internal.vector.Batch;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * The column-at-a-time writer against the row-at-a-time one: for random flat schemas, rows, batch
 * splits, selection vectors, row-group and page sizes, both files read back as the rows written,
 * with the same Parquet schema and footer metadata.
 */
class ColumnarWriterProperties {
  private static final DataType[] TYPES = {
    DataTypes.BooleanType,
    DataTypes.ByteType,
    DataTypes.ShortType,
    DataTypes.IntegerType,
    DataTypes.LongType,
    DataTypes.FloatType,
    DataTypes.DoubleType,
    DataTypes.StringType,
    DataTypes.BinaryType,
    DataTypes.DateType,
    DataTypes.TimestampType,
    DataTypes.createDecimalType(9, 2),
    DataTypes.createDecimalType(18, 4),
    DataTypes.createDecimalType(38, 10)
  };

  @Property(tries = 40)
  void columnarAndRowWriters_writeTheSameRows(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 300) int numRows,
      @ForAll @IntRange(min = 1, max = 80) int batchRows,
      @ForAll boolean withSelection,
      @ForAll boolean smallRowGroups,
      @ForAll boolean dictionary)
      throws IOException {
    Random random = new Random(seed);
    StructType schema = randomSchema(random);
    List<List<Object>> rows = new ArrayList<>();
    for (int r = 0; r < numRows; r++) {
      rows.add(randomRow(schema, random));
    }
    Map<String, String> options = new HashMap<>();
    options.put("parquet.enable.dictionary", Boolean.toString(dictionary));
    if (smallRowGroups) {
      options.put("parquet.block.size", "1024");
      options.put("parquet.page.size", "128");
    }
    Path dir = Files.createTempDirectory("pqcol");
    try {
      Path columnar =
          write(
              dir.resolve("c.parquet"),
              schema,
              rows,
              batchRows,
              withSelection,
              options,
              random.nextLong(),
              true);
      Path row =
          write(
              dir.resolve("r.parquet"),
              schema,
              rows,
              batchRows,
              withSelection,
              options,
              random.nextLong(),
              false);
      TidelineConf conf = new TidelineConf();
      ParquetFileFormat parquet = new ParquetFileFormat();
      List<List<Object>> expected = comparable(rows);
      assertThat(comparable(readAll(parquet, columnar, schema, schema, Map.of(), conf)))
          .containsExactlyElementsOf(expected);
      assertThat(comparable(readAll(parquet, row, schema, schema, Map.of(), conf)))
          .containsExactlyElementsOf(expected);
      ParquetMetadata c = footer(columnar);
      ParquetMetadata r = footer(row);
      assertThat(c.getFileMetaData().getSchema()).isEqualTo(r.getFileMetaData().getSchema());
      assertThat(c.getFileMetaData().getKeyValueMetaData())
          .isEqualTo(r.getFileMetaData().getKeyValueMetaData());
      assertThat(c.getFileMetaData().getCreatedBy()).isEqualTo(r.getFileMetaData().getCreatedBy());
      assertThat(c.getBlocks().stream().mapToLong(b -> b.getRowCount()).sum()).isEqualTo(numRows);
    } finally {
      try (var paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * Writes {@code rows} in batches of {@code batchRows} live rows; with {@code withSelection} each
   * batch also holds dead rows of random values around the live ones, which must not be written.
   */
  private static Path write(
      Path file,
      StructType schema,
      List<List<Object>> rows,
      int batchRows,
      boolean withSelection,
      Map<String, String> options,
      long seed,
      boolean columnar)
      throws IOException {
    Map<String, String> o = new HashMap<>(options);
    o.put(ParquetWriteOptions.COLUMNAR, Boolean.toString(columnar));
    Random random = new Random(seed);
    ParquetFileFormat parquet = new ParquetFileFormat();
    try (BatchWriter w = parquet.newWriter(file, schema, o, new TidelineConf())) {
      assertThat(w instanceof ColumnarParquetWriter).isEqualTo(columnar);
      for (int from = 0; from < rows.size(); from += batchRows) {
        List<List<Object>> live = rows.subList(from, Math.min(rows.size(), from + batchRows));
        if (!withSelection) {
          w.write(FormatTestSupport.batch(schema, live));
          continue;
        }
        List<List<Object>> physical = new ArrayList<>();
        int[] selection = new int[live.size()];
        for (int k = 0; k < live.size(); k++) {
          if (random.nextBoolean()) {
            physical.add(randomRow(schema, random));
          }
          selection[k] = physical.size();
          physical.add(live.get(k));
        }
        physical.add(randomRow(schema, random));
        Batch b = FormatTestSupport.batch(schema, physical);
        w.write(b.withSelection(selection, selection.length));
      }
    }
    return file;
  }

  private static ParquetMetadata footer(Path file) throws IOException {
    try (ParquetFileReader reader = ParquetFileFormat.openReader(file)) {
      return reader.getFooter();
    }
  }

  private static StructType randomSchema(Random random) {
    int n = 1 + random.nextInt(6);
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      DataType t = TYPES[random.nextInt(TYPES.length)];
      fields.add(new StructField("c" + i, t, random.nextInt(4) != 0));
    }
    return new StructType(fields);
  }

  private static List<Object> randomRow(StructType schema, Random random) {
    Object[] values = new Object[schema.size()];
    for (int c = 0; c < values.length; c++) {
      StructField f = schema.field(c);
      values[c] = f.nullable() && random.nextInt(5) == 0 ? null : value(f.dataType(), random);
    }
    return Arrays.asList(values);
  }

  /** A value from a small domain or a wide one, so dictionaries both hit and fill up. */
  private static Object value(DataType t, Random random) {
    boolean small = random.nextBoolean();
    int pick = random.nextInt(small ? 4 : Integer.MAX_VALUE);
    if (t == DataTypes.BooleanType) {
      return random.nextBoolean();
    } else if (t == DataTypes.ByteType) {
      return (byte) pick;
    } else if (t == DataTypes.ShortType) {
      return (short) pick;
    } else if (t == DataTypes.IntegerType) {
      return small ? pick : random.nextInt();
    } else if (t == DataTypes.LongType) {
      return small ? (long) pick : random.nextLong();
    } else if (t == DataTypes.FloatType) {
      return small ? (float) pick : random.nextFloat() * 1e6f - 5e5f;
    } else if (t == DataTypes.DoubleType) {
      return small ? (double) pick : random.nextGaussian() * 1e9;
    } else if (t == DataTypes.StringType) {
      // Empty strings, multi-byte UTF-8 and strings long enough to fill small pages.
      return small ? "é".repeat(pick) : Long.toString(random.nextLong(), 36).repeat(1 + pick % 3);
    } else if (t == DataTypes.BinaryType) {
      byte[] b = new byte[small ? pick : random.nextInt(40)];
      random.nextBytes(b);
      return b;
    } else if (t == DataTypes.DateType) {
      return LocalDate.ofEpochDay(small ? pick : random.nextInt(200_000) - 100_000);
    } else if (t == DataTypes.TimestampType) {
      long micros = small ? pick : random.nextLong() % 4_000_000_000_000_000L;
      return Instant.ofEpochSecond(
          Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
    io.tideline.types.DecimalType d = (io.tideline.types.DecimalType) t;
    BigInteger unscaled =
        small
            ? BigInteger.valueOf(pick - 2)
            : new BigInteger(d.precision() * 3, random).mod(BigInteger.TEN.pow(d.precision()));
    if (!small && random.nextBoolean()) {
      unscaled = unscaled.negate();
    }
    return new BigDecimal(unscaled, d.scale());
  }

  /** Rows with byte arrays as lists, so rows compare by value. */
  private static List<List<Object>> comparable(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      List<Object> r = new ArrayList<>(row.size());
      for (Object v : row) {
        r.add(v instanceof byte[] b ? Arrays.toString(b) : v);
      }
      out.add(r);
    }
    return out;
  }
}
