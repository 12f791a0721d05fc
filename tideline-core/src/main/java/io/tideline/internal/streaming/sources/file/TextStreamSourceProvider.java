package io.tideline.internal.streaming.sources.file;

/** The {@code text} file stream source: {@code t.readStream().format("text")}. */
public final class TextStreamSourceProvider extends FileStreamSourceProvider {
  public TextStreamSourceProvider() {
    super("text");
  }
}
