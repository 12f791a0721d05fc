package io.tideline.internal.streaming.sinks;

/** The file sink of {@code format("text")}. */
public final class TextFileSinkProvider extends FileStreamSinkProvider {
  public TextFileSinkProvider() {
    super("text");
  }
}
