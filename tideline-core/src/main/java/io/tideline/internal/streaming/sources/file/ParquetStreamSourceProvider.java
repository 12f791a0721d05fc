package io.tideline.internal.streaming.sources.file;

/** The {@code parquet} file stream source: {@code t.readStream().format("parquet")}. */
public final class ParquetStreamSourceProvider extends FileStreamSourceProvider {
  public ParquetStreamSourceProvider() {
    super("parquet");
  }
}
