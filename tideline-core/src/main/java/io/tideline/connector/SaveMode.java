package io.tideline.connector;

import java.util.Locale;

/**
 * What a batch write does when its target already holds data, as Spark's {@code SaveMode}: the
 * value of {@code df.write().mode(...)}.
 */
public enum SaveMode {
  /** Adds the rows to what is there. */
  Append,
  /** Replaces what is there. */
  Overwrite,
  /** Fails when the target holds data (the default). */
  ErrorIfExists,
  /** Writes nothing when the target holds data. */
  Ignore;

  /**
   * The mode of a {@code mode(...)} string ({@code append}, {@code overwrite}, {@code
   * errorifexists}, {@code error}, {@code default}, {@code ignore}, any case), or null when the
   * string names no mode.
   */
  public static SaveMode fromString(String mode) {
    return switch (mode.toLowerCase(Locale.ROOT)) {
      case "append" -> Append;
      case "overwrite" -> Overwrite;
      case "errorifexists", "error", "default" -> ErrorIfExists;
      case "ignore" -> Ignore;
      default -> null;
    };
  }
}
