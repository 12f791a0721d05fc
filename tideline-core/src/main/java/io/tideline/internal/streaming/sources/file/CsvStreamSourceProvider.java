package io.tideline.internal.streaming.sources.file;

/** The {@code csv} file stream source: {@code t.readStream().format("csv")}. */
public final class CsvStreamSourceProvider extends FileStreamSourceProvider {
  public CsvStreamSourceProvider() {
    super("csv");
  }
}
