package io.tideline.testkit.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.connector.Sink;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every streaming {@link Sink} keeps in append mode, as tests: extend it with a
 * factory for the sink under test and a reader of what it holds, and JUnit runs every check.
 *
 * <p>What is checked: a second {@code addBatch(n)} is a no-op; batches in order accumulate; an
 * empty batch is accepted and changes nothing; after a restart (a new instance on the same
 * location) a re-delivery of the last batch id is a no-op and the next batch is written.
 *
 * <p>Batches have the schema {@link #schema()}: {@code id BIGINT, name STRING}.
 */
public abstract class SinkContractSuite {

  /** A folder for the test: the sink's location and anything else it needs. */
  @TempDir protected Path tempDir;

  /** The session the sink writes with. */
  protected abstract Tideline session();

  /**
   * A new sink instance writing to {@code location}, in append mode, with {@link #schema()}; a
   * second call with the same location is a restart of the same query.
   */
  protected abstract Sink createSink(Path location);

  /** Everything the sink at {@code location} holds, as a reader sees it. */
  protected abstract List<Row> readContent(Path location);

  /** The schema of the batches the suite writes. */
  protected StructType schema() {
    return new StructType().add("id", DataTypes.LongType).add("name", DataTypes.StringType);
  }

  private Path location() {
    return tempDir.resolve("sink");
  }

  /** A batch of rows {@code [from, from + count)}: ids and names derived from the number. */
  protected DataFrame batch(int from, int count) {
    return session().createDataFrame(rows(from, count), schema());
  }

  protected static List<Row> rows(int from, int count) {
    List<Row> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      out.add(Row.of((long) i, "row" + i));
    }
    return out;
  }

  private static List<Row> concat(List<Row> a, List<Row> b) {
    List<Row> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  @Test
  void addBatch_twiceWithSameId_writesContentOnce() {
    Sink sink = createSink(location());
    try {
      sink.addBatch(0, batch(0, 3));
      sink.addBatch(0, batch(0, 3));
      assertThat(readContent(location())).containsExactlyInAnyOrderElementsOf(rows(0, 3));
    } finally {
      sink.stop();
    }
  }

  @Test
  void addBatch_consecutiveIds_accumulateInOrder() {
    Sink sink = createSink(location());
    try {
      sink.addBatch(0, batch(0, 2));
      assertThat(readContent(location())).containsExactlyInAnyOrderElementsOf(rows(0, 2));
      sink.addBatch(1, batch(2, 3));
      sink.addBatch(2, batch(5, 1));
      assertThat(readContent(location())).containsExactlyInAnyOrderElementsOf(rows(0, 6));
    } finally {
      sink.stop();
    }
  }

  @Test
  void addBatch_emptyBatch_isAcceptedAndChangesNothing() {
    Sink sink = createSink(location());
    try {
      sink.addBatch(0, batch(0, 2));
      sink.addBatch(1, batch(0, 0));
      assertThat(readContent(location())).containsExactlyInAnyOrderElementsOf(rows(0, 2));
      sink.addBatch(2, batch(2, 1));
      assertThat(readContent(location())).containsExactlyInAnyOrderElementsOf(rows(0, 3));
    } finally {
      sink.stop();
    }
  }

  @Test
  void restart_thenRedeliveryOfLastBatch_isNoOp() {
    Sink sink = createSink(location());
    try {
      sink.addBatch(0, batch(0, 2));
      sink.addBatch(1, batch(2, 2));
    } finally {
      sink.stop();
    }
    Sink restarted = createSink(location());
    try {
      restarted.addBatch(1, batch(2, 2));
      assertThat(readContent(location()))
          .as("batch 1 delivered again after a restart")
          .containsExactlyInAnyOrderElementsOf(rows(0, 4));
      restarted.addBatch(2, batch(4, 1));
      assertThat(readContent(location()))
          .as("the batch after it")
          .containsExactlyInAnyOrderElementsOf(concat(rows(0, 4), rows(4, 1)));
    } finally {
      restarted.stop();
    }
  }
}
