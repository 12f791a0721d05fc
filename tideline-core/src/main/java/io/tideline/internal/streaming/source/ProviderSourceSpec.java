package io.tideline.internal.streaming.source;

import io.tideline.Tideline;
import io.tideline.connector.Source;
import io.tideline.connector.SourceContext;
import io.tideline.connector.SourceProvider;
import io.tideline.internal.streaming.Clock;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A source made by a {@link SourceProvider} from {@code readStream()} options. */
public record ProviderSourceSpec(
    SourceProvider provider,
    Map<String, String> options,
    Optional<StructType> userSchema,
    StructType schema)
    implements SourceSpec {

  /** Options that choose which data a source reads; a restart must not change them. */
  private static final java.util.Set<String> IDENTITY_OPTIONS =
      java.util.Set.of("path", "subscribe", "subscribepattern", "assign", "tablename");

  public ProviderSourceSpec {
    options = Map.copyOf(options);
  }

  @Override
  public String format() {
    return provider.shortName();
  }

  @Override
  public String identity() {
    TreeMap<String, String> chosen = new TreeMap<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String key = e.getKey().toLowerCase(Locale.ROOT);
      if (IDENTITY_OPTIONS.contains(key)) {
        chosen.put(key, e.getValue());
      }
    }
    return format() + (chosen.isEmpty() ? "" : " " + chosen);
  }

  @Override
  public Source createSource(Tideline session, Path metadataPath, Clock clock) {
    return createSource(session, metadataPath, clock, Optional.empty());
  }

  @Override
  public Source createSource(
      Tideline session, Path metadataPath, Clock clock, Optional<Runnable> wakeLoop) {
    return provider.createSource(
        new SourceContext(session, options, userSchema, schema, metadataPath, clock, wakeLoop));
  }

  /** Shows the options with secrets hidden. */
  @Override
  public String toString() {
    return "ProviderSourceSpec[format="
        + format()
        + ", options="
        + io.tideline.internal.conf.Redaction.redact(options)
        + "]";
  }
}
