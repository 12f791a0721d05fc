package io.tideline.testkit.stream;

import io.tideline.Row;
import io.tideline.internal.streaming.ManualClock;
import io.tideline.streaming.DataStreamWriter;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.streaming.StreamingQueryProgress;
import io.tideline.streaming.Trigger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Performs one {@link StreamScript}: holds the running query and what the actions need between
 * them, and turns any failing action into a report. Lives on the test thread for one {@code run()}.
 */
final class ScriptRunner {

  /** An action's own failure: what went wrong, and the detail (rows) the report prints. */
  static final class StepFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String detail;

    StepFailure(String message, String detail, Throwable cause) {
      super(message, cause);
      this.detail = detail;
    }
  }

  private final StreamScript script;
  private final List<StreamScript.Step> steps;
  private Path checkpoint;
  private boolean ownsCheckpoint;
  private StreamingQuery query;
  private StreamingQuery failureConsumed;
  private ManualClock clock;
  private Trigger trigger;
  private RuntimeException startFailure;
  private int cursor;
  private long lastCheckedBatchId = -1;

  ScriptRunner(StreamScript script) {
    this.script = script;
    List<StreamScript.Step> all = new ArrayList<>(script.steps());
    if (all.isEmpty() || !all.get(0).startsQuery()) {
      all.add(
          0, new StreamScript.Step("start() [implicit]", r -> r.start(null, null), false, true));
    }
    this.steps = List.copyOf(all);
  }

  void runAll() {
    boolean passed = false;
    try {
      prepareCheckpoint();
      for (cursor = 0; cursor < steps.size(); cursor++) {
        StreamScript.Step step = steps.get(cursor);
        if (!step.expectsFailure()) {
          checkNotFailed();
        }
        step.body().run(this);
      }
      cursor = steps.size();
      checkNotFailed();
      passed = true;
    } catch (Throwable t) {
      String report = new ScriptReport(script, steps, cursor, query, checkpoint, t).render();
      throw new AssertionError(report, t);
    } finally {
      stopQuietly();
      if (passed && ownsCheckpoint) {
        deleteRecursively(checkpoint);
      }
    }
  }

  // ---- actions

  void start(Trigger trigger, ManualClock manualClock) {
    if (query != null && query.isActive()) {
      throw new StepFailure("The query is already running; stop() it before start()", null, null);
    }
    Trigger t = trigger != null ? trigger : script.trigger;
    this.trigger = t;
    clock = manualClock != null ? manualClock : script.clock;
    DataStreamWriter writer =
        script
            .data
            .writeStream()
            .outputMode(script.outputMode)
            .trigger(t)
            .option("checkpointLocation", checkpoint.toString())
            .loopHooks(script.crashes);
    script.options.forEach(writer::option);
    if (script.queryName != null) {
      writer.queryName(script.queryName);
    }
    if (clock != null) {
      writer.clock(clock);
    }
    if (script.output != null) {
      script.output.configure().accept(writer);
    } else {
      writer.sink(script.sink());
    }
    startFailure = null;
    try {
      query = writer.start();
    } catch (RuntimeException e) {
      boolean failureExpected = cursor + 1 < steps.size() && steps.get(cursor + 1).expectsFailure();
      if (!failureExpected) {
        throw e;
      }
      startFailure = e;
    }
  }

  void processAllAvailable() throws Exception {
    StreamingQuery q = requireActive("processAllAvailable()");
    // On a thread of its own so that a query that never gets there fails the script after the
    // timeout instead of hanging the build.
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                q.processAllAvailable();
                done.complete(null);
              } catch (Throwable e) {
                done.completeExceptionally(e);
              }
            },
            "stream-script-processAllAvailable");
    waiter.setDaemon(true);
    waiter.start();
    try {
      done.get(script.timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new StepFailure(
          "processAllAvailable() did not return within " + script.timeout, null, null);
    } catch (ExecutionException e) {
      throw new StepFailure("The query failed while processing available data", null, e.getCause());
    }
  }

  void checkAnswer(List<Row> expected, boolean inOrder) throws Exception {
    awaitIdle();
    List<Row> actual =
        script.output != null ? script.output.contents().get() : script.sink().allRows();
    boolean same = inOrder ? actual.equals(expected) : Rows.sameMultiset(expected, actual);
    if (!same) {
      throw new StepFailure(
          "The sink's content does not match", Rows.sideBySide(expected, actual, inOrder), null);
    }
  }

  void checkLastBatch(List<Row> expected) throws Exception {
    RecordingSink sink = requireRecordingSink("checkLastBatch");
    awaitIdle();
    List<Row> actual = sink.lastBatch();
    if (!Rows.sameMultiset(expected, actual)) {
      throw new StepFailure(
          "The last batch (" + sink.lastBatchId() + ") does not match",
          Rows.sideBySide(expected, actual, false),
          null);
    }
  }

  void checkNewBatches(List<Row> expected) throws Exception {
    RecordingSink sink = requireRecordingSink("checkNewBatches");
    awaitIdle();
    List<Row> actual = new ArrayList<>();
    long newest = lastCheckedBatchId;
    for (Map.Entry<Long, List<Row>> e : sink.batches().entrySet()) {
      if (e.getKey() > lastCheckedBatchId) {
        actual.addAll(e.getValue());
        newest = e.getKey();
      }
    }
    if (!Rows.sameMultiset(expected, actual)) {
      throw new StepFailure(
          "The batches after batch " + lastCheckedBatchId + " do not match",
          Rows.sideBySide(expected, actual, false),
          null);
    }
    lastCheckedBatchId = newest;
  }

  void stop() {
    StreamingQuery q = query();
    q.stop();
    if (q.isActive()) {
      throw new StepFailure("The query is still active after stop()", null, null);
    }
    checkNotFailed();
  }

  void advanceClock(ManualClock target, long millis) throws InterruptedException {
    requireActive("advanceClock");
    // Advancing before the query waits on the clock would let it skip the trigger under test.
    awaitClockIdle(target);
    target.advance(millis);
    awaitClockIdle(target);
  }

  void expectFailure(FailureMatcher matcher) throws InterruptedException {
    Throwable failure;
    if (startFailure != null) {
      failure = startFailure;
      startFailure = null;
    } else {
      StreamingQuery q = query();
      try {
        boolean ended = q.awaitTermination(script.timeout.toMillis());
        throw new StepFailure(
            ended
                ? "Expected " + matcher.expectation() + ", but the query ended without error"
                : "Expected "
                    + matcher.expectation()
                    + ", but the query still runs after "
                    + script.timeout,
            null,
            null);
      } catch (StreamingQueryException e) {
        failure = e;
      }
      failureConsumed = q;
    }
    if (!matcher.matches(failure)) {
      throw new StepFailure(
          "Expected " + matcher.expectation() + ", but the failure was another", null, failure);
    }
    matcher.check(failure);
  }

  void assertProgress(Consumer<StreamingQueryProgress> check) {
    StreamingQuery q = query();
    long deadline = System.nanoTime() + script.timeout.toNanos();
    // Progress is reported just after the commit that processAllAvailable waits for; wait for the
    // progress of the sink's latest batch rather than read a stale one.
    long wanted = script.output == null ? script.sink().lastBatchId() : -1;
    StreamingQueryProgress p = q.lastProgress();
    while ((p == null || p.batchId() < wanted) && q.isActive() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(1_000_000);
      p = q.lastProgress();
    }
    if (p == null) {
      throw new StepFailure("The query has reported no progress", null, null);
    }
    check.accept(p);
  }

  StreamingQuery query() {
    if (query == null) {
      throw new StepFailure("No query has started", null, startFailure);
    }
    return query;
  }

  // ---- helpers

  private void awaitIdle() throws Exception {
    if (query == null || !query.isActive()) {
      return;
    }
    if (clockDrivesTriggers()) {
      awaitClockIdle(clock);
    } else {
      processAllAvailable();
    }
  }

  /**
   * Whether the query's triggers wait on the manual clock: only a {@code ProcessingTime} interval
   * does. The default trigger idles on new data, not on the clock (as Spark's polling does), and
   * AvailableNow and Once run until done.
   */
  private boolean clockDrivesTriggers() {
    return clock != null
        && trigger instanceof Trigger.ProcessingTimeTrigger p
        && p.intervalMs() > 0;
  }

  /** Waits until the query waits on {@code c} for a time it has not reached, or has ended. */
  private void awaitClockIdle(ManualClock c) throws InterruptedException {
    long deadline = System.nanoTime() + script.timeout.toNanos();
    while (query.isActive()) {
      try {
        c.awaitWaiter(Duration.ofMillis(20));
        return;
      } catch (IllegalStateException notYet) {
        if (System.nanoTime() > deadline) {
          throw new StepFailure(
              "The query did not wait on the manual clock (now "
                  + c.nowMs()
                  + " ms) within "
                  + script.timeout
                  + ": it is still running a trigger, or spinning instead of waiting",
              null,
              null);
        }
      }
    }
  }

  private StreamingQuery requireActive(String action) {
    StreamingQuery q = query();
    if (!q.isActive()) {
      throw new StepFailure(action + " needs a running query, but it has ended", null, null);
    }
    return q;
  }

  private RecordingSink requireRecordingSink(String action) {
    if (script.output != null) {
      throw new StepFailure(
          action + " needs the recording sink, but the script writes to another output",
          null,
          null);
    }
    return script.sink();
  }

  private void checkNotFailed() {
    if (query != null && query != failureConsumed && !query.isActive()) {
      query
          .exception()
          .ifPresent(
              e -> {
                throw new StepFailure("The query failed unexpectedly", null, e);
              });
    }
  }

  private void prepareCheckpoint() throws IOException {
    if (script.checkpoint != null) {
      checkpoint = script.checkpoint;
    } else {
      checkpoint = Files.createTempDirectory("stream-script-");
      ownsCheckpoint = true;
    }
  }

  private void stopQuietly() {
    if (query != null && query.isActive()) {
      try {
        query.stop();
      } catch (RuntimeException ignored) {
        // The script's own outcome is what the test reports; a failing stop must not mask it.
      }
    }
  }

  static void deleteRecursively(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + root, e);
    }
  }
}
