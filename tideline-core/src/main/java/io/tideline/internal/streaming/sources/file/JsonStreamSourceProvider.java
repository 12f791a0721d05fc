package io.tideline.internal.streaming.sources.file;

/** The {@code json} file stream source: {@code t.readStream().format("json")}. */
public final class JsonStreamSourceProvider extends FileStreamSourceProvider {
  public JsonStreamSourceProvider() {
    super("json");
  }
}
