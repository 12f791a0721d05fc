package io.tideline.internal.datasource.text;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A file source's options with Spark's case-insensitive keys and typed accessors that refuse bad
 * values with {@link FileErrors#invalidOption}.
 */
public final class SourceOptions {
  private final String format;
  private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  public SourceOptions(String format, Map<String, String> options) {
    this.format = format;
    if (options != null) {
      values.putAll(options);
    }
  }

  public String format() {
    return format;
  }

  public String get(String key) {
    return values.get(key);
  }

  public String get(String key, String defaultValue) {
    String v = values.get(key);
    return v == null ? defaultValue : v;
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** Spark's boolean options accept only {@code true} and {@code false}, in any case. */
  public boolean getBoolean(String key, boolean defaultValue) {
    String v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    String lower = v.trim().toLowerCase(Locale.ROOT);
    if (lower.equals("true")) {
      return true;
    }
    if (lower.equals("false")) {
      return false;
    }
    throw FileErrors.invalidOption(format, key, v, "it must be 'true' or 'false'");
  }

  public int getInt(String key, int defaultValue) {
    String v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw FileErrors.invalidOption(format, key, v, "it must be an integer");
    }
  }
}
