package io.tideline.connector;

import io.tideline.streaming.OutputMode;
import java.util.Set;

/**
 * Makes sinks of one {@code format(...)} name. Found with {@link java.util.ServiceLoader}: list the
 * class in {@code META-INF/services/io.tideline.connector.SinkProvider}.
 */
public interface SinkProvider {

  /** The name users pass to {@code format(...)}, e.g. {@code console}, {@code parquet}. */
  String shortName();

  /**
   * The output modes the sink accepts; {@code start()} refuses others with Spark's error (for
   * example the file sink takes only append).
   */
  default Set<OutputMode> supportedOutputModes() {
    return Set.of(OutputMode.Append(), OutputMode.Complete(), OutputMode.Update());
  }

  /** Makes the sink when a query starts. */
  Sink createSink(SinkContext context);
}
