/**
 * Dates and timestamps as Spark defines them: DATE is days since 1970-01-01 and TIMESTAMP is
 * microseconds since the epoch in UTC, both in the proleptic Gregorian calendar; strings become
 * values and back by Spark's rules.
 *
 * <h2>Entry points</h2>
 *
 * <ul>
 *   <li>{@link io.tideline.internal.datetime.DateTimeUtils}: {@code CAST} between strings and
 *       DATE/TIMESTAMP ({@code stringToTimestamp}, {@code stringToDate}, {@code timestampToString},
 *       {@code dateToString}), conversions between DATE and TIMESTAMP in a zone, field getters, and
 *       the JSON/CSV readers' fallback parsers.
 *   <li>{@link io.tideline.internal.datetime.TimestampFormatter}: a Spark datetime pattern compiled
 *       for a zone, for {@code to_timestamp}, {@code to_date}, {@code date_format} and the readers'
 *       and writers' {@code timestampFormat} / {@code dateFormat}.
 *   <li>{@link io.tideline.internal.datetime.ZoneCalendar}: per-zone offset lookups without
 *       allocation; get one per batch (or per query) and pass it to the {@code ZoneCalendar}
 *       overloads in hot loops.
 *   <li>{@link io.tideline.internal.datetime.DateTimeFields}: a reusable holder of the wall-clock
 *       fields of an instant, for functions that need several of them.
 * </ul>
 *
 * <h2>Failures</h2>
 *
 * Parsers return {@code DateTimeUtils.INVALID_TIMESTAMP} or {@code INVALID_DATE} instead of
 * throwing, so bad rows cost no exception; the caller decides between null and an ANSI error
 * ({@code CAST_INVALID_INPUT} for casts, {@link
 * io.tideline.internal.datetime.DateTimeErrors#cannotParseTimestamp} for {@code to_timestamp}).
 * Invalid patterns throw {@link io.tideline.internal.datetime.DateTimePatternException}, an {@code
 * IllegalArgumentException} carrying Spark's error condition.
 *
 * <h2>Why not java.time everywhere</h2>
 *
 * java.time defines the semantics (Spark is built on it) and stays the reference: the hand-written
 * paths are tested against it property by property. But a {@code ZonedDateTime} per row costs
 * allocations and an exception per bad row, which a scan of millions of strings cannot afford, so
 * CAST, the common patterns ({@link io.tideline.internal.datetime.FastPattern}) and zone offsets
 * ({@link io.tideline.internal.datetime.ZoneCalendar}) have byte-level versions.
 */
package io.tideline.internal.datetime;
