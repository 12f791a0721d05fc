package io.tideline.internal.delta;

import io.tideline.connector.Sink;
import io.tideline.connector.SinkContext;
import io.tideline.connector.SinkProvider;
import io.tideline.streaming.OutputMode;
import java.util.Set;

/**
 * Makes the {@code delta} streaming sink: append and complete modes as Delta Lake's, and update
 * mode (a merge by the aggregation's keys), which Delta Lake's sink refuses.
 */
public final class DeltaSinkProvider implements SinkProvider {
  @Override
  public String shortName() {
    return "delta";
  }

  @Override
  public Set<OutputMode> supportedOutputModes() {
    return Set.of(OutputMode.Append(), OutputMode.Complete(), OutputMode.Update());
  }

  @Override
  public Sink createSink(SinkContext context) {
    if (context.path().isEmpty()) {
      throw DeltaErrors.pathRequired("writeStream().format(\"delta\").start(path)");
    }
    return new DeltaSink(context);
  }
}
