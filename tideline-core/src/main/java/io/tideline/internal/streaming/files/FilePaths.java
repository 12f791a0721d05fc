package io.tideline.internal.streaming.files;

import java.net.URI;
import java.nio.file.Path;

/** Conversions between local paths and the URI strings the file logs record. */
public final class FilePaths {
  private FilePaths() {}

  /** The URI a log records for a local file: absolute, normalised, {@code file:///...}. */
  public static String toUri(Path file) {
    return file.toAbsolutePath().normalize().toUri().toString();
  }

  /**
   * One spelling for the URIs of one local file: {@code file:/x}, as Hadoop writes it, and {@code
   * file:///x}, as Java does, both become {@code file:///x}. Other schemes are left as they are.
   */
  public static String normalizeUri(String uri) {
    if (uri.startsWith("file:/") && !uri.startsWith("file:///")) {
      return "file:///" + uri.substring("file:/".length());
    }
    return uri;
  }

  /** The local path of a recorded URI (either spelling), or of a plain path string. */
  public static Path toPath(String uri) {
    if (uri.startsWith("file:")) {
      return Path.of(URI.create(normalizeUri(uri)));
    }
    return Path.of(uri);
  }
}
