package io.tideline.internal.streaming.sinks;

/** The file sink of {@code format("parquet")}. */
public final class ParquetFileSinkProvider extends FileStreamSinkProvider {
  public ParquetFileSinkProvider() {
    super("parquet");
  }
}
