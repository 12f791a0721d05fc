package io.tideline.testkit.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.connector.Sink;
import io.tideline.streaming.OutputMode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The test kit's own sink keeps the sink contract, and counts what it skipped. */
class RecordingSinkContractTest extends SinkContractSuite {
  private static Tideline t;

  /** One sink per location: the harness hands the same object to every run of a script. */
  private final Map<Path, RecordingSink> sinks = new HashMap<>();

  @BeforeAll
  static void open() {
    t = Tideline.builder().appName("recording-sink-contract").getOrCreate();
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
    return sinks.computeIfAbsent(location, l -> new RecordingSink(OutputMode.Append()));
  }

  @Override
  protected List<Row> readContent(Path location) {
    return sinks.get(location).allRows();
  }

  @Test
  void redelivery_isCountedAndListed() {
    RecordingSink sink = new RecordingSink(OutputMode.Append());
    sink.addBatch(0, batch(0, 1));
    sink.addBatch(1, batch(1, 1));
    sink.addBatch(1, batch(1, 1));
    assertThat(sink.redeliveries(1)).isEqualTo(1);
    assertThat(sink.redeliveries(0)).isZero();
    assertThat(sink.deliveries()).containsExactly(0L, 1L, 1L);
    assertThat(sink.describeBatches()).contains("1: (re-delivered 1x) [1,row1]");
  }

  @Test
  void completeMode_contentIsTheLatestBatch() {
    RecordingSink sink = new RecordingSink(OutputMode.Complete());
    sink.addBatch(0, batch(0, 2));
    sink.addBatch(1, batch(5, 1));
    assertThat(sink.allRows()).containsExactly(Row.of(5L, "row5"));
    assertThat(sink.batches()).containsOnlyKeys(0L, 1L);
  }
}
