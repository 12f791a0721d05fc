package io.tideline.testkit.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.streaming.checkpoint.CheckpointErrors;
import io.tideline.internal.streaming.checkpoint.CheckpointLock;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.OutputMode;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint is refused when another run holds it, its query changed, or it is too new. */
class CheckpointMisuseTest {
  private static final StructType SCHEMA = StructType.fromDDL("id BIGINT");
  private static Tideline t;
  @TempDir Path dir;

  @BeforeAll
  static void open() {
    t =
        Tideline.builder()
            .appName("checkpoint-misuse-test")
            .config("tideline.shuffle.partitions", "2")
            .getOrCreate();
  }

  @AfterAll
  static void close() {
    t.close();
  }

  @Test
  void secondQueryOnRunningCheckpoint_isRefused_andTheFirstKeepsRunning() throws Exception {
    Path cp = dir.resolve("cp");
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    RecordingSink sink = new RecordingSink(OutputMode.Append());
    StreamingQuery first = start(input, sink, cp);
    try {
      input.addData(Row.of(1L));
      first.processAllAvailable();

      Throwable refused =
          startFailure(() -> start(input, new RecordingSink(OutputMode.Append()), cp));

      // In one session the query registry answers first, with Spark's name for a second run of a
      // running query; across processes the checkpoint lock does (the next test).
      TidelineException error = tidelineExceptionIn(refused);
      assertThat(error.getCondition()).isIn("CONCURRENT_QUERY", "CHECKPOINT_IN_USE");
      assertThat(error.getMessage()).contains(cp.toString()).contains(first.id().toString());
      assertThat(first.isActive()).isTrue();
      input.addData(Row.of(2L));
      first.processAllAvailable();
      assertThat(sink.allRows()).containsExactlyInAnyOrder(Row.of(1L), Row.of(2L));
    } finally {
      first.stop();
    }
  }

  @Test
  void checkpointLockedByAnotherProcess_isRefusedNamingTheHolder() throws Exception {
    Path cp = dir.resolve("cp");
    UUID holder = UUID.randomUUID();
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    try (CheckpointLock other = CheckpointLock.acquire(cp, holder, UUID.randomUUID())) {
      Throwable refused =
          startFailure(() -> start(input, new RecordingSink(OutputMode.Append()), cp));

      TidelineException error = conditionIn(refused, CheckpointErrors.Condition.CHECKPOINT_IN_USE);
      assertThat(error.getMessage()).contains(cp.toString()).contains(holder.toString());
    }
    StreamingQuery afterRelease = start(input, new RecordingSink(OutputMode.Append()), cp);
    try {
      assertThat(afterRelease.isActive()).isTrue();
    } finally {
      afterRelease.stop();
    }
  }

  @Test
  void restartWithAnotherSource_isRefused_sayingWhatChanged() throws Exception {
    Path cp = dir.resolve("cp");
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    StreamingQuery first = start(input, new RecordingSink(OutputMode.Append()), cp);
    input.addData(Row.of(1L));
    first.processAllAvailable();
    first.stop();

    Throwable refused =
        startFailure(
            () ->
                t.readStream()
                    .format("rate")
                    .load()
                    .writeStream()
                    .sink(new RecordingSink(OutputMode.Append()))
                    .option("checkpointLocation", cp.toString())
                    .start());

    TidelineException error = tidelineExceptionIn(refused);
    assertThat(error.getCondition()).isEqualTo("STREAMING_CHECKPOINT_QUERY_CHANGED");
    assertThat(error.getMessage()).contains("rate").contains("memory");
  }

  @Test
  void restartWithChangedAggregation_isRefused_sayingWhatChanged() throws Exception {
    Path cp = dir.resolve("cp");
    MemoryStream input = MemoryStream.of(t, StructType.fromDDL("k STRING, v BIGINT"));
    StreamingQuery first =
        input
            .toDF()
            .groupBy("k")
            .count()
            .writeStream()
            .outputMode("complete")
            .sink(new RecordingSink(OutputMode.Complete()))
            .option("checkpointLocation", cp.toString())
            .start();
    input.addData(Row.of("a", 1L));
    first.processAllAvailable();
    first.stop();

    Throwable refused =
        startFailure(
            () ->
                input
                    .toDF()
                    .groupBy("v")
                    .count()
                    .writeStream()
                    .outputMode("complete")
                    .sink(new RecordingSink(OutputMode.Complete()))
                    .option("checkpointLocation", cp.toString())
                    .start());

    TidelineException error = tidelineExceptionIn(refused);
    assertThat(error.getCondition()).isEqualTo("STREAMING_CHECKPOINT_QUERY_CHANGED");
    assertThat(error.getMessage()).contains("keys=[k STRING]").contains("keys=[v BIGINT]");
  }

  @Test
  void checkpointOfNewerFormatVersion_isRefused() throws Exception {
    Path cp = dir.resolve("cp");
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    StreamingQuery first = start(input, new RecordingSink(OutputMode.Append()), cp);
    input.addData(Row.of(1L));
    first.processAllAvailable();
    first.stop();
    Path commit = cp.resolve("commits").resolve("0");
    String text = Files.readString(commit);
    assertThat(text).startsWith("v1");
    rewrite(commit, "v99" + text.substring(2));

    Throwable refused =
        startFailure(() -> start(input, new RecordingSink(OutputMode.Append()), cp));

    TidelineException error =
        conditionIn(refused, CheckpointErrors.Condition.INVALID_LOG_VERSION_MAX_SUPPORTED_VERSION);
    assertThat(error.getMessage()).contains("v99").contains(commit.toString());
  }

  private static StreamingQuery start(MemoryStream input, RecordingSink sink, Path cp) {
    return input
        .toDF()
        .writeStream()
        .sink(sink)
        .option("checkpointLocation", cp.toString())
        .start();
  }

  /** The error of a start that must fail: thrown by start(), or ending the query it started. */
  private static Throwable startFailure(Supplier<StreamingQuery> start) throws Exception {
    StreamingQuery q;
    try {
      q = start.get();
    } catch (RuntimeException e) {
      return e;
    }
    try {
      boolean ended = q.awaitTermination(30_000);
      q.stop();
      throw new AssertionError(
          ended ? "The query started and ended without error" : "The query started and runs");
    } catch (StreamingQueryException e) {
      return e;
    }
  }

  private static TidelineException tidelineExceptionIn(Throwable failure) {
    for (Throwable c = failure; c != null; c = c.getCause()) {
      if (c instanceof TidelineException e) {
        return e;
      }
    }
    throw new AssertionError("No TidelineException in the failure", failure);
  }

  private static TidelineException conditionIn(
      Throwable failure, CheckpointErrors.Condition condition) {
    TidelineException e = tidelineExceptionIn(failure);
    assertThat(e.getCondition()).as(e.getMessage()).isEqualTo(condition.conditionName());
    return e;
  }

  private static void rewrite(Path file, String text) throws IOException {
    // Checkpoint files are published read-only or as hard links: replace rather than edit in place.
    Path tmp = file.resolveSibling(file.getFileName() + ".edit");
    Files.writeString(tmp, text);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
