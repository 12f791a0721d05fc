package io.tideline.internal.streaming.sinks.kafka;

import io.tideline.DataFrame;
import io.tideline.connector.Sink;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code kafka} streaming sink in its default, at-least-once mode, as Spark's {@code
 * KafkaSink}: each batch's rows are sent through the query's one producer and the producer is
 * flushed before {@link #addBatch} returns, so a batch whose {@code commits/N} is written is in
 * Kafka.
 *
 * <p>At-least-once: a batch id at or below the last one written by this run is skipped, but a batch
 * that reached Kafka before a crash and before its {@code commits/N} is written again when the
 * query restarts (the sink keeps no state outside the process), and the producer's own retries can
 * duplicate a record too. Consumers that need each record once deduplicate on a key of their own,
 * or the query uses {@code option("transactional", "true")} ({@link TransactionalKafkaSink}).
 *
 * <p>Threading: {@link #addBatch} runs on the stream thread; the batch's tasks send from the
 * session's pool to the same thread-safe producer. The producer is made at the first batch, kept
 * for the query's life and closed by {@link #stop()}.
 */
final class KafkaSink implements Sink {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);

  /** How long {@link #stop()} lets the producer finish; every batch is flushed already. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final KafkaSinkOptions options;
  private final KafkaWriteColumns columns;
  private final String queryLabel;
  private Producer<byte[], byte[]> producer;
  private long latestBatchId = -1;
  private volatile long lastBatchRows = -1;

  /**
   * @param options the checked options
   * @param columns the query's output, checked and bound
   * @param queryLabel names the query in messages, e.g. {@code query 'q' (id ...)}
   */
  KafkaSink(KafkaSinkOptions options, KafkaWriteColumns columns, String queryLabel) {
    this.options = options;
    this.columns = columns;
    this.queryLabel = queryLabel;
  }

  @Override
  public void addBatch(long batchId, DataFrame data) {
    if (batchId <= latestBatchId) {
      LOG.info("Skipping already committed batch {} of {}", batchId, queryLabel);
      lastBatchRows = 0;
      return;
    }
    String what = "batch " + batchId + " of " + queryLabel;
    try {
      lastBatchRows = KafkaWriteJob.run(data, columns, producer(), what);
    } catch (KafkaException e) {
      throw KafkaSinkErrors.writeFailed(
          what,
          description(),
          options.bootstrapServers(),
          "The batch is not committed; a restart of the query writes it again (at-least-once:"
              + " records already sent may appear twice).",
          e);
    }
    latestBatchId = batchId;
  }

  private Producer<byte[], byte[]> producer() {
    if (producer == null) {
      producer = new KafkaProducer<>(options.producerConfig(Optional.empty()));
    }
    return producer;
  }

  @Override
  public long lastBatchOutputRows() {
    return lastBatchRows;
  }

  @Override
  public void stop() {
    if (producer != null) {
      try {
        producer.close(CLOSE_TIMEOUT);
      } catch (RuntimeException e) {
        LOG.warn("Closing the Kafka producer of {} failed", queryLabel, e);
      }
      producer = null;
    }
  }

  @Override
  public String description() {
    return "KafkaSink[" + options.topic().map(t -> "topic=" + t).orElse("topic column") + "]";
  }

  @Override
  public String toString() {
    return description();
  }
}
