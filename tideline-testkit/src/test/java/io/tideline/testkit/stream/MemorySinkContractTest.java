package io.tideline.testkit.stream;

import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.streaming.sink.Sink;
import io.tideline.internal.streaming.sink.SinkContext;
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
 * The {@code memory} sink keeps the sink contract. As in Spark it holds its rows in the sink object
 * itself (no fault tolerance across processes), so a "restart" here hands the same object to the
 * next run, as a query restarted in one JVM with the test kit does.
 */
class MemorySinkContractTest extends SinkContractSuite {
  private static Tideline t;
  private static int tables;
  private final Map<Path, Sink> sinks = new HashMap<>();
  private final Map<Path, String> names = new HashMap<>();

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
    return sinks.computeIfAbsent(
        location,
        l -> {
          String name = "memory_sink_contract_" + (++tables);
          names.put(l, name);
          SinkContext context =
              new SinkContext(
                  t,
                  Map.of(),
                  schema(),
                  OutputMode.Append(),
                  List.of(),
                  Optional.empty(),
                  Optional.empty(),
                  UUID.randomUUID(),
                  Optional.of(name),
                  tempDir.resolve("checkpoint"));
          return SinkProviders.forFormat("memory").createSink(context);
        });
  }

  @Override
  protected List<Row> readContent(Path location) {
    return t.table(names.get(location)).collectAsList();
  }
}
