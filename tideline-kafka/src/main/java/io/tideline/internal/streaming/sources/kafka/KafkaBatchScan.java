package io.tideline.internal.streaming.sources.kafka;

import io.tideline.connector.BatchScan;
import io.tideline.connector.ScanPartition;
import io.tideline.types.StructType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch read of Kafka, {@code t.read().format("kafka")...load()}, as Spark's {@code
 * KafkaRelation}/{@code KafkaBatch}.
 *
 * <p>Protocol, each time the query runs (every action on the DataFrame):
 *
 * <ol>
 *   <li>{@link #planPartitions()}, on the driver thread: list the partitions the strategy selects
 *       now and resolve {@code startingOffsets}/{@code endingOffsets} (or their timestamp forms)
 *       against the brokers with one admin client, closed before returning. So {@code
 *       endingOffsets=latest} means the end as of this action: a second action sees newer records.
 *   <li>Each partition's {@code [start, end)} becomes one range, or several with {@code
 *       minPartitions} ({@link KafkaOffsetRangeCalculator}).
 *   <li>Each range is read by its own task, with its own consumer, into columnar batches ({@link
 *       KafkaRangeReader}, the same reader as the stream's); records that are gone are data loss,
 *       handled per {@code failOnDataLoss}.
 * </ol>
 *
 * <p>Nothing is committed to Kafka; consumer groups are {@code <groupIdPrefix>-<uuid>-executor}
 * ({@code spark-kafka-relation} by default) unless {@code kafka.group.id} is set.
 */
final class KafkaBatchScan implements BatchScan {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBatchScan.class);

  private final KafkaSourceOptions options;
  private final StructType schema;
  private final int batchSize;

  KafkaBatchScan(KafkaSourceOptions options, StructType schema, int batchSize) {
    this.options = options;
    this.schema = schema;
    this.batchSize = batchSize;
  }

  @Override
  public List<ScanPartition> planPartitions() {
    List<KafkaRangeReader.Range> ranges = new ArrayList<>();
    Duration timeout = KafkaClients.apiTimeout(options);
    try (KafkaOffsetReader reader =
        new KafkaOffsetReader(
            KafkaClients.admin(options, timeout),
            options.strategy(),
            timeout,
            description(),
            options.bootstrapServers())) {
      List<TopicPartition> assigned = reader.partitions();
      Map<TopicPartition, Long> from = reader.resolve(options.startingOffsets(), true, assigned);
      Map<TopicPartition, Long> until = reader.resolve(options.endingOffsets(), false, assigned);
      List<TopicPartition> ordered = new ArrayList<>(until.keySet());
      ordered.sort(KafkaSourceOffset.ORDER);
      for (TopicPartition tp : ordered) {
        Long start = from.get(tp);
        if (start == null) {
          // Deleted between the two lookups: nothing of it can be read.
          continue;
        }
        long end = until.get(tp);
        if (start > end) {
          throw KafkaSourceErrors.resolvedStartAfterEnd(start, end, tp, description());
        }
        ranges.add(new KafkaRangeReader.Range(tp, start, end));
      }
    }
    List<ScanPartition> out = new ArrayList<>();
    String groupId = options.groupIdPrefix() + "-" + UUID.randomUUID();
    for (KafkaRangeReader.Range r :
        KafkaOffsetRangeCalculator.split(
            ranges, options.minPartitions(), options.maxRecordsPerPartition())) {
      out.add(new KafkaRangeTask(r, options, schema, batchSize, groupId, description()));
    }
    LOG.debug("{} reads {} ranges", description(), out.size());
    return out;
  }

  @Override
  public String description() {
    return "KafkaRelation[" + options.strategy().description() + "]";
  }

  @Override
  public String toString() {
    return description() + " " + options;
  }
}
