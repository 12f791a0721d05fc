package io.tideline.internal.streaming.exec;

import static io.tideline.functions.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.streaming.checkpoint.CheckpointLock;
import io.tideline.internal.streaming.checkpoint.MetadataLog;
import io.tideline.internal.streaming.checkpoint.StreamMetadata;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.StreamingQuery;
import io.tideline.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints used by two queries, by a changed query, or written by a newer Tideline. */
class CheckpointMisuseTest {
  private static final StructType SCHEMA = StructType.fromDDL("id BIGINT, name STRING");
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    t = Tideline.builder().appName("checkpoint-misuse-test").getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static StreamingQuery run(DataFrame df, Path cp) {
    return df.writeStream()
        .sink(new RecordingSink())
        .outputMode("update")
        .option("checkpointLocation", cp.toString())
        .start();
  }

  private static String conditionOf(Throwable e) {
    return ((TidelineException) e).getCondition();
  }

  @Test
  void secondQueryOnARunningCheckpoint_isRefused_andAcceptedAfterTheFirstStops() {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    Path cp = dir.resolve("cp");
    StreamingQuery first = run(input.toDF(), cp);
    StreamingQuery second;
    try {
      assertThatThrownBy(() -> run(input.toDF(), cp))
          .isInstanceOf(TidelineException.class)
          .satisfies(e -> assertThat(conditionOf(e)).isEqualTo("CONCURRENT_QUERY"))
          .hasMessageContaining(first.id().toString())
          .hasMessageContaining(cp.toString());
    } finally {
      first.stop();
    }
    second = run(input.toDF(), cp);
    assertThat(second.id()).isEqualTo(first.id());
    second.stop();
  }

  @Test
  void checkpointHeldByAnotherRun_isRefusedBeforeStartReturns() {
    Path cp = dir.resolve("cp");
    UUID id = StreamMetadata.getOrCreate(cp, UUID.randomUUID()).id();
    try (CheckpointLock held = CheckpointLock.acquire(cp, id, UUID.randomUUID())) {
      assertThatThrownBy(() -> run(MemoryStream.of(t, SCHEMA).toDF(), cp))
          .satisfies(e -> assertThat(conditionOf(e)).isEqualTo("CHECKPOINT_IN_USE"));
    }
    assertThat(t.streams().active()).isEmpty();
  }

  @Test
  void restartWithAnotherSource_isRefusedNamingTheChange() {
    Path cp = dir.resolve("cp");
    MemoryStream before = MemoryStream.of(t, SCHEMA);
    run(before.toDF(), cp).stop();
    MemoryStream after = MemoryStream.of(t, SCHEMA);
    String was =
        ((io.tideline.internal.plan.StreamingRelation) before.toDF().logicalPlan())
            .source()
            .identity();
    String now =
        ((io.tideline.internal.plan.StreamingRelation) after.toDF().logicalPlan())
            .source()
            .identity();
    assertThatThrownBy(() -> run(after.toDF(), cp))
        .satisfies(e -> assertThat(conditionOf(e)).isEqualTo("STREAMING_CHECKPOINT_QUERY_CHANGED"))
        .hasMessageContaining("source 0 was " + was + ", is now " + now);
    // The refused start released the checkpoint.
    run(before.toDF(), cp).stop();
  }

  @Test
  void restartWithAnAddedAggregation_isRefusedNamingTheOperators() {
    Path cp = dir.resolve("cp");
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    run(input.toDF(), cp).stop();
    DataFrame counted = input.toDF().groupBy("name").agg(count("id"));
    assertThatThrownBy(() -> run(counted, cp))
        .satisfies(e -> assertThat(conditionOf(e)).isEqualTo("STREAMING_CHECKPOINT_QUERY_CHANGED"))
        .hasMessageContaining(
            "the query had 0 stateful operators, now 1 (aggregate keys=[name STRING] functions=[count(id) BIGINT])");
  }

  @Test
  void checkpointOfANewerVersion_isRefused() throws Exception {
    Path cp = dir.resolve("cp");
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    run(input.toDF(), cp).stop();
    Files.writeString(cp.resolve(CheckpointShape.FILE_NAME), "v99\n{}");
    assertThatThrownBy(() -> run(input.toDF(), cp))
        .satisfies(
            e -> assertThat(conditionOf(e)).isEqualTo("INVALID_LOG_VERSION.MAX_SUPPORTED_VERSION"))
        .hasMessageContaining("v99")
        .hasMessageContaining(CheckpointShape.FILE_NAME);
  }

  @Test
  void offsetLogOfANewerVersion_failsTheQuery() throws Exception {
    Path cp = dir.resolve("cp");
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    StreamingQuery q = run(input.toDF(), cp);
    input.addData(Row.of(1L, "a"));
    q.processAllAvailable();
    q.stop();
    Files.writeString(cp.resolve("offsets/1"), "v7\n{}\n0");
    StreamingQuery again = run(input.toDF(), cp);
    assertThatThrownBy(again::awaitTermination)
        .hasMessageContaining("INVALID_LOG_VERSION.MAX_SUPPORTED_VERSION")
        .hasMessageContaining("v7");
  }

  @Test
  void minBatchesToRetain_purgesOlderOffsetsAndCommits() throws Exception {
    t.conf().set(MetadataLog.MIN_BATCHES_TO_RETAIN_KEY, "2");
    try {
      Path cp = dir.resolve("cp");
      MemoryStream input = MemoryStream.of(t, SCHEMA);
      StreamingQuery q = run(input.toDF(), cp);
      for (long i = 0; i < 5; i++) {
        input.addData(Row.of(i, "x"));
        q.processAllAvailable();
      }
      q.stop();
      assertThat(batchFiles(cp.resolve("offsets"))).containsExactly("2", "3", "4");
      assertThat(batchFiles(cp.resolve("commits"))).containsExactly("2", "3", "4");
    } finally {
      t.conf().set(MetadataLog.MIN_BATCHES_TO_RETAIN_KEY, "100");
    }
  }

  private static List<String> batchFiles(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = new ArrayList<>();
      files
          .map(f -> f.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .sorted()
          .forEach(names::add);
      return names;
    }
  }
}
