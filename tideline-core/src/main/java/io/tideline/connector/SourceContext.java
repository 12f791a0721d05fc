package io.tideline.connector;

import io.tideline.Tideline;
import io.tideline.internal.streaming.Clock;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a source is made from when its query starts.
 *
 * @param session the session running the query
 * @param options the reader's options, keys as the user wrote them (look them up
 *     case-insensitively)
 * @param userSchema the schema set with {@code readStream().schema(...)}, if any
 * @param schema the schema the provider reported at {@code load()}, which the query's plan was
 *     analysed against
 * @param metadataPath {@code <checkpoint>/sources/<index>}: where the source keeps its own log
 * @param clock the query's clock: a source that depends on time (rate) reads it, so tests drive it
 *     with a {@code ManualClock}
 * @param wakeLoop wakes the query's loop when it idles waiting for data, so a source that can learn
 *     of new data by itself (a Kafka consumer parked on the broker) ends the wait at once instead
 *     of after the polling delay; present only when the trigger waits for data (the default
 *     trigger). Thread-safe and cheap; call it from any thread, any number of times, also after the
 *     query stopped (then it does nothing). A wake only makes the loop ask {@code latestOffset}
 *     again: a spurious one costs a trigger, never a wrong batch
 */
public record SourceContext(
    Tideline session,
    Map<String, String> options,
    Optional<StructType> userSchema,
    StructType schema,
    Path metadataPath,
    Clock clock,
    Optional<Runnable> wakeLoop) {
  public SourceContext {
    options = Map.copyOf(options);
    wakeLoop = wakeLoop == null ? Optional.empty() : wakeLoop;
  }

  /** A context without a loop to wake: for sources made outside a query, as in tests. */
  public SourceContext(
      Tideline session,
      Map<String, String> options,
      Optional<StructType> userSchema,
      StructType schema,
      Path metadataPath,
      Clock clock) {
    this(session, options, userSchema, schema, metadataPath, clock, Optional.empty());
  }

  /** The option {@code key}, matched case-insensitively as Spark matches data source options. */
  public Optional<String> option(String key) {
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** Shows the options with secrets hidden. */
  @Override
  public String toString() {
    return "SourceContext[options="
        + io.tideline.internal.conf.Redaction.redact(options)
        + ", userSchema="
        + userSchema
        + ", metadataPath="
        + metadataPath
        + "]";
  }
}
