package io.tideline.internal.streaming.files;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The options of the file stream source that decide which files make a batch and what happens to
 * them afterwards, parsed and checked as Spark's {@code FileStreamOptions} does.
 *
 * @param maxFilesPerTrigger at most this many new files per batch
 * @param maxBytesPerTrigger at most this many bytes per batch, but at least one file
 * @param latestFirst take the newest files first
 * @param maxFileAgeMs the configured {@code maxFileAge}; see {@link #effectiveMaxFileAgeMs()}
 * @param fileNameOnly identify files by name only
 * @param cleanSource what to do with the files of a committed batch
 * @param sourceArchiveDir where {@link CleanSourceMode#ARCHIVE} moves them
 */
public record FileStreamSourceOptions(
    OptionalInt maxFilesPerTrigger,
    OptionalLong maxBytesPerTrigger,
    boolean latestFirst,
    long maxFileAgeMs,
    boolean fileNameOnly,
    CleanSourceMode cleanSource,
    Optional<String> sourceArchiveDir) {

  /** Spark's default {@code maxFileAge}, 7 days. */
  public static final long DEFAULT_MAX_FILE_AGE_MS = 7L * 24 * 60 * 60 * 1000;

  /** What the source does with the files of a batch once the batch is committed. */
  public enum CleanSourceMode {
    OFF,
    ARCHIVE,
    DELETE
  }

  public FileStreamSourceOptions {
    if (maxFilesPerTrigger.isPresent() && maxBytesPerTrigger.isPresent()) {
      throw FileStreamErrors.conflictingOptions("maxFilesPerTrigger", "maxBytesPerTrigger");
    }
    if (cleanSource == CleanSourceMode.ARCHIVE && sourceArchiveDir.isEmpty()) {
      throw FileStreamErrors.invalidOption(
          "sourceArchiveDir",
          "",
          "archive mode of cleanSource needs the 'sourceArchiveDir' option");
    }
  }

  /** The defaults: no rate limit, oldest first, 7 days max age, no cleaning. */
  public static FileStreamSourceOptions defaults() {
    return fromMap(Map.of());
  }

  /**
   * Parses the user's options; keys are case-insensitive, unknown keys are ignored (they belong to
   * the file format).
   */
  public static FileStreamSourceOptions fromMap(Map<String, String> options) {
    Map<String, String> byKey = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byKey.putAll(options);
    OptionalInt maxFiles = OptionalInt.empty();
    String files = byKey.get("maxFilesPerTrigger");
    if (files != null) {
      long value = positiveLong("maxFilesPerTrigger", files);
      if (value > Integer.MAX_VALUE) {
        throw FileStreamErrors.invalidOption(
            "maxFilesPerTrigger", files, "must be a positive integer");
      }
      maxFiles = OptionalInt.of((int) value);
    }
    OptionalLong maxBytes = OptionalLong.empty();
    String bytes = byKey.get("maxBytesPerTrigger");
    if (bytes != null) {
      maxBytes = OptionalLong.of(positiveLong("maxBytesPerTrigger", bytes));
    }
    String maxAge = byKey.getOrDefault("maxFileAge", "7d");
    long maxAgeMs = TimeStrings.toMs("maxFileAge", maxAge);
    if (maxAgeMs < 0) {
      throw FileStreamErrors.invalidOption("maxFileAge", maxAge, "must not be negative");
    }
    return new FileStreamSourceOptions(
        maxFiles,
        maxBytes,
        bool(byKey, "latestFirst"),
        maxAgeMs,
        bool(byKey, "fileNameOnly"),
        cleanSourceMode(byKey.getOrDefault("cleanSource", "off")),
        Optional.ofNullable(byKey.get("sourceArchiveDir")));
  }

  /**
   * The max age the seen-files map uses: none when {@code latestFirst} is combined with a per-batch
   * limit, since then old files are still waiting for their turn and must not be dropped (Spark's
   * rule).
   */
  public long effectiveMaxFileAgeMs() {
    if (latestFirst && (maxFilesPerTrigger.isPresent() || maxBytesPerTrigger.isPresent())) {
      return Long.MAX_VALUE;
    }
    return maxFileAgeMs;
  }

  private static long positiveLong(String option, String text) {
    long value;
    try {
      value = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      value = 0;
    }
    if (value <= 0) {
      throw FileStreamErrors.invalidOption(option, text, "must be a positive integer");
    }
    return value;
  }

  private static boolean bool(Map<String, String> byKey, String option) {
    String text = byKey.get(option);
    if (text == null) {
      return false;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw FileStreamErrors.invalidOption(option, text, "must be 'true' or 'false'");
    };
  }

  private static CleanSourceMode cleanSourceMode(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "off" -> CleanSourceMode.OFF;
      case "archive" -> CleanSourceMode.ARCHIVE;
      case "delete" -> CleanSourceMode.DELETE;
      default ->
          throw FileStreamErrors.invalidOption(
              "cleanSource", text, "must be one of 'archive', 'delete', 'off'");
    };
  }
}
