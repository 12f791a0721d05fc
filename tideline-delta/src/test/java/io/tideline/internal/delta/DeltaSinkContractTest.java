package io.tideline.internal.delta;

import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.connector.Sink;
import io.tideline.connector.SinkContext;
import io.tideline.streaming.OutputMode;
import io.tideline.testkit.stream.SinkContractSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Delta sink keeps the sink contract; its content is a batch read of the table. */
class DeltaSinkContractTest extends SinkContractSuite {
  private static Tideline t;
  private final UUID queryId = UUID.randomUUID();

  @BeforeAll
  static void open() {
    t = Tideline.builder().appName("delta-sink-contract").getOrCreate();
  }

  @AfterAll
  static void close() {
    t.close();
  }

  @Override
  protected Tideline session() {
    return t;
  }

  @Override
  protected Sink createSink(Path location) {
    return new DeltaSinkProvider()
        .createSink(
            new SinkContext(
                t,
                Map.of("path", location.toString()),
                schema(),
                OutputMode.Append(),
                List.of(),
                Optional.of(location.toString()),
                Optional.empty(),
                queryId,
                Optional.empty(),
                tempDir.resolve("checkpoint")));
  }

  @Override
  protected List<Row> readContent(Path location) {
    if (!Files.exists(location.resolve("_delta_log"))) {
      return List.of();
    }
    return t.read().format("delta").load(location.toString()).collectAsList();
  }
}
