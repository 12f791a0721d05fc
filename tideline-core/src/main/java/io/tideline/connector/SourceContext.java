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
 */
public record SourceContext(
    Tideline session,
    Map<String, String> options,
    Optional<StructType> userSchema,
    StructType schema,
    Path metadataPath,
    Clock clock) {
  public SourceContext {
    options = Map.copyOf(options);
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
