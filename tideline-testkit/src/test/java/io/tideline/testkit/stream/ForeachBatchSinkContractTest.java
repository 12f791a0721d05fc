package io.tideline.testkit.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.connector.Sink;
import io.tideline.internal.streaming.sinks.ForeachBatchSink;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The foreachBatch sink keeps the sink contract when the user's function is idempotent by batch id,
 * as Spark asks of it: the sink itself calls the function again on a re-delivery, and the
 * function's table skips what it has.
 */
class ForeachBatchSinkContractTest extends SinkContractSuite {
  private static Tideline t;

  /** The function's table lives outside the sink, as a real destination does across restarts. */
  private final Map<Path, IdempotentBatchTable> tables = new HashMap<>();

  @BeforeAll
  static void open() {
    t = Tideline.builder().appName("foreach-batch-sink-contract").getOrCreate();
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
    IdempotentBatchTable table = tables.computeIfAbsent(location, l -> new IdempotentBatchTable());
    return new ForeachBatchSink(table::write);
  }

  @Override
  protected List<Row> readContent(Path location) {
    return tables.get(location).allRows();
  }

  @Test
  void redelivery_callsTheFunctionAgainWithTheSameIdAndRows() {
    Path location = tempDir.resolve("sink");
    Sink sink = createSink(location);
    sink.addBatch(0, batch(0, 2));
    sink.addBatch(0, batch(0, 2));
    List<IdempotentBatchTable.Call> calls = tables.get(location).callsOf(0);
    assertThat(calls).hasSize(2);
    assertThat(calls.get(1).rows()).containsExactlyInAnyOrderElementsOf(calls.get(0).rows());
  }
}
