package io.tideline.internal.delta;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The options of the Delta streaming source, as delta-spark's: {@code startingVersion} (a version
 * or {@code latest}), {@code startingTimestamp}, {@code maxFilesPerTrigger} (default 1000), {@code
 * maxBytesPerTrigger} (a soft limit: a batch takes at least one file), {@code ignoreDeletes},
 * {@code ignoreChanges}, {@code skipChangeCommits}, and {@code tableName} (set by {@code
 * readStream().table(name)}, for messages). Invalid values fail at {@code load()}.
 */
record DeltaSourceOptions(
    String path,
    Optional<String> tableName,
    Optional<String> startingVersion,
    Optional<String> startingTimestamp,
    OptionalInt maxFilesPerTrigger,
    OptionalLong maxBytesPerTrigger,
    boolean ignoreDeletes,
    boolean ignoreChanges,
    boolean skipChangeCommits) {

  /** delta-spark's {@code maxFilesPerTrigger} when neither limit is set. */
  static final int DEFAULT_MAX_FILES_PER_TRIGGER = 1000;

  /** The options of {@code readStream().format("delta")}. */
  static DeltaSourceOptions of(Map<String, String> raw) {
    DeltaOptions o = new DeltaOptions(raw);
    String path =
        o.path()
            .orElseThrow(
                () -> DeltaErrors.pathRequired("readStream().format(\"delta\").load(path)"));
    Optional<String> startingVersion = o.get("startingVersion").map(String::trim);
    Optional<String> startingTimestamp = o.get("startingTimestamp").map(String::trim);
    if (startingVersion.isPresent() && startingTimestamp.isPresent()) {
      throw DeltaErrors.startingVersionAndTimestampBothSet(DeltaTable.at(path).displayPath());
    }
    startingVersion.ifPresent(
        v -> {
          if (!v.equalsIgnoreCase("latest") && parseVersion(v) < 0) {
            throw DeltaErrors.invalidOption(
                "startingVersion", v, "a table version (0 or more) or latest");
          }
        });
    OptionalInt maxFiles = OptionalInt.empty();
    Optional<String> files = o.get("maxFilesPerTrigger");
    if (files.isPresent()) {
      long n = parseVersion(files.get().trim());
      if (n <= 0 || n > Integer.MAX_VALUE) {
        throw DeltaErrors.invalidOption("maxFilesPerTrigger", files.get(), "a positive integer");
      }
      maxFiles = OptionalInt.of((int) n);
    }
    OptionalLong maxBytes = OptionalLong.empty();
    Optional<String> bytes = o.get("maxBytesPerTrigger");
    if (bytes.isPresent()) {
      long n = parseBytes(bytes.get());
      if (n <= 0) {
        throw DeltaErrors.invalidOption(
            "maxBytesPerTrigger", bytes.get(), "a positive size such as 1048576, 512k or 1g");
      }
      maxBytes = OptionalLong.of(n);
    }
    return new DeltaSourceOptions(
        path,
        o.get("tableName").filter(n -> !n.isBlank()),
        startingVersion,
        startingTimestamp,
        maxFiles,
        maxBytes,
        o.bool("ignoreDeletes"),
        o.bool("ignoreChanges"),
        o.bool("skipChangeCommits"));
  }

  /** Whether the stream starts from a given commit rather than from the latest snapshot. */
  boolean startsFromCommit() {
    return startingVersion.isPresent() || startingTimestamp.isPresent();
  }

  /** Commits that change existing data are allowed (delta-spark's {@code shouldAllowChanges}). */
  boolean allowsChanges() {
    return ignoreChanges || skipChangeCommits;
  }

  /** Commits that only delete data are allowed (delta-spark's {@code shouldAllowDeletes}). */
  boolean allowsDeletes() {
    return allowsChanges() || ignoreDeletes;
  }

  /** A non-negative number, or -1 when the text is not one. */
  private static long parseVersion(String text) {
    try {
      long v = Long.parseLong(text);
      return v < 0 ? -1 : v;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A byte size as Spark's {@code bytesConf} reads it: a number with an optional unit. */
  private static long parseBytes(String text) {
    String s = text.trim().toLowerCase(java.util.Locale.ROOT);
    long unit = 1;
    String[] suffixes = {"kb", "mb", "gb", "tb", "k", "m", "g", "t", "b"};
    long[] units = {
      1L << 10, 1L << 20, 1L << 30, 1L << 40, 1L << 10, 1L << 20, 1L << 30, 1L << 40, 1
    };
    for (int i = 0; i < suffixes.length; i++) {
      if (s.endsWith(suffixes[i])) {
        unit = units[i];
        s = s.substring(0, s.length() - suffixes[i].length()).trim();
        break;
      }
    }
    try {
      return Math.multiplyExact(Long.parseLong(s), unit);
    } catch (NumberFormatException | ArithmeticException e) {
      return -1;
    }
  }
}
