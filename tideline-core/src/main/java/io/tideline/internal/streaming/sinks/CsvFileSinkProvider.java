package io.tideline.internal.streaming.sinks;

/** The file sink of {@code format("csv")}. */
public final class CsvFileSinkProvider extends FileStreamSinkProvider {
  public CsvFileSinkProvider() {
    super("csv");
  }
}
