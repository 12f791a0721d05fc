package io.tideline.internal.streaming.sources.kafka;

import io.tideline.connector.Offset;
import io.tideline.connector.ReadLimit;
import io.tideline.connector.Source;
import io.tideline.connector.SourceContext;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.LocalRelation;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.vector.Batch;
import io.tideline.types.StructType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
 *   <li>{@link #getBatch}: read exactly {@code [start, end)} per partition with the source's
 *       consumer ({@link KafkaRangeReader}) into columnar batches; a large batch is read by several
 *       consumers at once ({@link ParallelRangeReader}). Partitions that vanished, or whose offsets
 *       went backwards, are data loss, handled per {@code failOnDataLoss}.
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

  private final KafkaSourceOptions options;
  private final StructType schema;
  private final int batchSize;
  private final KafkaInitialOffsetLog initialOffsetLog;
  private final Consumer<byte[], byte[]> consumer;
  private final KafkaOffsetReader offsetReader;
  private final KafkaRangeReader rangeReader;
  private final ParallelRangeReader parallelReader;
  private KafkaSourceOffset initialOffsets;
  private Map<TopicPartition, Long> latestPartitionOffsets;
  private Map<TopicPartition, Long> allDataForTriggerAvailableNow;

  KafkaMicroBatchStream(KafkaSourceOptions options, SourceContext context) {
    this.options = options;
    this.schema = context.schema();
    this.batchSize = context.session().conf().batchSize();
    this.initialOffsetLog = new KafkaInitialOffsetLog(context.metadataPath());
    if (options.groupId().isPresent()) {
      LOG.warn(KafkaSourceErrors.CUSTOM_GROUP_ID_WARNING);
      if (options.original().keySet().stream().anyMatch("groupIdPrefix"::equalsIgnoreCase)) {
        LOG.warn("Option groupIdPrefix will be ignored as option kafka.group.id has been set.");
      }
    }
    this.consumer = createConsumer(options, context);
    Duration timeout = apiTimeout(options);
    this.offsetReader =
        new KafkaOffsetReader(
            createAdmin(options, timeout),
            options.strategy(),
            timeout,
            description(),
            options.bootstrapServers());
    this.rangeReader =
        new KafkaRangeReader(
            consumer,
            offsetReader,
            options.pollTimeoutMs(),
            description(),
            options.bootstrapServers());
    this.parallelReader =
        new ParallelRangeReader(
            rangeReader,
            () -> createConsumer(options, context),
            c ->
                new KafkaRangeReader(
                    c,
                    offsetReader,
                    options.pollTimeoutMs(),
                    description(),
                    options.bootstrapServers()),
            context.session().conf().parallelism(),
            MIN_RECORDS_TO_SPLIT_READ,
            description());
  }

  private static Consumer<byte[], byte[]> createConsumer(
      KafkaSourceOptions options, SourceContext context) {
    Map<String, Object> config = new HashMap<>(options.kafkaParams());
    // The checkpoint owns the offsets: nothing may move or commit them behind the source's back.
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    // Records are copied into columns as they arrive, so larger polls only mean fewer round trips
    // through the consumer; Kafka's default of 500 is tuned for per-record processing.
    config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
    // A read only asks for offsets below the latest it was planned with, yet the consumer also
    // prefetches past a partition's end; at the log's end the broker parks that fetch for up to
    // fetch.max.wait.ms (500 ms) and the next batch's fetch queues behind it. Not waiting lets a
    // low-latency stream read each batch in one round trip.
    config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "0");
    config.putIfAbsent(
        ConsumerConfig.GROUP_ID_CONFIG,
        options.groupIdPrefix()
            + "-"
            + UUID.randomUUID()
            + "-"
            + context.metadataPath().toAbsolutePath().toString().hashCode()
            + "-executor");
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static Admin createAdmin(KafkaSourceOptions options, Duration timeout) {
    Map<String, Object> config = new HashMap<>();
    // Only the settings an admin client knows: connection and security, not the consumer's.
    for (Map.Entry<String, String> e : options.kafkaParams().entrySet()) {
      if (AdminClientConfig.configNames().contains(e.getKey())) {
        config.put(e.getKey(), e.getValue());
      }
    }
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.putIfAbsent(
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000L));
    return Admin.create(config);
  }

  private static Duration apiTimeout(KafkaSourceOptions options) {
    String v = options.kafkaParams().get(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
    long ms = 60_000L;
    if (v != null) {
      try {
        ms = Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        throw KafkaSourceErrors.invalidOption(
            "kafka." + ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, v, "a number of milliseconds");
      }
    }
    return Duration.ofMillis(ms);
  }

  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public ReadLimit defaultReadLimit() {
    OptionalLong max = options.maxOffsetsPerTrigger();
    return max.isPresent() ? ReadLimit.maxRows(max.getAsLong()) : ReadLimit.allAvailable();
  }

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
    Map<TopicPartition, Long> end = latest;
    OptionalLong max = maxRows(limit);
    if (max.isPresent()) {
      Set<TopicPartition> added = new HashSet<>(latest.keySet());
      added.removeAll(from.keySet());
      end =
          KafkaOffsetLimits.rateLimit(max.getAsLong(), from, offsetReader.earliest(added), latest);
    }
    if (start.isEmpty() && end.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new KafkaSourceOffset(end));
  }

  @Override
  public Optional<Offset> reportLatestOffset() {
    return Optional.ofNullable(latestPartitionOffsets).map(KafkaSourceOffset::new);
  }

  @Override
  public LogicalPlan getBatch(Optional<Offset> start, Offset end, List<Attribute> output) {
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
    List<Batch> batches =
        parallelReader.read(
            ranges,
            () -> new KafkaRecordBatchBuilder(schema, options.includeHeaders(), batchSize),
            this::reportDataLoss);
    return new LocalRelation(output, batches);
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
      parallelReader.close();
      consumer.close(Duration.ofSeconds(5));
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
    StartingOffsets starting = options.startingOffsets();
    if (starting instanceof StartingOffsets.Earliest) {
      return new KafkaSourceOffset(offsetReader.earliest(offsetReader.partitions()));
    }
    if (starting instanceof StartingOffsets.Latest) {
      return new KafkaSourceOffset(offsetReader.latest());
    }
    Map<TopicPartition, Long> specified = ((StartingOffsets.Specific) starting).offsets();
    List<TopicPartition> assigned = offsetReader.partitions();
    if (!new HashSet<>(assigned).equals(specified.keySet())) {
      throw KafkaSourceErrors.startOffsetDoesNotMatchAssigned(specified.keySet(), assigned);
    }
    Map<TopicPartition, Long> earliest = offsetReader.earliest(specified.keySet());
    Map<TopicPartition, Long> latest = offsetReader.latest(specified.keySet());
    Map<TopicPartition, Long> resolved = new HashMap<>();
    for (Map.Entry<TopicPartition, Long> e : specified.entrySet()) {
      long o = e.getValue();
      Map<TopicPartition, Long> source =
          o == StartingOffsets.EARLIEST ? earliest : o == StartingOffsets.LATEST ? latest : null;
      if (source == null) {
        resolved.put(e.getKey(), o);
      } else if (source.containsKey(e.getKey())) {
        resolved.put(e.getKey(), source.get(e.getKey()));
      }
    }
    return new KafkaSourceOffset(resolved);
  }

  private void reportDataLoss(RuntimeException failure) {
    if (options.failOnDataLoss()) {
      throw failure;
    }
    LOG.warn(
        "{}",
        failure
            .getMessage()
            .replace(
                KafkaSourceErrors.FAIL_ON_DATA_LOSS_TRUE_HINT,
                KafkaSourceErrors.FAIL_ON_DATA_LOSS_FALSE_HINT));
  }

  private static OptionalLong maxRows(ReadLimit limit) {
    if (limit instanceof ReadLimit.MaxRows m) {
      return OptionalLong.of(m.rows());
    }
    if (limit instanceof ReadLimit.Composite c) {
      long min = Long.MAX_VALUE;
      for (ReadLimit l : c.limits()) {
        if (l instanceof ReadLimit.MaxRows m) {
          min = Math.min(min, m.rows());
        }
      }
      return min == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(min);
    }
    return OptionalLong.empty();
  }
}
