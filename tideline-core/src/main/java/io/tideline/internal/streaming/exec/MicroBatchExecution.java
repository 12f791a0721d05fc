package io.tideline.internal.streaming.exec;

import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.connector.Offset;
import io.tideline.connector.ReadLimit;
import io.tideline.connector.Sink;
import io.tideline.connector.Source;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.eval.EvalContext;
import io.tideline.internal.exec.QueryExecution;
import io.tideline.internal.plan.Aggregate;
import io.tideline.internal.plan.CountRows;
import io.tideline.internal.plan.EventTimeColumns;
import io.tideline.internal.plan.EventTimeStats;
import io.tideline.internal.plan.EventTimeWatermark;
import io.tideline.internal.plan.LocalRelation;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.Plans;
import io.tideline.internal.plan.RowCounter;
import io.tideline.internal.plan.StatefulAggregate;
import io.tideline.internal.plan.StatefulDeduplicate;
import io.tideline.internal.plan.StatefulJoin;
import io.tideline.internal.plan.StreamingRelation;
import io.tideline.internal.state.StateStoreRegistry;
import io.tideline.internal.streaming.BatchRunner;
import io.tideline.internal.streaming.TriggerExecutors;
import io.tideline.internal.streaming.TriggerOutcome;
import io.tideline.internal.streaming.checkpoint.CheckpointErrors;
import io.tideline.internal.streaming.checkpoint.CommitLog;
import io.tideline.internal.streaming.checkpoint.CommitMetadata;
import io.tideline.internal.streaming.checkpoint.MetadataLog;
import io.tideline.internal.streaming.checkpoint.OffsetLog;
import io.tideline.internal.streaming.checkpoint.OffsetSeq;
import io.tideline.internal.streaming.checkpoint.OffsetSeqMetadata;
import io.tideline.internal.streaming.checkpoint.RecoveryPoint;
import io.tideline.internal.vector.Batch;
import io.tideline.streaming.OutputMode;
import io.tideline.streaming.SinkProgress;
import io.tideline.streaming.Trigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The micro-batch loop of one query run: each {@link #runTrigger()} decides whether a batch is due
 * and runs it through the checkpoint protocol (DESIGN.md "The micro-batch loop"):
 *
 * <ol>
 *   <li>ask each source for its end offset within its read limit (or take the recorded offsets of
 *       the batch a restart must re-run); no source moved: no batch;
 *   <li>write {@code offsets/N} (end offsets, watermark, batch timestamp, pinned conf) before
 *       reading anything, then purge entries past retention;
 *   <li>replace each {@code StreamingRelation} by its source's plan of {@code (start, end]}, bind
 *       the stateful operators to their state, and hand the batch to the sink with id N, with
 *       {@code current_timestamp()} fixed to the batch timestamp;
 *   <li>fold the event times the batch's watermark nodes saw into the {@link WatermarkTracker};
 *   <li>write {@code commits/N} with the next batch's watermark, then tell the sources their data
 *       up to the end is durable;
 *   <li>report progress.
 * </ol>
 *
 * <p>No-data batches (Spark's {@code shouldRunAnotherBatch}): when the watermark moved after batch
 * N past the eviction watermark of a stateful operator of batch N in Append or Update mode, the
 * next trigger runs batch N+1 even without new data: its {@code offsets/N+1} repeats the end
 * offsets of batch N, the sink gets whatever the plan emits (possibly nothing), and progress
 * reports 0 input rows. This is how an append-mode window is emitted as soon as the watermark
 * passes its end. Every trigger runs them except {@code Once} (one batch per start), and {@code
 * tideline.sql.streaming.noDataMicroBatches.enabled=false} turns them off. After a restart none
 * runs until new data arrives, as in Spark.
 *
 * <p>Each stateful operator judges late rows by the previous batch's watermark and evicts by the
 * current one (Spark 3.4+): for the first batch of a run, the previous batch's watermark is read
 * from the metadata of the offsets the batch starts after.
 *
 * <p>State that can never be evicted (an aggregation without an event-time key, or any aggregation
 * in Complete mode) is logged as a WARN at start, naming the operator and the fix, and every
 * progress carries {@code customMetrics.unboundedStateWarning = 1} on that operator, a key Spark's
 * progress readers accept as any other custom metric.
 *
 * <p>Sources are told to forget data only after {@code commits/N} exists (Spark tells them one
 * batch later, at the next {@code offsets} write): earlier, a crash before the commit would re-run
 * a batch whose data the source had dropped.
 *
 * <p>Runs on the query's stream thread only.
 */
final class MicroBatchExecution implements BatchRunner {
  private static final Logger LOG = LoggerFactory.getLogger(MicroBatchExecution.class);

  /** Settings recorded in {@code offsets/N} and restored from it on restart, as Spark pins them. */
  static final List<String> PINNED_CONF =
      List.of(
          TidelineConf.SHUFFLE_PARTITIONS,
          "tideline.sql.streaming.stateStore.providerClass",
          "tideline.sql.streaming.multipleWatermarkPolicy",
          "tideline.sql.streaming.aggregation.stateFormatVersion");

  /**
   * Spark's {@code spark.sql.streaming.statefulOperator.allowMultiple} (default true): each
   * stateful operator gets its own watermarks, propagated through the plan; false gives every
   * operator the global watermark for late rows and eviction alike.
   */
  static final String ALLOW_MULTIPLE_KEY = "tideline.sql.streaming.statefulOperator.allowMultiple";

  /** Spark's {@code spark.sql.streaming.noDataMicroBatches.enabled}. */
  static final String NO_DATA_BATCHES_KEY = "tideline.sql.streaming.noDataMicroBatches.enabled";

  /** The custom state metric that marks an operator whose state is never evicted. */
  static final String UNBOUNDED_STATE_METRIC = "unboundedStateWarning";

  private final Tideline session;
  private final WriteSpec spec;
  private final LogicalPlan plan;
  private final Sink sink;
  private final Path checkpoint;
  private final ProgressReporter progress;
  private final LoopSignal signal;
  private final OffsetLog offsetLog;
  private final CommitLog commitLog;
  private final List<StreamingRelation> relations;
  private final Source[] sources;
  private final StateStoreRegistry stores;
  private final boolean stateful;
  private final boolean pollsWhenIdle;
  private final long pollingDelayMs;
  private final int minBatchesToRetain;
  private final boolean hasWatermark;
  private final List<Long> unboundedOperators = new ArrayList<>();

  private TidelineConf conf;
  private boolean purgedOnce;
  private long batchId;
  private Offset[] startOffsets;
  private OffsetSeq rerun;
  private long watermarkMs;
  private WatermarkTracker tracker;
  private long previousBatchWatermarkMs;
  private boolean anotherBatchWanted;
  private volatile long currentBatchId = -1;
  private volatile LogicalPlan lastBatchPlan;

  /** The stateful operators' ids in the order progress lists them (Spark's, outermost first). */
  private List<Long> operatorOrder = List.of();

  MicroBatchExecution(
      Tideline session,
      WriteSpec spec,
      LogicalPlan plan,
      Sink sink,
      Path checkpoint,
      ProgressReporter progress,
      LoopSignal signal) {
    this.session = session;
    this.spec = spec;
    this.plan = plan;
    this.sink = sink;
    this.checkpoint = checkpoint;
    this.progress = progress;
    this.signal = signal;
    this.conf = new TidelineConf(session.conf().asMap());
    boolean fsync = session.conf().getBoolean(MetadataLog.FSYNC_KEY, false);
    this.offsetLog = OffsetLog.in(checkpoint);
    this.offsetLog.forceToDisk(fsync);
    this.commitLog = CommitLog.in(checkpoint);
    this.commitLog.forceToDisk(fsync);
    this.relations = uniqueRelations(plan);
    this.sources = new Source[relations.size()];
    this.stores = new StateStoreRegistry(checkpoint.resolve("state"), conf);
    this.stateful = hasStreamingAggregate(plan);
    this.hasWatermark = EventTimeColumns.hasWatermark(plan);
    this.pollsWhenIdle =
        spec.trigger() instanceof Trigger.ProcessingTimeTrigger t && t.intervalMs() == 0;
    this.pollingDelayMs =
        session
            .conf()
            .getLong(TriggerExecutors.POLLING_DELAY_KEY, TriggerExecutors.DEFAULT_POLLING_DELAY_MS);
    this.minBatchesToRetain =
        session
            .conf()
            .getInt(
                MetadataLog.MIN_BATCHES_TO_RETAIN_KEY, MetadataLog.DEFAULT_MIN_BATCHES_TO_RETAIN);
    // Only a loop that waits for data between triggers has a wait for a source to end early.
    Optional<Runnable> wakeLoop = pollsWhenIdle ? Optional.of(signal::wake) : Optional.empty();
    try {
      for (int i = 0; i < sources.length; i++) {
        sources[i] =
            relations
                .get(i)
                .source()
                .createSource(
                    session,
                    checkpoint.resolve("sources").resolve(Integer.toString(i)),
                    spec.clock(),
                    wakeLoop);
      }
    } catch (RuntimeException | Error e) {
      // The sources made so far are released here: nobody else holds them yet.
      close();
      throw e;
    }
  }

  /** The distinct streaming leaves of {@code plan}, in plan order: one source each. */
  static List<StreamingRelation> uniqueRelations(LogicalPlan plan) {
    List<StreamingRelation> out = new ArrayList<>();
    for (StreamingRelation r : Plans.collect(plan, StreamingRelation.class)) {
      if (!out.contains(r)) {
        out.add(r);
      }
    }
    return out;
  }

  static boolean hasStreamingAggregate(LogicalPlan plan) {
    for (Aggregate a : Plans.collect(plan, Aggregate.class)) {
      if (a.child().isStreaming()) {
        return true;
      }
    }
    return false;
  }

  List<Source> sources() {
    return List.of(sources);
  }

  /** The batch the current trigger is about, or -1 before the first trigger. */
  long currentBatchId() {
    return currentBatchId;
  }

  LogicalPlan lastBatchPlan() {
    return lastBatchPlan;
  }

  TidelineConf conf() {
    return conf;
  }

  /**
   * Decides where this run starts from the checkpoint and prepares the sources for the trigger: the
   * pinned settings of the checkpoint replace the session's, and for {@code AvailableNow} every
   * source fixes what it will serve.
   */
  void recover() {
    RecoveryPoint point = RecoveryPoint.recover(checkpoint, offsetLog, commitLog);
    batchId = point.batchId();
    watermarkMs = point.watermarkMs();
    // The batch this run starts with judges late rows by the watermark of the batch before it.
    previousBatchWatermarkMs =
        point
            .startOffsets()
            .flatMap(OffsetSeq::metadata)
            .map(OffsetSeqMetadata::batchWatermarkMs)
            .orElse(0L);
    startOffsets = new Offset[sources.length];
    point.startOffsets().ifPresent(seq -> startOffsets = deserialize(seq));
    Optional<OffsetSeq> recorded = point.rerun() ? point.endOffsets() : point.startOffsets();
    recorded.flatMap(OffsetSeq::metadata).ifPresent(m -> m.conf().forEach(conf::set));
    tracker = WatermarkTracker.of(conf);
    tracker.setWatermark(watermarkMs);
    warnAboutUnboundedState();
    if (point.rerun()) {
      rerun = point.endOffsets().orElseThrow();
    }
    if (spec.trigger() instanceof Trigger.AvailableNowTrigger) {
      for (int i = 0; i < sources.length; i++) {
        if (!sources[i].prepareForTriggerAvailableNow()) {
          AvailableNowSource wrapped = new AvailableNowSource(sources[i]);
          wrapped.fixEnd(Optional.ofNullable(startOffsets[i]));
          sources[i] = wrapped;
        }
      }
    }
  }

  private Offset[] deserialize(OffsetSeq seq) {
    if (seq.size() != sources.length) {
      // Reachable with a checkpoint written before its shape was recorded (e.g. by Spark).
      throw QueryErrors.queryChanged(
          checkpoint,
          "its offsets are of " + seq.size() + " sources, but the query has " + sources.length);
    }
    Offset[] out = new Offset[sources.length];
    for (int i = 0; i < sources.length; i++) {
      int index = i;
      out[i] = seq.offset(i).map(json -> sources[index].deserializeOffset(json)).orElse(null);
    }
    return out;
  }

  @Override
  public TriggerOutcome runTrigger() {
    if (Thread.currentThread().isInterrupted()) {
      return TriggerOutcome.STOP;
    }
    LoopSignal.TriggerMark mark = signal.mark();
    currentBatchId = batchId;
    progress.startTrigger();
    long batchTimestampMs;
    long batchWatermarkMs;
    Offset[] endOffsets;
    boolean isRerun = rerun != null;
    if (isRerun) {
      endOffsets = deserialize(rerun);
      OffsetSeqMetadata meta =
          rerun.metadata().orElse(new OffsetSeqMetadata(watermarkMs, spec.clock().nowMs()));
      batchTimestampMs = meta.batchTimestampMs();
      batchWatermarkMs = meta.batchWatermarkMs();
      rerun = null;
    } else {
      Offset[] ends = progress.time("latestOffset", this::latestOffsets);
      boolean dataAvailable = false;
      for (int i = 0; i < sources.length; i++) {
        dataAvailable |= !sameOffset(startOffsets[i], ends[i]);
      }
      if (!dataAvailable && !noDataBatchDue()) {
        return idle(mark);
      }
      // A no-data batch repeats the previous end offsets: it reads nothing and only lets the
      // stateful operators act on the new watermark.
      endOffsets = dataAvailable ? ends : startOffsets.clone();
      batchTimestampMs = spec.clock().nowMs();
      batchWatermarkMs = watermarkMs;
      progress.setStatus("Writing offsets to log", true, true);
      long id = batchId;
      OffsetSeq seq =
          new OffsetSeq(
              jsonOf(endOffsets),
              new OffsetSeqMetadata(batchWatermarkMs, batchTimestampMs, pinned()));
      progress.time("walCommit", () -> writeOffsets(id, seq));
    }
    runBatch(endOffsets, batchTimestampMs, batchWatermarkMs);
    return TriggerOutcome.RAN_BATCH;
  }

  /**
   * Whether the last batch left work that only the new watermark makes due, and this trigger may
   * run a batch without data for it.
   */
  private boolean noDataBatchDue() {
    return anotherBatchWanted
        && !(spec.trigger() instanceof Trigger.OneTimeTrigger)
        && conf.getBoolean(NO_DATA_BATCHES_KEY, true);
  }

  /**
   * Spark's {@code shouldRunAnotherBatch} for batch plan {@code bound}: one of its stateful
   * operators runs in Append or Update mode and the watermark has moved past its eviction
   * watermark. Spark asks no more of a streaming aggregation, so an Update-mode aggregation whose
   * keys carry no event time also gets its (empty) no-data batch when the watermark moves.
   */
  private boolean wantsAnotherBatch(LogicalPlan bound, long nextWatermarkMs) {
    // Each operator compares its own next input watermark (propagated through joins) with the one
    // it evicted by.
    long[] next =
        allowMultiple()
            ? StatefulPlanning.inputWatermarks(plan, nextWatermarkMs)
            : StatefulPlanning.singleWatermarks(plan, nextWatermarkMs);
    for (StatefulAggregate s : Plans.collect(bound, StatefulAggregate.class)) {
      if (s.info().outputMode() != OutputMode.COMPLETE
          && next[(int) s.info().operatorId()] > s.info().eventTimeWatermarkForEviction()) {
        return true;
      }
    }
    // Spark's dedup asks for a no-data batch whenever the watermark moves past its eviction one.
    for (StatefulDeduplicate s : Plans.collect(bound, StatefulDeduplicate.class)) {
      if (next[(int) s.info().operatorId()] > s.info().eventTimeWatermarkForEviction()) {
        return true;
      }
    }
    // A join asks only when it evicts state at all (Spark's shouldRunAnotherBatch).
    for (StatefulJoin s : Plans.collect(bound, StatefulJoin.class)) {
      if (s.evictsState()
          && next[(int) s.info().operatorId()] > s.info().eventTimeWatermarkForEviction()) {
        return true;
      }
    }
    return false;
  }

  private boolean allowMultiple() {
    return conf.getBoolean(ALLOW_MULTIPLE_KEY, true);
  }

  /** Logs the stateful operators whose state can never be evicted; progress marks them too. */
  private void warnAboutUnboundedState() {
    unboundedOperators.clear();
    for (StatefulPlanning.UnboundedState u :
        StatefulPlanning.unboundedState(plan, spec.outputMode())) {
      LOG.warn("{} {}", progress.logPrefix(), u.message());
      unboundedOperators.add(u.operatorId());
    }
  }

  private TriggerOutcome idle(LoopSignal.TriggerMark mark) {
    if (spec.trigger() instanceof Trigger.AvailableNowTrigger) {
      progress.setStatus("Finished processing all available data", false, false);
      signal.noNewData(mark);
      return TriggerOutcome.STOP;
    }
    progress.setStatus("Waiting for data to arrive", false, true);
    if (progress.idleEventDue()) {
      progress.setEventTime(EventTimeProgress.of(hasWatermark, List.of(), watermarkMs));
      progress.finishIdle(
          batchId,
          sourceBatches(startOffsets, startOffsets, new long[sources.length]),
          new SinkProgress(sink.description(), 0),
          ProgressReporter.idleStateProgress(stores.progress(operatorOrder)));
    } else {
      progress.endTrigger();
    }
    // After the status and idle progress, so a processAllAvailable() caller sees them.
    signal.noNewData(mark);
    if (pollsWhenIdle) {
      try {
        signal.idle(mark, pollingDelayMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return TriggerOutcome.STOP;
      }
    }
    return TriggerOutcome.NO_DATA;
  }

  private Offset[] latestOffsets() {
    boolean once = spec.trigger() instanceof Trigger.OneTimeTrigger;
    Offset[] ends = new Offset[sources.length];
    for (int i = 0; i < sources.length; i++) {
      progress.setMessage("Getting offsets from " + sources[i].description());
      ReadLimit limit = once ? ReadLimit.allAvailable() : sources[i].defaultReadLimit();
      ends[i] = sources[i].latestOffset(Optional.ofNullable(startOffsets[i]), limit).orElse(null);
      if (ends[i] == null) {
        ends[i] = startOffsets[i];
      }
    }
    return ends;
  }

  private Map<String, String> pinned() {
    Map<String, String> out = new TreeMap<>();
    out.put(TidelineConf.SHUFFLE_PARTITIONS, Integer.toString(conf.shufflePartitions()));
    out.put(
        "tideline.sql.streaming.multipleWatermarkPolicy",
        conf.get("tideline.sql.streaming.multipleWatermarkPolicy", "min"));
    for (String key : PINNED_CONF) {
      String value = conf.get(key, null);
      if (value != null) {
        out.put(key, value);
      }
    }
    return out;
  }

  private void writeOffsets(long id, OffsetSeq seq) {
    if (!offsetLog.add(
        id, seq, () -> spec.hooks().reached(LoopPoint.DURING_CHECKPOINT_RENAME, id))) {
      throw CheckpointErrors.concurrentStreamLogUpdate(id, offsetLog.batchFile(id));
    }
    spec.hooks().reached(LoopPoint.AFTER_OFFSETS_WRITTEN, id);
    purge(id);
  }

  /**
   * Drops log entries past retention. The first batch of a run purges by listing the logs (a
   * restart may find many); every later batch has exactly one more entry to drop, deleted by name,
   * so a batch never lists the log folders.
   */
  private void purge(long id) {
    if (!purgedOnce) {
      offsetLog.purgeRetaining(id, minBatchesToRetain);
      commitLog.purgeRetaining(id, minBatchesToRetain);
      purgedOnce = true;
      return;
    }
    long expired = id - minBatchesToRetain - 1;
    if (expired >= 0) {
      for (Path file : List.of(offsetLog.batchFile(expired), commitLog.batchFile(expired))) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          throw QueryErrors.writeFailed(file, e);
        }
      }
    }
  }

  private void runBatch(Offset[] endOffsets, long batchTimestampMs, long batchWatermarkMs) {
    long id = batchId;
    progress.setStatus("Processing new data", true, true);
    RowCounter[] counters = new RowCounter[sources.length];
    // Stateful planning needs the streaming plan (it finds aggregates over streaming children).
    LogicalPlan withState =
        progress.time("queryPlanning", () -> bindState(plan, id, batchWatermarkMs));
    LogicalPlan bound =
        progress.time("getBatch", () -> sourcePlans(withState, endOffsets, counters));
    lastBatchPlan = bound;
    operatorOrder = StatefulOperatorOrder.of(withState);
    boolean materialize =
        !Plans.collect(withState, StatefulAggregate.class).isEmpty()
            || !Plans.collect(withState, StatefulDeduplicate.class).isEmpty()
            || !Plans.collect(withState, StatefulJoin.class).isEmpty();
    progress.time(
        "addBatch",
        () ->
            EvalContext.atBatch(
                batchTimestampMs,
                () -> {
                  DataFrame data = batchData(bound, materialize);
                  spec.hooks().reached(LoopPoint.DURING_SINK, id);
                  sink.addBatch(id, data);
                }));
    spec.hooks().reached(LoopPoint.AFTER_SINK_BEFORE_COMMIT, id);
    long[] rows = new long[sources.length];
    for (int i = 0; i < sources.length; i++) {
      rows[i] = counters[i].rows();
    }
    List<EventTimeWatermark> watermarks = Plans.collect(bound, EventTimeWatermark.class);
    List<EventTimeStats> stats = new ArrayList<>(watermarks.size());
    List<Long> delays = new ArrayList<>(watermarks.size());
    for (EventTimeWatermark w : watermarks) {
      stats.add(w.stats().stats());
      delays.add(w.delayMs());
    }
    tracker.update(stats, delays);
    long nextWatermarkMs = tracker.currentWatermarkMs();
    progress.time(
        "commitOffsets",
        () -> {
          if (!commitLog.add(
              id,
              new CommitMetadata(nextWatermarkMs),
              () -> spec.hooks().reached(LoopPoint.DURING_CHECKPOINT_RENAME, id))) {
            throw CheckpointErrors.concurrentStreamLogUpdate(id, commitLog.batchFile(id));
          }
          for (int i = 0; i < sources.length; i++) {
            if (endOffsets[i] != null) {
              sources[i].commit(endOffsets[i]);
            }
          }
        });
    spec.hooks().reached(LoopPoint.AFTER_COMMIT, id);
    if (nextWatermarkMs != watermarkMs) {
      LOG.debug(
          "{} watermark after batch {}: {} ms (was {} ms)",
          progress.logPrefix(),
          id,
          nextWatermarkMs,
          watermarkMs);
    }
    anotherBatchWanted = wantsAnotherBatch(withState, nextWatermarkMs);
    previousBatchWatermarkMs = batchWatermarkMs;
    watermarkMs = nextWatermarkMs;
    for (Long operatorId : unboundedOperators) {
      stores.operatorMetrics(operatorId, id).addCustomMetric(UNBOUNDED_STATE_METRIC, 1);
    }
    stores.doMaintenance();
    Offset[] starts = startOffsets;
    startOffsets = endOffsets;
    batchId = id + 1;
    progress.setStatus("Waiting for next trigger", false, true);
    progress.setEventTime(EventTimeProgress.of(hasWatermark, stats, batchWatermarkMs));
    progress.finishBatch(
        id,
        sourceBatches(starts, endOffsets, rows),
        new SinkProgress(sink.description(), sink.lastBatchOutputRows()),
        stores.progress(operatorOrder));
  }

  /** The streaming plan with each source replaced by its data of this batch. */
  private LogicalPlan sourcePlans(
      LogicalPlan streamingPlan, Offset[] endOffsets, RowCounter[] counters) {
    LogicalPlan[] perSource = new LogicalPlan[sources.length];
    for (int i = 0; i < sources.length; i++) {
      StreamingRelation r = relations.get(i);
      if (endOffsets[i] == null || sameOffset(startOffsets[i], endOffsets[i])) {
        perSource[i] = new LocalRelation(r.output(), List.of());
      } else {
        perSource[i] =
            sources[i].getBatch(Optional.ofNullable(startOffsets[i]), endOffsets[i], r.output());
      }
      counters[i] = new RowCounter();
      perSource[i] = counted(perSource[i], counters[i]);
    }
    return Plans.transformUp(
        streamingPlan,
        node -> node instanceof StreamingRelation r ? perSource[relations.indexOf(r)] : node);
  }

  /**
   * The source's plan, counting its rows into {@code counter}: in-memory data is counted here,
   * once; anything else as it streams through the batch's execution.
   */
  private static LogicalPlan counted(LogicalPlan sourcePlan, RowCounter counter) {
    if (sourcePlan instanceof LocalRelation local) {
      long n = 0;
      for (Batch b : local.batches()) {
        n += b.size();
      }
      counter.newPass().add(n);
      return sourcePlan;
    }
    return new CountRows(sourcePlan, counter);
  }

  /**
   * The streaming plan of batch {@code id}: each watermark node with fresh event-time stats, each
   * stateful operator bound to its state with the previous batch's watermark for late rows and this
   * batch's for eviction.
   */
  private LogicalPlan bindState(LogicalPlan streamingPlan, long id, long batchWatermarkMs) {
    LogicalPlan fresh =
        hasWatermark
            ? Plans.transformUp(
                streamingPlan,
                node -> node instanceof EventTimeWatermark w ? w.withFreshStats() : node)
            : streamingPlan;
    if (!allowMultiple()) {
      // Spark's single-watermark propagator: late rows and eviction both by this batch's.
      return StatefulPlanning.rewrite(
          fresh, id, conf.shufflePartitions(), spec.outputMode(), batchWatermarkMs, stores);
    }
    long lateEventsWatermarkMs = id == 0 ? 0 : Math.min(previousBatchWatermarkMs, batchWatermarkMs);
    return StatefulPlanning.rewrite(
        fresh,
        id,
        conf.shufflePartitions(),
        spec.outputMode(),
        lateEventsWatermarkMs,
        batchWatermarkMs,
        stores);
  }

  /**
   * The batch as the sink gets it. With state, the plan runs once here so the state moves exactly
   * once per batch, however often the sink reads the result.
   */
  private DataFrame batchData(LogicalPlan bound, boolean materialize) {
    if (!materialize) {
      return DataFrame.ofPlan(session, bound);
    }
    List<Batch> result = new QueryExecution(bound, conf, session.pool()).collect();
    return DataFrame.ofPlan(session, new LocalRelation(bound.output(), result));
  }

  private List<ProgressReporter.SourceBatch> sourceBatches(
      Offset[] starts, Offset[] ends, long[] rows) {
    List<ProgressReporter.SourceBatch> out = new ArrayList<>(sources.length);
    for (int i = 0; i < sources.length; i++) {
      Source s = sources[i];
      out.add(
          new ProgressReporter.SourceBatch(
              s.description(),
              starts[i] == null ? null : starts[i].json(),
              ends[i] == null ? null : ends[i].json(),
              s.reportLatestOffset().map(Offset::json).orElse(null),
              rows[i],
              s.metrics(Optional.ofNullable(ends[i]))));
    }
    return out;
  }

  private static List<String> jsonOf(Offset[] offsets) {
    List<String> out = new ArrayList<>(offsets.length);
    for (Offset o : offsets) {
      out.add(o == null ? null : o.json());
    }
    return out;
  }

  private static boolean sameOffset(Offset a, Offset b) {
    return a == null ? b == null : b != null && Objects.equals(a.json(), b.json());
  }

  /** Stops the sources and state stores; called once as the run ends. */
  void close() {
    for (Source s : sources) {
      if (s != null) {
        try {
          s.stop();
        } catch (RuntimeException e) {
          LOG.warn("Failed to stop source {}", s.description(), e);
        }
      }
    }
    stores.close();
  }
}
