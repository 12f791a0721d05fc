package io.tideline.internal.datasource.parquet;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.text.FileErrors;
import io.tideline.internal.datasource.text.SourceOptions;
import java.util.Locale;
import java.util.Map;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The Parquet writer's options: {@code compression} (or {@code codec}; default {@code
 * tideline.sql.parquet.compression.codec}, else snappy, as Spark), and parquet-mr's own {@code
 * parquet.block.size} (row group bytes, 128 MiB), {@code parquet.page.size} (1 MiB) and {@code
 * parquet.enable.dictionary} (true); and Tideline's {@value #COLUMNAR} (true), which picks the
 * column-at-a-time writer for schemas of top-level primitive columns ({@link
 * ColumnarParquetWriter}); false forces the row-at-a-time {@link ParquetBatchWriter}, kept for
 * nested schemas, for comparing the two in tests and benchmarks.
 */
record ParquetWriteOptions(
    CompressionCodecName codec,
    long rowGroupSizeBytes,
    int pageSizeBytes,
    boolean dictionary,
    boolean columnar) {
  /** The option that picks the column-at-a-time writer where the schema allows it. */
  static final String COLUMNAR = "tideline.parquet.columnarWriter";

  static ParquetWriteOptions of(Map<String, String> options, TidelineConf conf) {
    SourceOptions o = new SourceOptions(ParquetFileFormat.NAME, options);
    String name =
        o.get(
            "compression",
            o.get("codec", conf.get("tideline.sql.parquet.compression.codec", "snappy")));
    return new ParquetWriteOptions(
        codec(name),
        Long.parseLong(o.get("parquet.block.size", Long.toString(128L * 1024 * 1024))),
        o.getInt("parquet.page.size", 1024 * 1024),
        o.getBoolean("parquet.enable.dictionary", true),
        o.getBoolean(COLUMNAR, true));
  }

  /**
   * parquet-mr's encoding properties for these options, the ones its {@code ParquetWriter.Builder}
   * builds from the same settings: V1 data pages, dictionary encoding with fallback to plain, a
   * dictionary page limit of parquet-mr's default (1 MiB), statistics and column indexes. Both
   * writers use them, so their files are of one kind.
   */
  ParquetProperties properties() {
    return ParquetProperties.builder()
        .withPageSize(pageSizeBytes)
        .withDictionaryEncoding(dictionary)
        .build();
  }

  static CompressionCodecName codec(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "none", "uncompressed" -> CompressionCodecName.UNCOMPRESSED;
      case "snappy" -> CompressionCodecName.SNAPPY;
      case "gzip" -> CompressionCodecName.GZIP;
      case "zstd" -> CompressionCodecName.ZSTD;
      case "lz4_raw" -> CompressionCodecName.LZ4_RAW;
      default ->
          throw FileErrors.unsupportedCompression(
              ParquetFileFormat.NAME, name, "none, uncompressed, snappy, gzip, zstd, lz4_raw");
    };
  }

  /**
   * The codec's part of Spark's file names, e.g. {@code .snappy} in {@code part-0.snappy.parquet}.
   */
  String extensionPrefix() {
    return codec.getExtension();
  }
}
