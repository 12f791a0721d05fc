package io.tideline.internal.streaming.sinks;

/** The file sink of {@code format("json")}. */
public final class JsonFileSinkProvider extends FileStreamSinkProvider {
  public JsonFileSinkProvider() {
    super("json");
  }
}
