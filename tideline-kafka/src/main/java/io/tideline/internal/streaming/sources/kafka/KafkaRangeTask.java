package io.tideline.internal.streaming.sources.kafka;

import io.tideline.connector.ScanPartition;
import io.tideline.internal.vector.Batch;
import io.tideline.types.StructType;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task of a parallel Kafka read: the records of one offset range, read on the task's thread
 * with a consumer of its own (Spark's {@code KafkaBatchInputPartition} and its reader). Used by
 * batch reads, and by a stream's batches that are large or that {@code minPartitions} splits.
 *
 * @param groupId the generated group id ({@code <groupIdPrefix>-<uuid>[-<hash>]}); the consumer's
 *     group is {@code kafka.group.id} when set, else this plus {@code -executor}
 * @param source the read's description, for messages
 */
record KafkaRangeTask(
    KafkaRangeReader.Range range,
    KafkaSourceOptions options,
    StructType schema,
    int batchSize,
    String groupId,
    String source)
    implements ScanPartition {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaRangeTask.class);

  /**
   * The range's batches, read lazily by a consumer of the task's own ({@link KafkaRangeIterator}):
   * nothing is fetched before the first {@code hasNext()}, and the consumer is closed when the
   * range is read, on failure, or when the engine closes the iterator.
   */
  @Override
  public Iterator<Batch> read() {
    return new KafkaRangeIterator(
        range,
        () -> KafkaClients.consumer(options, groupId),
        new KafkaRecordBatchBuilder(schema, options.includeHeaders(), batchSize),
        this::reportDataLoss,
        KafkaClients.apiTimeout(options),
        options.pollTimeoutMs(),
        source,
        options.bootstrapServers());
  }

  private void reportDataLoss(RuntimeException failure) {
    reportDataLoss(options, failure);
  }

  /** Throws {@code failure} with {@code failOnDataLoss}, else logs it with Spark's note. */
  static void reportDataLoss(KafkaSourceOptions options, RuntimeException failure) {
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

  @Override
  public String toString() {
    return source + " " + range;
  }
}
