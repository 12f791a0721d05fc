package io.tideline.internal.conf;

import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session's configuration: string keys and values, read through typed accessors. Keys follow
 * Spark's with {@code tideline.} in place of {@code spark.}; a {@code spark.} key is accepted as an
 * alias so users can paste their Spark settings.
 */
public final class TidelineConf {
  public static final String ANSI_ENABLED = "tideline.sql.ansi.enabled";
  public static final String SESSION_TIME_ZONE = "tideline.sql.session.timeZone";
  public static final String SHUFFLE_PARTITIONS = "tideline.shuffle.partitions";
  public static final String CASE_SENSITIVE = "tideline.sql.caseSensitive";

  /** Rows per columnar batch produced by scans. */
  public static final String BATCH_SIZE = "tideline.sql.batchSize";

  public static final String PARALLELISM = "tideline.default.parallelism";
  public static final String MAX_PARTITION_BYTES = "tideline.sql.files.maxPartitionBytes";

  private final Map<String, String> values = new ConcurrentHashMap<>();

  public TidelineConf() {}

  public TidelineConf(Map<String, String> initial) {
    initial.forEach(this::set);
  }

  public TidelineConf set(String key, String value) {
    values.put(normalize(key), value);
    return this;
  }

  /** Removes a setting, so its default applies again (as Spark's {@code conf.unset}). */
  public TidelineConf unset(String key) {
    values.remove(normalize(key));
    return this;
  }

  public String get(String key, String defaultValue) {
    return values.getOrDefault(normalize(key), defaultValue);
  }

  public String get(String key) {
    return values.get(normalize(key));
  }

  public boolean getBoolean(String key, boolean defaultValue) {
    String v = get(key);
    return v == null ? defaultValue : Boolean.parseBoolean(v.trim());
  }

  public int getInt(String key, int defaultValue) {
    String v = get(key);
    return v == null ? defaultValue : Integer.parseInt(v.trim());
  }

  public long getLong(String key, long defaultValue) {
    String v = get(key);
    return v == null ? defaultValue : Long.parseLong(v.trim());
  }

  public Map<String, String> asMap() {
    return Map.copyOf(values);
  }

  public boolean ansiEnabled() {
    return getBoolean(ANSI_ENABLED, true);
  }

  /** The session time zone: Spark defaults it to the JVM's zone, and so do we. */
  public ZoneId sessionTimeZone() {
    String v = get(SESSION_TIME_ZONE);
    return v == null ? ZoneId.systemDefault() : ZoneId.of(v);
  }

  public boolean caseSensitive() {
    return getBoolean(CASE_SENSITIVE, false);
  }

  public int shufflePartitions() {
    return getInt(SHUFFLE_PARTITIONS, Runtime.getRuntime().availableProcessors());
  }

  public int batchSize() {
    return getInt(BATCH_SIZE, 4096);
  }

  public int parallelism() {
    return getInt(PARALLELISM, Runtime.getRuntime().availableProcessors());
  }

  public long maxPartitionBytes() {
    return getLong(MAX_PARTITION_BYTES, 32L * 1024 * 1024);
  }

  private static String normalize(String key) {
    return key.startsWith("spark.") ? "tideline." + key.substring("spark.".length()) : key;
  }
}
