package io.tideline.internal.streaming.sources.file;

import io.tideline.internal.streaming.files.FileStreamErrors;
import io.tideline.internal.streaming.files.FileStreamSourceOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A file stream source's options, split into what the source itself uses and what it passes to the
 * file format for every batch read, as Spark's {@code FileStreamSource} does.
 *
 * @param path the absolute, normalised folder, file or glob to read
 * @param qualifiedPath {@code path} as Spark qualifies it, {@code file:/data/in}
 * @param streamOptions the source's own options (rate limits, order, age, cleanSource)
 * @param readOptions every option but {@code path}, keys lower-cased as the batch reader passes
 *     them, for the file format (header, multiLine, mode, columnNameOfCorruptRecord, ...)
 * @param maxCachedFiles how many listed files beyond a rate-limited batch are kept for the next
 *     batches, so they need no new listing ({@code maxCachedFiles}, 10000 by default)
 * @param discardCachedInputRatio below this fraction of the limit, the kept files are dropped and
 *     the next batch lists again, so it is not nearly empty ({@code discardCachedInputRatio}, 0.2)
 */
record FileSourceSettings(
    Path path,
    String qualifiedPath,
    FileStreamSourceOptions streamOptions,
    Map<String, String> readOptions,
    int maxCachedFiles,
    float discardCachedInputRatio) {

  /** Spark refuses these in streaming: a stream reads every new file once, whatever its time. */
  private static final List<String> NOT_ALLOWED = List.of("modifiedBefore", "modifiedAfter");

  /**
   * Parses and checks the options of a source of {@code format}.
   *
   * @throws io.tideline.internal.errors.TidelineException if {@code path} is missing, an option is
   *     not allowed, or a source option has a bad value
   */
  static FileSourceSettings parse(String format, Map<String, String> options) {
    String pathText = null;
    Map<String, String> readOptions = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String key = e.getKey().toLowerCase(Locale.ROOT);
      if (key.equals("path")) {
        pathText = e.getValue();
      } else {
        readOptions.put(key, e.getValue());
      }
    }
    if (pathText == null || pathText.isBlank()) {
      throw FileSourceErrors.pathNotSpecified(format);
    }
    Path path = localPath(pathText);
    String qualified = "file:" + path;
    for (String option : NOT_ALLOWED) {
      if (readOptions.containsKey(option.toLowerCase(Locale.ROOT))) {
        throw FileSourceErrors.optionNotAllowed(option, format, qualified);
      }
    }
    return new FileSourceSettings(
        path,
        qualified,
        FileStreamSourceOptions.fromMap(options),
        Map.copyOf(readOptions),
        maxCachedFiles(readOptions.get("maxcachedfiles")),
        discardCachedInputRatio(readOptions.get("discardcachedinputratio")));
  }

  private static int maxCachedFiles(String text) {
    if (text == null) {
      return 10_000;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below, as any other bad value.
    }
    throw FileStreamErrors.invalidOption(
        "maxCachedFiles", text, "must be an integer greater than or equal to 0");
  }

  private static float discardCachedInputRatio(String text) {
    if (text == null) {
      return 0.2f;
    }
    try {
      float value = Float.parseFloat(text.trim());
      if (value >= 0 && value <= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below, as any other bad value.
    }
    throw FileStreamErrors.invalidOption(
        "discardCachedInputRatio", text, "must be a positive float between 0 and 1");
  }

  /** A local path from {@code /x}, {@code file:/x} or {@code file:///x}, globs kept as they are. */
  private static Path localPath(String text) {
    String p = text.trim();
    if (p.startsWith("file:")) {
      p = p.substring("file:".length());
      while (p.startsWith("//")) {
        p = p.substring(1);
      }
    }
    return Path.of(p).toAbsolutePath().normalize();
  }
}
