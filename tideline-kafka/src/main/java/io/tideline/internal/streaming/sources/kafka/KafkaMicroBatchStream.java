package io.tideline.internal.streaming.sources.kafka;

import io.tideline.connector.BatchScan;
import io.tideline.connector.Offset;
import io.tideline.connector.ReadLimit;
import io.tideline.connector.ScanPartition;
import io.tideline.connector.Source;
import io.tideline.connector.SourceContext;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.LocalRelation;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.ScanRelation;
import io.tideline.internal.streaming.Clock;
import io.tideline.internal.vector.Batch;
import io.tideline.types.StructType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming {@code kafka} source, as Spark's {@code KafkaMicroBatchStream}.
 *
 * <p>Protocol, per trigger, on the query's stream thread:
 *
 * <ol>
 *   <li>{@link #latestOffset}: list the partitions the strategy selects now and their latest
 *       offsets; partitions not in {@code start} begin at their earliest offset; cap the batch with
 *       {@code maxOffsetsPerTrigger} split across partitions ({@link KafkaOffsetLimits}).
 *   <li>The loop writes the end offset to {@code offsets/N} before reading.
 *   <li>{@link #getBatch}: partitions that vanished, or whose offsets went backwards, are data
 *       loss, handled per {@code failOnDataLoss}. A batch of fewer than 200 000 offsets ({@code
 *       TASK_READ_MIN_OFFSETS}) is read now, exactly {@code [start, end)} per partition, with the
 *       source's consumer ({@link KafkaRangeReader}) into columnar batches, from 100 000 records by
 *       several consumers at once ({@link ParallelRangeReader}). A larger batch, or one that {@code
 *       minPartitions}/{@code maxRecordsPerPartition} split, is planned as parallel tasks with
 *       consumers of their own ({@link KafkaRangeTask}), each reading its part lazily, a batch at a
 *       time, when the batch's plan runs: memory stays bounded by the tasks running at once, not by
 *       the batch.
 * </ol>
 *
 * <p>Recovery: offsets live only in the checkpoint, never in Kafka (no commits, no auto-commit).
 * The offsets {@code startingOffsets} resolves to on the first start are written to {@code
 * metadataPath} ({@link KafkaInitialOffsetLog}) before batch 0, so a restart replays batch 0 from
 * the same offsets even when {@code latest} has moved.
 *
 * <p>Why an admin client for offsets and a consumer for records, as Spark: the admin client answers
 * "this topic is gone" at once where a consumer waits for metadata until it times out, and the one
 * long-lived consumer keeps its connections and fetch sessions warm between batches.
 */
final class KafkaMicroBatchStream implements Source {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaMicroBatchStream.class);

  /** Batches with fewer records are read by the one consumer on the stream thread. */
  private static final long MIN_RECORDS_TO_SPLIT_READ = 100_000;

  /**
   * Batches of at least this many offsets are read by tasks when the plan runs, a batch at a time,
   * instead of into memory in {@code getBatch}: a materialised batch costs about 540 bytes per
   * record of 125-byte JSON (2.7 GB live at 5 M, seconds of GC copying it), and reading it first
   * keeps the plan from overlapping the fetches. Below this, a consumer made per task (tens of
   * milliseconds) would cost more than it saves, and the source's warm consumer serves the batch.
   * Also each task's minimum size. Internal option {@link KafkaSourceOptions#TASK_READ_MIN_OFFSETS}
   * overrides it.
   */
  private static final long TASK_READ_MIN_OFFSETS = 200_000;

  private final KafkaSourceOptions options;
  private final StructType schema;
  private final int batchSize;
  private final int parallelism;
  private final long taskReadMinOffsets;
  private final KafkaInitialOffsetLog initialOffsetLog;
  private final Consumer<byte[], byte[]> consumer;
  private final KafkaOffsetReader offsetReader;
  private final KafkaRangeReader rangeReader;
  private final ParallelRangeReader parallelReader;
  private final KafkaDataWatcher watcher;
  private KafkaSourceOffset initialOffsets;
  private Map<TopicPartition, Long> latestPartitionOffsets;
  private Map<TopicPartition, Long> allDataForTriggerAvailableNow;
  private final Clock clock;
  private final String groupId;
  private long lastTriggerMs;

  KafkaMicroBatchStream(KafkaSourceOptions options, SourceContext context) {
    this.options = options;
    this.schema = context.schema();
    this.batchSize = context.session().conf().batchSize();
    this.parallelism = Math.max(1, context.session().conf().parallelism());
    this.taskReadMinOffsets = options.taskReadMinOffsets(TASK_READ_MIN_OFFSETS);
    this.initialOffsetLog = new KafkaInitialOffsetLog(context.metadataPath());
    this.clock = context.clock();
    KafkaClients.warnIfCustomGroupId(options);
    this.groupId =
        options.groupIdPrefix()
            + "-"
            + UUID.randomUUID()
            + "-"
            + context.metadataPath().toAbsolutePath().toString().hashCode();
    this.consumer = KafkaClients.consumer(options, groupId);
    try {
      Duration timeout = KafkaClients.apiTimeout(options);
      this.offsetReader =
          new KafkaOffsetReader(
              KafkaClients.admin(options, timeout),
              options.strategy(),
              timeout,
              description(),
              options.bootstrapServers());
    } catch (RuntimeException e) {
      consumer.close(CloseOptions.timeout(Duration.ZERO));
      throw e;
    }
    this.rangeReader =
        new KafkaRangeReader(
            consumer,
            offsetReader::earliest,
            options.pollTimeoutMs(),
            description(),
            options.bootstrapServers());
    this.parallelReader =
        new ParallelRangeReader(
            rangeReader,
            () -> KafkaClients.consumer(options, groupId),
            c ->
                new KafkaRangeReader(
                    c,
                    offsetReader::earliest,
                    options.pollTimeoutMs(),
                    description(),
                    options.bootstrapServers()),
            context.session().conf().parallelism(),
            MIN_RECORDS_TO_SPLIT_READ,
            description());
    this.watcher =
        context
            .wakeLoop()
            .map(
                wake ->
                    new KafkaDataWatcher(
                        () -> KafkaClients.watcherConsumer(options, groupId), wake, description()))
            .orElse(null);
  }

  @Override
  public StructType schema() {
    return schema;
  }

  /**
   * Spark's default limit: {@code minOffsetsPerTrigger} (with {@code maxTriggerDelay}) and {@code
   * maxOffsetsPerTrigger}, either, both (composite) or neither.
   */
  @Override
  public ReadLimit defaultReadLimit() {
    List<ReadLimit> limits = new ArrayList<>();
    options
        .minOffsetsPerTrigger()
        .ifPresent(min -> limits.add(new ReadLimit.MinRows(min, options.maxTriggerDelayMs())));
    options.maxOffsetsPerTrigger().ifPresent(max -> limits.add(ReadLimit.maxRows(max)));
    return limits.isEmpty() ? ReadLimit.allAvailable() : ReadLimit.compose(limits);
  }

  /**
   * The end of the next batch, as Spark's {@code KafkaMicroBatchStream.latestOffset}: everything
   * available when the limit includes {@code AllAvailable}; else, under a {@code MinRows} limit,
   * {@code start} itself (no batch) while fewer records than the minimum wait and less than {@code
   * maxTriggerDelay} has passed since the last batch fired; else capped by {@code MaxRows}. Under
   * {@code Trigger.AvailableNow} the minimum is not applied, unlike Spark.
   */
  @Override
  public Optional<Offset> latestOffset(Optional<Offset> start, ReadLimit limit) {
    Map<TopicPartition, Long> from =
        start
            .map(o -> KafkaSourceOffset.of(o).partitionOffsets())
            .orElseGet(() -> initialOffsets().partitionOffsets());
    Map<TopicPartition, Long> latest =
        allDataForTriggerAvailableNow != null
            ? allDataForTriggerAvailableNow
            : offsetReader.latest();
    latestPartitionOffsets = latest;
    List<ReadLimit> limits = limit instanceof ReadLimit.Composite c ? c.limits() : List.of(limit);
    Map<TopicPartition, Long> end = latest;
    if (limits.stream().noneMatch(l -> l instanceof ReadLimit.AllAvailable)) {
      ReadLimit.MinRows min = find(limits, ReadLimit.MinRows.class);
      ReadLimit.MaxRows max = find(limits, ReadLimit.MaxRows.class);
      // Under AvailableNow a held-back batch would end the run with records unread (Spark's
      // documented weak spot for ReadMinRows), so there only the upper limit applies.
      boolean availableNow = allDataForTriggerAvailableNow != null;
      if (min != null && !availableNow && delayBatch(min, latest, from)) {
        LOG.debug(
            "{}: delaying the batch, fewer than minOffsetsPerTrigger={} records wait",
            description(),
            min.rows());
        end = from;
      } else if (max != null) {
        Set<TopicPartition> added = new HashSet<>(latest.keySet());
        added.removeAll(from.keySet());
        end = KafkaOffsetLimits.rateLimit(max.rows(), from, offsetReader.earliest(added), latest);
      }
    }
    watchIfIdle(from, end, latest);
    if (start.isEmpty() && end.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new KafkaSourceOffset(end));
  }

  /**
   * Arms the watcher when this trigger plans no batch (the loop is about to idle), from the latest
   * offsets just listed, so a record that arrived since then wakes the loop at once; disarms it
   * when a batch is due, so it reads nothing while the batch runs.
   */
  private void watchIfIdle(
      Map<TopicPartition, Long> from,
      Map<TopicPartition, Long> end,
      Map<TopicPartition, Long> latest) {
    if (watcher == null || allDataForTriggerAvailableNow != null) {
      return;
    }
    if (end.equals(from)) {
      watcher.arm(latest);
    } else {
      watcher.disarm();
    }
  }

  /**
   * Whether to hold back this trigger's batch, as Spark's {@code delayBatch}: fire once {@code
   * maxTriggerDelay} has passed since the last batch fired (the first trigger after a start always
   * fires: the timer starts at 0), or once at least {@code minOffsetsPerTrigger} new offsets wait,
   * counting a partition not yet read from offset 0.
   */
  private boolean delayBatch(
      ReadLimit.MinRows min, Map<TopicPartition, Long> latest, Map<TopicPartition, Long> from) {
    long now = clock.nowMs();
    if (now - lastTriggerMs >= min.maxTriggerDelayMs()) {
      lastTriggerMs = now;
      return false;
    }
    long waiting = 0;
    for (Map.Entry<TopicPartition, Long> e : latest.entrySet()) {
      waiting += e.getValue() - from.getOrDefault(e.getKey(), 0L);
    }
    if (waiting < min.rows()) {
      return true;
    }
    lastTriggerMs = now;
    return false;
  }

  private static <T extends ReadLimit> T find(List<ReadLimit> limits, Class<T> type) {
    for (ReadLimit l : limits) {
      if (type.isInstance(l)) {
        return type.cast(l);
      }
    }
    return null;
  }

  @Override
  public Optional<Offset> reportLatestOffset() {
    return Optional.ofNullable(latestPartitionOffsets).map(KafkaSourceOffset::new);
  }

  @Override
  public LogicalPlan getBatch(Optional<Offset> start, Offset end, List<Attribute> output) {
    if (watcher != null) {
      // A batch re-run after a restart comes without a latestOffset call.
      watcher.disarm();
    }
    Map<TopicPartition, Long> from =
        start
            .map(o -> KafkaSourceOffset.of(o).partitionOffsets())
            .orElseGet(() -> initialOffsets().partitionOffsets());
    Map<TopicPartition, Long> until = KafkaSourceOffset.of(end).partitionOffsets();

    Set<TopicPartition> added = new TreeSet<>(KafkaSourceOffset.ORDER);
    added.addAll(until.keySet());
    added.removeAll(from.keySet());
    Map<TopicPartition, Long> addedStart = offsetReader.earliest(added);
    if (!addedStart.keySet().containsAll(added)) {
      Set<TopicPartition> missing = new TreeSet<>(KafkaSourceOffset.ORDER);
      missing.addAll(added);
      missing.removeAll(addedStart.keySet());
      reportDataLoss(KafkaSourceErrors.initialOffsetNotFound(missing, description()));
    }
    for (Map.Entry<TopicPartition, Long> e : addedStart.entrySet()) {
      if (e.getValue() != 0) {
        reportDataLoss(
            KafkaSourceErrors.addedPartitionDoesNotStartFromZero(
                e.getKey(), e.getValue(), description()));
      }
    }
    Set<TopicPartition> gone = new TreeSet<>(KafkaSourceOffset.ORDER);
    gone.addAll(from.keySet());
    gone.removeAll(until.keySet());
    if (!gone.isEmpty()) {
      reportDataLoss(KafkaSourceErrors.partitionsDeleted(gone, description()));
    }

    List<KafkaRangeReader.Range> ranges = new ArrayList<>();
    for (Map.Entry<TopicPartition, Long> e : until.entrySet()) {
      TopicPartition tp = e.getKey();
      Long begin = from.containsKey(tp) ? from.get(tp) : addedStart.get(tp);
      if (begin == null) {
        continue;
      }
      if (e.getValue() < begin) {
        reportDataLoss(
            KafkaSourceErrors.partitionOffsetChanged(tp, begin, e.getValue(), description()));
        continue;
      }
      ranges.add(new KafkaRangeReader.Range(tp, begin, e.getValue()));
    }
    if (KafkaOffsetRangeCalculator.splits(
        ranges, options.minPartitions(), options.maxRecordsPerPartition())) {
      return splitScan(
          KafkaOffsetRangeCalculator.split(
              ranges, options.minPartitions(), options.maxRecordsPerPartition()),
          output);
    }
    List<KafkaRangeReader.Range> tasks =
        KafkaOffsetRangeCalculator.forTaskRead(ranges, taskReadMinOffsets, parallelism);
    if (!tasks.isEmpty()) {
      LOG.debug("{}: a large batch, read by {} tasks", description(), tasks.size());
      return splitScan(tasks, output);
    }
    List<Batch> batches =
        parallelReader.read(
            ranges,
            () -> new KafkaRecordBatchBuilder(schema, options.includeHeaders(), batchSize),
            this::reportDataLoss);
    return new LocalRelation(output, batches);
  }

  /**
   * The batch as parallel tasks, each reading one of {@code ranges} lazily with a consumer of its
   * own ({@link KafkaRangeTask}): when {@code minPartitions} asks for more tasks than there are
   * partitions with records, when a range holds more than {@code maxRecordsPerPartition} offsets
   * (Spark's {@code KafkaOffsetRangeCalculator}), or when the batch is large. The offsets are
   * already in {@code offsets/N}, so reading when the plan runs reads exactly this batch; the
   * ranges of a partition are consecutive tasks in offset order, so its rows keep their order.
   */
  private LogicalPlan splitScan(List<KafkaRangeReader.Range> ranges, List<Attribute> output) {
    List<ScanPartition> tasks = new ArrayList<>();
    for (KafkaRangeReader.Range r : ranges) {
      tasks.add(new KafkaRangeTask(r, options, schema, batchSize, groupId, description()));
    }
    List<ScanPartition> fixed = List.copyOf(tasks);
    return new ScanRelation(
        output,
        new BatchScan() {
          @Override
          public List<ScanPartition> planPartitions() {
            return fixed;
          }

          @Override
          public String description() {
            return KafkaMicroBatchStream.this.description();
          }
        });
  }

  @Override
  public Offset deserializeOffset(String json) {
    return KafkaSourceOffset.parse(json);
  }

  @Override
  public boolean prepareForTriggerAvailableNow() {
    allDataForTriggerAvailableNow = offsetReader.latest();
    return true;
  }

  /**
   * Spark's lag metrics: for each partition with a known latest offset, how many offsets it is
   * ahead of {@code end} (a partition not yet read counts from 0).
   */
  @Override
  public Map<String, String> metrics(Optional<Offset> end) {
    if (end.isEmpty() || latestPartitionOffsets == null || latestPartitionOffsets.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, Long> consumed = KafkaSourceOffset.of(end.get()).partitionOffsets();
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    long sum = 0;
    for (Map.Entry<TopicPartition, Long> e : latestPartitionOffsets.entrySet()) {
      long behind = e.getValue() - consumed.getOrDefault(e.getKey(), 0L);
      min = Math.min(min, behind);
      max = Math.max(max, behind);
      sum += behind;
    }
    Map<String, String> out = new LinkedHashMap<>();
    out.put("minOffsetsBehindLatest", Long.toString(min));
    out.put("maxOffsetsBehindLatest", Long.toString(max));
    out.put(
        "avgOffsetsBehindLatest", Double.toString((double) sum / latestPartitionOffsets.size()));
    return out;
  }

  @Override
  public String description() {
    return options.description();
  }

  @Override
  public void stop() {
    try {
      if (watcher != null) {
        watcher.close();
      }
      // Nothing to commit and no group joined: waiting would only wait out a parked fetch.
      parallelReader.close();
      consumer.close(CloseOptions.timeout(Duration.ZERO));
    } finally {
      offsetReader.close();
    }
  }

  @Override
  public String toString() {
    return description() + " " + options;
  }

  /** The offsets the query started from: read from the checkpoint, or resolved and written. */
  private KafkaSourceOffset initialOffsets() {
    if (initialOffsets == null) {
      initialOffsets = initialOffsetLog.getOrCreate(this::resolveStartingOffsets);
      LOG.info("{} starts from {}", description(), initialOffsets);
    }
    return initialOffsets;
  }

  private KafkaSourceOffset resolveStartingOffsets() {
    return new KafkaSourceOffset(offsetReader.resolve(options.startingOffsets(), true));
  }

  private void reportDataLoss(RuntimeException failure) {
    KafkaRangeTask.reportDataLoss(options, failure);
  }
}
