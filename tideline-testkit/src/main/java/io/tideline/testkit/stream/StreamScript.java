package io.tideline.testkit.stream;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.streaming.ManualClock;
import io.tideline.internal.streaming.exec.LoopPoint;
import io.tideline.streaming.DataStreamWriter;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.OutputMode;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryProgress;
import io.tideline.streaming.Trigger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A streaming test written as a script of actions, in the manner of Spark's {@code StreamTest}:
 *
 * <pre>{@code
 * MemoryStream input = MemoryStream.of(t, schema);
 * StreamScript.of(t, input.toDF().groupBy("k").count(), OutputMode.Complete())
 *     .addData(input, Row.of("a"), Row.of("b"))
 *     .checkAnswer(Row.of("a", 1L), Row.of("b", 1L))
 *     .stop()
 *     .addData(input, Row.of("a"))
 *     .start()
 *     .checkAnswer(Row.of("a", 2L), Row.of("b", 1L))
 *     .run();
 * }</pre>
 *
 * <p>Building the script only records the actions; {@link #run()} performs them in order on the
 * calling thread. The query starts before the first action unless the script begins with {@code
 * start(...)}. Every start writes to the same checkpoint folder (a temporary folder the script owns
 * unless {@link #checkpoint(Path)} names one) and to the same sink, so {@code stop()} then {@code
 * start()} is a restart from the checkpoint.
 *
 * <p>The sink is a {@link RecordingSink} unless {@link #output} configures another one. Check
 * actions wait first: when a {@link ManualClock} drives a {@code ProcessingTime} trigger, until the
 * query is idle, waiting on the clock for its next trigger (so data added after that waits for an
 * {@code advanceClock}); otherwise until every available input is processed ({@code
 * processAllAvailable}).
 *
 * <p>When an action fails, {@link #run()} throws an {@link AssertionError} that prints the script
 * with a {@code =>} cursor on that action, the expected and actual rows, the query's state, last
 * progress and status, and the sink's batches. The query is stopped in every case, so no stream
 * thread outlives the script.
 */
public final class StreamScript {

  /** One action of a script: its text for reports and what it does. */
  record Step(String text, StepBody body, boolean expectsFailure, boolean startsQuery) {}

  /** What a step does, given the running script. */
  @FunctionalInterface
  interface StepBody {
    void run(ScriptRunner runner) throws Exception;
  }

  /** Another sink than the recording one: how to configure the writer and read what it holds. */
  record Output(Consumer<DataStreamWriter> configure, Supplier<List<Row>> contents) {}

  final Tideline session;
  final DataFrame data;
  final OutputMode outputMode;
  final List<Step> steps = new ArrayList<>();
  final Map<String, String> options = new LinkedHashMap<>();
  String queryName;
  Trigger trigger = Trigger.ProcessingTime(0L);
  ManualClock clock;
  Path checkpoint;
  Output output;
  Duration timeout = Duration.ofSeconds(30);
  final CrashInjector crashes = new CrashInjector();
  RecordingSink sink;

  private StreamScript(Tideline session, DataFrame data, OutputMode outputMode) {
    this.session = session;
    this.data = data;
    this.outputMode = outputMode;
  }

  /** A script running {@code data}, a streaming DataFrame of {@code session}, in {@code mode}. */
  public static StreamScript of(Tideline session, DataFrame data, OutputMode mode) {
    return new StreamScript(session, data, mode);
  }

  // ---- configuration, applied at every start

  /** The query's name (also the table of a {@code memory} sink). */
  public StreamScript queryName(String name) {
    this.queryName = name;
    return this;
  }

  /** The trigger of starts that name none; the default trigger otherwise. */
  public StreamScript trigger(Trigger trigger) {
    this.trigger = trigger;
    return this;
  }

  /** Drives triggers with {@code clock} in starts that name no clock. */
  public StreamScript clock(ManualClock clock) {
    this.clock = clock;
    return this;
  }

  /** A writer option for every start. */
  public StreamScript option(String key, String value) {
    options.put(key, value);
    return this;
  }

  /** Runs on this checkpoint folder instead of a temporary one (which the script deletes). */
  public StreamScript checkpoint(Path folder) {
    this.checkpoint = folder;
    return this;
  }

  /** How long a wait (for data processed, the clock, termination) may take before failing. */
  public StreamScript timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  /**
   * Writes to another sink than the recording one: {@code configure} sets the writer's format, path
   * and options; {@code contents} reads the sink's whole content for {@code checkAnswer}. {@code
   * checkLastBatch} and {@code checkNewBatches} need the recording sink.
   */
  public StreamScript output(Consumer<DataStreamWriter> configure, Supplier<List<Row>> contents) {
    this.output = new Output(configure, contents);
    return this;
  }

  /** Writes to {@code sink} (shared across restarts) instead of a fresh recording sink. */
  public StreamScript sink(RecordingSink sink) {
    this.sink = sink;
    return this;
  }

  /** The recording sink every start writes to (made on first use when none was given). */
  public RecordingSink sink() {
    if (sink == null) {
      sink = new RecordingSink(outputMode);
    }
    return sink;
  }

  /** The loop hooks every start installs: to read the points the loop reached. */
  public CrashInjector crashes() {
    return crashes;
  }

  // ---- actions

  /** Starts the query with the script's trigger and clock. */
  public StreamScript start() {
    return addStart("start()", null, null);
  }

  /** Starts the query with {@code trigger}. */
  public StreamScript start(Trigger trigger) {
    return addStart("start(" + trigger + ")", trigger, null);
  }

  /** Starts the query with {@code trigger}, driven by {@code clock}. */
  public StreamScript start(Trigger trigger, ManualClock clock) {
    return addStart("start(" + trigger + ", ManualClock)", trigger, clock);
  }

  private StreamScript addStart(String text, Trigger trigger, ManualClock clock) {
    steps.add(new Step(text, r -> r.start(trigger, clock), false, true));
    return this;
  }

  /** Adds {@code rows} to {@code stream} as one offset. */
  public StreamScript addData(MemoryStream stream, Row... rows) {
    List<Row> copy = List.of(rows);
    return step("addData(" + Rows.inline(copy) + ")", r -> stream.addData(copy));
  }

  /** Adds {@code rows} to {@code stream} as one offset. */
  public StreamScript addData(MemoryStream stream, List<Row> rows) {
    return addData(stream, rows.toArray(Row[]::new));
  }

  /** Adds data some other way (writes a file, ...): {@code what} names it in reports. */
  public StreamScript addData(String what, Runnable adder) {
    return step("addData(" + what + ")", r -> adder.run());
  }

  /** Waits until the query has processed and committed every input available now. */
  public StreamScript processAllAvailable() {
    return step("processAllAvailable()", ScriptRunner::processAllAvailable);
  }

  /** Checks the sink's whole content, in any order. */
  public StreamScript checkAnswer(Row... expected) {
    List<Row> rows = List.of(expected);
    return step("checkAnswer(" + Rows.inline(rows) + ")", r -> r.checkAnswer(rows, false));
  }

  /** Checks the sink's whole content, in any order. */
  public StreamScript checkAnswer(List<Row> expected) {
    return checkAnswer(expected.toArray(Row[]::new));
  }

  /** Checks the sink's whole content, in this order. */
  public StreamScript checkAnswerInOrder(Row... expected) {
    List<Row> rows = List.of(expected);
    return step("checkAnswerInOrder(" + Rows.inline(rows) + ")", r -> r.checkAnswer(rows, true));
  }

  /** Checks the rows of the latest batch the sink stored, in any order. */
  public StreamScript checkLastBatch(Row... expected) {
    List<Row> rows = List.of(expected);
    return step("checkLastBatch(" + Rows.inline(rows) + ")", r -> r.checkLastBatch(rows));
  }

  /** Checks the rows of the batches stored since the previous such check, in any order. */
  public StreamScript checkNewBatches(Row... expected) {
    List<Row> rows = List.of(expected);
    return step("checkNewBatches(" + Rows.inline(rows) + ")", r -> r.checkNewBatches(rows));
  }

  /** Stops the query; it must not have failed. */
  public StreamScript stop() {
    return step("stop()", ScriptRunner::stop);
  }

  /**
   * Waits until the query is idle on {@code clock}, advances it by {@code millis}, then waits until
   * the query has run the triggers that time made due and waits on the clock again (or has ended).
   */
  public StreamScript advanceClock(ManualClock clock, long millis) {
    return step("advanceClock(+" + millis + " ms)", r -> r.advanceClock(clock, millis));
  }

  /** Crashes the query the first time the loop reaches {@code point}, in any batch. */
  public StreamScript crashAt(LoopPoint point) {
    return crashAt(point, CrashInjector.ANY_BATCH, 1);
  }

  /** Crashes the query the first time the loop reaches {@code point} in batch {@code batchId}. */
  public StreamScript crashAt(LoopPoint point, long batchId) {
    return crashAt(point, batchId, 1);
  }

  /**
   * Crashes the query the {@code occurrence}-th time (from 1) the loop reaches {@code point} in
   * batch {@code batchId}: {@code DURING_CHECKPOINT_RENAME} occurs for {@code offsets/N} (1) and
   * {@code commits/N} (2).
   */
  public StreamScript crashAt(LoopPoint point, long batchId, int occurrence) {
    String where = batchId == CrashInjector.ANY_BATCH ? "" : ", batch " + batchId;
    String which = occurrence == 1 ? "" : ", occurrence " + occurrence;
    return step(
        "crashAt(" + point + where + which + ")", r -> crashes.arm(point, batchId, occurrence));
  }

  /**
   * Waits until the query ends with an error (or expects the previous start to have thrown one)
   * whose cause chain holds an instance of {@code type}.
   */
  public StreamScript expectFailure(Class<? extends Throwable> type) {
    return expectFailure(
        "expectFailure(" + type.getSimpleName() + ")", FailureMatcher.ofType(type));
  }

  /** As {@link #expectFailure(Class)}, for an error of condition {@code condition}. */
  public StreamScript expectFailure(ErrorCondition condition) {
    return expectFailure(
        "expectFailure([" + condition.conditionName() + "])",
        FailureMatcher.ofCondition(condition));
  }

  /** As {@link #expectFailure(Class)}, for an error whose message contains {@code fragment}. */
  public StreamScript expectFailure(String fragment) {
    return expectFailure("expectFailure(\"" + fragment + "\")", FailureMatcher.ofMessage(fragment));
  }

  /** As {@link #expectFailure(Class)}; then runs {@code check} on the query's exception. */
  public StreamScript expectFailure(
      Class<? extends Throwable> type, Consumer<? super Throwable> check) {
    return expectFailure(
        "expectFailure(" + type.getSimpleName() + ", check)",
        FailureMatcher.ofType(type).andThen(check));
  }

  private StreamScript expectFailure(String text, FailureMatcher matcher) {
    steps.add(new Step(text, r -> r.expectFailure(matcher), true, false));
    return this;
  }

  /** Runs {@code check} on the query's last progress (which must exist). */
  public StreamScript assertProgress(Consumer<StreamingQueryProgress> check) {
    return step("assertProgress(...)", r -> r.assertProgress(check));
  }

  /** Runs {@code action} on the current query (or the last one, once stopped). */
  public StreamScript execute(Consumer<StreamingQuery> action) {
    return execute("execute(...)", action);
  }

  /** As {@link #execute(Consumer)}, named {@code what} in reports. */
  public StreamScript execute(String what, Consumer<StreamingQuery> action) {
    return step("execute(" + what + ")", r -> action.accept(r.query()));
  }

  /** Runs {@code check} against nothing but the test's own state, named {@code what}. */
  public StreamScript assertThat(String what, Runnable check) {
    return step("assertThat(" + what + ")", r -> check.run());
  }

  private StreamScript step(String text, StepBody body) {
    steps.add(new Step(text, body, false, false));
    return this;
  }

  /**
   * Performs the script.
   *
   * @throws AssertionError describing the script, the failing action and the query, if an action
   *     fails
   */
  public void run() {
    new ScriptRunner(this).runAll();
  }

  List<Step> steps() {
    return List.copyOf(steps);
  }
}
