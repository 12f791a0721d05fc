package io.tideline.testkit.stream;

import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.connector.Sink;
import io.tideline.connector.SinkContext;
import io.tideline.internal.streaming.sink.SinkProviders;
import io.tideline.streaming.OutputMode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@code memory} sink keeps the sink contract. Its rows live in memory only, so a "restart" is
 * a new sink made for the same query name and query id in the same session, which the provider
 * answers with the sink that holds the rows so far.
 */
class MemorySinkContractTest extends SinkContractSuite {
  private static Tideline t;
  private static int tables;
  private final Map<Path, String> names = new HashMap<>();
  private final Map<Path, UUID> queryIds = new HashMap<>();

  @BeforeAll
  static void open() {
    t = Tideline.builder().appName("memory-sink-contract").getOrCreate();
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
    String name = names.computeIfAbsent(location, l -> "memory_sink_contract_" + (++tables));
    UUID queryId = queryIds.computeIfAbsent(location, l -> UUID.randomUUID());
    SinkContext context =
        new SinkContext(
            t,
            Map.of(),
            schema(),
            OutputMode.Append(),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            queryId,
            Optional.of(name),
            tempDir.resolve("checkpoint"));
    return SinkProviders.forFormat("memory").createSink(context);
  }

  @Override
  protected List<Row> readContent(Path location) {
    return t.table(names.get(location)).collectAsList();
  }
}
