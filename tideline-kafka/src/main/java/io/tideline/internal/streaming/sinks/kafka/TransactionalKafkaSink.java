package io.tideline.internal.streaming.sinks.kafka;

import io.tideline.DataFrame;
import io.tideline.connector.Sink;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code kafka} streaming sink in its exactly-once mode ({@code option("transactional",
 * "true")}): every batch is one Kafka transaction holding the batch's records and a marker of its
 * batch id, so a consumer reading with {@code isolation.level=read_committed} sees each batch once,
 * whole, across crashes and restarts. Consumers reading {@code read_uncommitted} (Kafka's default)
 * also see the records of aborted attempts.
 *
 * <p>Protocol:
 *
 * <ol>
 *   <li>At the first batch of a run: create the control topic if needed ({@link
 *       KafkaCommitMarkers}); make the producer with {@code transactional.id = <prefix>-<queryId>},
 *       stable across restarts of the same checkpoint; {@code initTransactions()}, which fences any
 *       earlier producer of that id (a zombie run) and aborts the transaction it left open; then
 *       read the last committed batch id from the markers.
 *   <li>{@code addBatch(N)} with N at or below the last committed id: skip. The loop re-runs the
 *       last batch after a crash between the sink and {@code commits/N}; Kafka already has it.
 *   <li>Otherwise: begin a transaction, send the batch's records, send the marker of N, commit.
 *       Kafka makes the records and the marker visible together, or neither.
 *   <li>On a failure before the commit returns: abort (best effort) and fail the query. A restart
 *       re-runs batch N, whose records are written once more in a new transaction; the aborted ones
 *       stay invisible to {@code read_committed} readers. When the commit's outcome is unknown (a
 *       time-out), the restart's {@code initTransactions()} settles it and the marker says which.
 * </ol>
 *
 * <p>Why one producer for the whole batch: a transaction belongs to one producer, and {@code
 * KafkaProducer} is thread-safe, so the batch's tasks send through it in parallel and one commit
 * covers them all.
 *
 * <p>Threading: {@link #addBatch} and {@link #stop} run on the stream thread.
 */
final class TransactionalKafkaSink implements Sink {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionalKafkaSink.class);

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final KafkaSinkOptions options;
  private final KafkaWriteColumns columns;
  private final String queryLabel;
  private final String transactionalId;
  private final KafkaCommitMarkers markers;
  private Producer<byte[], byte[]> producer;
  private long lastCommittedBatchId = -1;
  private volatile long lastBatchRows = -1;

  /**
   * @param options the checked options, with {@code transactional=true}
   * @param columns the query's output, checked and bound
   * @param queryId the query's id, stable across restarts: the transactional id derives from it
   * @param queryLabel names the query in messages
   */
  TransactionalKafkaSink(
      KafkaSinkOptions options, KafkaWriteColumns columns, UUID queryId, String queryLabel) {
    this.options = options;
    this.columns = columns;
    this.queryLabel = queryLabel;
    this.transactionalId = transactionalId(options, queryId);
    this.markers =
        new KafkaCommitMarkers(
            options,
            options.commitTopic().orElse(transactionalId + "-commits"),
            queryId,
            "the exactly-once kafka sink of " + queryLabel);
  }

  /** The transactional id of a query's producer: {@code <transactionalIdPrefix>-<queryId>}. */
  static String transactionalId(KafkaSinkOptions options, UUID queryId) {
    return options.transactionalIdPrefix() + "-" + queryId;
  }

  @Override
  public void addBatch(long batchId, DataFrame data) {
    Producer<byte[], byte[]> p = producer();
    if (batchId <= lastCommittedBatchId) {
      LOG.info(
          "Skipping batch {} of {}: Kafka already has it committed (last committed batch {})",
          batchId,
          queryLabel,
          lastCommittedBatchId);
      lastBatchRows = 0;
      return;
    }
    String what = "batch " + batchId + " of " + queryLabel;
    long rows;
    try {
      p.beginTransaction();
      rows = KafkaWriteJob.run(data, columns, p, what);
      p.send(markers.marker(batchId));
      p.commitTransaction();
    } catch (KafkaException e) {
      if (isFenced(e)) {
        closeQuietly();
        throw KafkaSinkErrors.fenced(transactionalId, description(), what, e);
      }
      abortQuietly(what);
      throw KafkaSinkErrors.writeFailed(
          what,
          description(),
          options.bootstrapServers(),
          "The transaction is aborted, so read_committed consumers see none of its records; a"
              + " restart of the query writes the batch again, once.",
          e);
    } catch (RuntimeException | Error e) {
      abortQuietly(what);
      throw e;
    }
    lastCommittedBatchId = batchId;
    lastBatchRows = rows;
  }

  /** The run's producer; at first use fences earlier runs and learns the last committed batch. */
  private Producer<byte[], byte[]> producer() {
    if (producer != null) {
      return producer;
    }
    markers.ensureTopic();
    Producer<byte[], byte[]> p =
        new KafkaProducer<>(options.producerConfig(Optional.of(transactionalId)));
    try {
      p.initTransactions();
      OptionalLong last = markers.lastCommittedBatch();
      lastCommittedBatchId = last.orElse(-1);
      LOG.info(
          "{} writes with transactional id {}; last committed batch in Kafka: {}",
          queryLabel,
          transactionalId,
          last.isPresent() ? Long.toString(last.getAsLong()) : "none");
    } catch (KafkaException e) {
      p.close(Duration.ZERO);
      if (isFenced(e)) {
        throw KafkaSinkErrors.fenced(transactionalId, description(), "the first batch", e);
      }
      throw KafkaSinkErrors.writeFailed(
          "the first batch of " + queryLabel,
          description(),
          options.bootstrapServers(),
          "Initializing the transactional producer failed; nothing was written. A restart"
              + " retries.",
          e);
    } catch (RuntimeException | Error e) {
      p.close(Duration.ZERO);
      throw e;
    }
    producer = p;
    return p;
  }

  private static boolean isFenced(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
        return true;
      }
    }
    return false;
  }

  private void abortQuietly(String what) {
    if (producer == null) {
      return;
    }
    try {
      producer.abortTransaction();
    } catch (RuntimeException e) {
      // A producer in a fatal state cannot abort; the next run's initTransactions() aborts for it.
      LOG.warn("Aborting the Kafka transaction of {} failed", what, e);
      closeQuietly();
    }
  }

  private void closeQuietly() {
    if (producer == null) {
      return;
    }
    try {
      producer.close(CLOSE_TIMEOUT);
    } catch (RuntimeException e) {
      LOG.warn("Closing the Kafka producer of {} failed", queryLabel, e);
    }
    producer = null;
  }

  @Override
  public long lastBatchOutputRows() {
    return lastBatchRows;
  }

  @Override
  public void stop() {
    closeQuietly();
  }

  @Override
  public String description() {
    return "KafkaSink["
        + options.topic().map(t -> "topic=" + t).orElse("topic column")
        + ", exactly-once, transactional.id="
        + transactionalId
        + "]";
  }

  @Override
  public String toString() {
    return description();
  }
}
