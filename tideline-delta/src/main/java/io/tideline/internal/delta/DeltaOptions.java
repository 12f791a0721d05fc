package io.tideline.internal.delta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The options of the {@code delta} format, looked up case-insensitively: {@code mergeSchema},
 * {@code partitionBy} (batch writes), {@code txnAppId}/{@code txnVersion}, {@code versionAsOf},
 * {@code timestampAsOf}, and {@code delta.*} table properties.
 */
final class DeltaOptions {
  private final Map<String, String> options;

  DeltaOptions(Map<String, String> options) {
    Map<String, String> lower = new LinkedHashMap<>();
    options.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    this.options = lower;
  }

  Optional<String> get(String key) {
    return Optional.ofNullable(options.get(key.toLowerCase(Locale.ROOT)));
  }

  /** The table path: the {@code path} option. */
  Optional<String> path() {
    return get("path").filter(p -> !p.isBlank());
  }

  boolean mergeSchema() {
    return bool("mergeSchema");
  }

  boolean bool(String key) {
    Optional<String> v = get(key);
    if (v.isEmpty()) {
      return false;
    }
    String s = v.get().trim().toLowerCase(Locale.ROOT);
    if (!s.equals("true") && !s.equals("false")) {
      throw DeltaErrors.invalidOption(key, v.get(), "true or false");
    }
    return s.equals("true");
  }

  /** {@code partitionBy} as an option: comma-separated column names. */
  List<String> partitionBy() {
    List<String> out = new ArrayList<>();
    get("partitionBy")
        .ifPresent(
            v -> {
              for (String c : v.split(",")) {
                if (!c.isBlank()) {
                  out.add(c.trim());
                }
              }
            });
    return out;
  }

  /**
   * The {@code delta.*} options, as table properties for a new table (keys keep Delta's case, e.g.
   * {@code delta.appendOnly}).
   */
  Map<String, String> tableProperties(Map<String, String> original) {
    Map<String, String> out = new LinkedHashMap<>();
    original.forEach(
        (k, v) -> {
          if (k.toLowerCase(Locale.ROOT).startsWith("delta.")) {
            out.put(canonicalPropertyKey(k), v);
          }
        });
    return out;
  }

  /**
   * Delta's spelling of a property key: batch writers hand options over in lower case, and Kernel
   * validates {@code delta.*} keys case-sensitively.
   */
  private static String canonicalPropertyKey(String key) {
    for (String known : KNOWN_PROPERTIES) {
      if (known.equalsIgnoreCase(key)) {
        return known;
      }
    }
    return key;
  }

  private static final List<String> KNOWN_PROPERTIES =
      List.of(
          "delta.appendOnly",
          "delta.checkpointInterval",
          "delta.logRetentionDuration",
          "delta.deletedFileRetentionDuration",
          "delta.enableChangeDataFeed",
          "delta.enableDeletionVectors",
          "delta.enableRowTracking",
          "delta.enableInCommitTimestamps",
          "delta.columnMapping.mode",
          "delta.dataSkippingNumIndexedCols",
          "delta.isolationLevel",
          "delta.setTransactionRetentionDuration",
          "delta.checkpointPolicy",
          "delta.minReaderVersion",
          "delta.minWriterVersion");

  /** The Parquet writer's options (compression, ...): everything that is not Delta's own. */
  Map<String, String> writerOptions() {
    Map<String, String> out = new LinkedHashMap<>();
    options.forEach(
        (k, v) -> {
          if (!k.startsWith("delta.") && !k.equals("path")) {
            out.put(k, v);
          }
        });
    return out;
  }
}
