package io.tideline.internal.datasource.parquet;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.text.FileErrors;
import io.tideline.internal.datasource.text.SourceOptions;
import java.util.Locale;
import java.util.Map;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The Parquet writer's options: {@code compression} (or {@code codec}; default {@code
 * tideline.sql.parquet.compression.codec}, else snappy, as Spark), and parquet-mr's own {@code
 * parquet.block.size} (row group bytes, 128 MiB), {@code parquet.page.size} (1 MiB) and {@code
 * parquet.enable.dictionary} (true).
 */
record ParquetWriteOptions(
    CompressionCodecName codec, long rowGroupSizeBytes, int pageSizeBytes, boolean dictionary) {

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
        o.getBoolean("parquet.enable.dictionary", true));
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
