package io.tideline.connector;

import io.tideline.Tideline;
import io.tideline.types.StructType;
import java.util.Map;
import java.util.Optional;

/**
 * Makes sources of one {@code format(...)} name. Found with {@link java.util.ServiceLoader}: list
 * the class in {@code META-INF/services/io.tideline.connector.SourceProvider}.
 */
public interface SourceProvider {

  /** The name users pass to {@code format(...)}, e.g. {@code rate}, {@code json}, {@code kafka}. */
  String shortName();

  /**
   * The schema of the source, decided at {@code readStream().load()} before any query runs: the
   * user's schema where the source takes one, else the source's own. Refuses bad options here, so
   * the user sees the error at {@code load()}.
   */
  StructType sourceSchema(
      Tideline session, Map<String, String> options, Optional<StructType> userSchema);

  /** Makes the source when a query starts. */
  Source createSource(SourceContext context);
}
