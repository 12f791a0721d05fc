package io.tideline.internal.delta;

import io.delta.kernel.Snapshot;
import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.connector.BatchReadProvider;
import io.tideline.types.StructType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code t.read().format("delta").load(path)}: the table at its latest version, or at {@code
 * versionAsOf} (a version number) or {@code timestampAsOf} (the latest commit at or before a
 * timestamp: {@code 2026-11-26}, {@code 2026-11-26 10:15:00}, or an ISO instant; without a zone in
 * the session time zone), as Delta's time travel.
 */
public final class DeltaBatchReadProvider implements BatchReadProvider {
  @Override
  public String shortName() {
    return "delta";
  }

  @Override
  public DataFrame read(
      Tideline session, Map<String, String> options, Optional<StructType> userSchema) {
    DeltaOptions opts = new DeltaOptions(options);
    DeltaTable table =
        DeltaTable.at(
            opts.path()
                .orElseThrow(
                    () -> DeltaErrors.pathRequired("t.read().format(\"delta\").load(path)")));
    if (userSchema.isPresent()) {
      throw DeltaErrors.schemaDuringRead(table.displayPath());
    }
    Optional<String> version = opts.get("versionAsOf");
    Optional<String> timestamp = opts.get("timestampAsOf");
    if (version.isPresent() && timestamp.isPresent()) {
      throw DeltaErrors.bothVersionAndTimestamp(table.displayPath());
    }
    Snapshot snapshot;
    if (version.isPresent()) {
      long v;
      try {
        v = Long.parseLong(version.get().trim());
      } catch (NumberFormatException e) {
        throw DeltaErrors.invalidOption("versionAsOf", version.get(), "a table version number");
      }
      snapshot = table.atVersion(v);
    } else if (timestamp.isPresent()) {
      long ms = parseTimestampMs(timestamp.get(), session.conf().sessionTimeZone());
      snapshot = table.atTimestamp(ms, timestamp.get());
    } else {
      snapshot = table.latestOrFail();
    }
    return DataFrame.ofPlan(session, DeltaScan.plan(table, snapshot));
  }

  /** A {@code timestampAsOf} value in epoch milliseconds. */
  static long parseTimestampMs(String text, ZoneId zone) {
    String s = text.trim();
    try {
      return Instant.parse(s).toEpochMilli();
    } catch (DateTimeParseException e) {
      // Not an instant with a zone: try a local date-time, then a date.
    }
    try {
      return LocalDateTime.parse(s.replace(' ', 'T')).atZone(zone).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      // Not a date-time: try a date.
    }
    try {
      return LocalDate.parse(s).atStartOfDay(zone).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw DeltaErrors.invalidOption(
          "timestampAsOf", text, "a timestamp such as 2026-11-26 10:15:00 or 2026-11-26");
    }
  }
}
