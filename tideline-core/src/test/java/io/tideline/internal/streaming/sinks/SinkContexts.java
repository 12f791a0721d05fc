package io.tideline.internal.streaming.sinks;

import io.tideline.Tideline;
import io.tideline.connector.SinkContext;
import io.tideline.streaming.OutputMode;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Sink contexts for tests that drive a sink directly, without a running query. */
final class SinkContexts {
  private SinkContexts() {}

  static SinkContext memory(
      Tideline t, StructType schema, OutputMode mode, String queryName, UUID queryId) {
    return new SinkContext(
        t,
        Map.of(),
        schema,
        mode,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        queryId,
        Optional.ofNullable(queryName),
        Path.of("unused-checkpoint"));
  }

  static SinkContext withOptions(Tideline t, StructType schema, Map<String, String> options) {
    return new SinkContext(
        t,
        options,
        schema,
        OutputMode.Append(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        UUID.randomUUID(),
        Optional.empty(),
        Path.of("unused-checkpoint"));
  }

  static SinkContext files(
      Tideline t, StructType schema, Path out, List<String> partitionBy, Map<String, String> opts) {
    return new SinkContext(
        t,
        opts,
        schema,
        OutputMode.Append(),
        partitionBy,
        Optional.of(out.toString()),
        Optional.empty(),
        UUID.randomUUID(),
        Optional.empty(),
        Path.of("unused-checkpoint"));
  }
}
