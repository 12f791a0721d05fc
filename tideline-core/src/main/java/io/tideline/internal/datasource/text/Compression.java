package io.tideline.internal.datasource.text;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * The {@code compression} (or {@code codec}) option of the line-based writers: {@code none} or
 * {@code gzip}, the codecs the JDK provides without native code.
 */
public final class Compression {
  private Compression() {}

  private static String codec(SourceOptions opts) {
    String c = opts.get("compression", opts.get("codec", "none"));
    String lower = c.toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "none", "uncompressed" -> "none";
      case "gzip", "gz" -> "gzip";
      default -> throw FileErrors.unsupportedCompression(opts.format(), c, "none, gzip");
    };
  }

  /** The file name suffix for the chosen codec: {@code ".gz"} or empty. */
  public static String extension(SourceOptions opts) {
    return codec(opts).equals("gzip") ? ".gz" : "";
  }

  /** A buffered stream writing {@code file} with the chosen codec. */
  public static OutputStream open(Path file, SourceOptions opts) throws IOException {
    OutputStream raw = Files.newOutputStream(file);
    if (codec(opts).equals("gzip")) {
      return new BufferedOutputStream(new GZIPOutputStream(raw, 64 * 1024), 64 * 1024);
    }
    return new BufferedOutputStream(raw, 64 * 1024);
  }
}
