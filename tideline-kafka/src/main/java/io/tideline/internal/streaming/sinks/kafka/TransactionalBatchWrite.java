package io.tideline.internal.streaming.sinks.kafka;

import io.tideline.DataFrame;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;

/**
 * A batch write with {@code option("transactional", "true")}: all of the DataFrame's records in one
 * Kafka transaction, so {@code read_committed} consumers see all of them or, after a failure, none.
 * A batch write has no batch id to make a second run idempotent: the transactional id is new per
 * write ({@code <prefix>-write-<uuid>}), and running the same write twice writes twice.
 */
final class TransactionalBatchWrite {
  private TransactionalBatchWrite() {}

  static void run(DataFrame data, KafkaSinkOptions options, KafkaWriteColumns columns) {
    String transactionalId = options.transactionalIdPrefix() + "-write-" + UUID.randomUUID();
    String what = "a transactional batch write";
    String sink =
        "kafka "
            + options.topic().map(t -> "topic " + t).orElse("topic column")
            + ", transactional.id="
            + transactionalId;
    Producer<byte[], byte[]> producer =
        new KafkaProducer<>(options.producerConfig(Optional.of(transactionalId)));
    try {
      producer.initTransactions();
      producer.beginTransaction();
      KafkaWriteJob.run(data, columns, producer, what);
      producer.commitTransaction();
    } catch (KafkaException e) {
      try {
        producer.abortTransaction();
      } catch (RuntimeException abortFailure) {
        e.addSuppressed(abortFailure);
      }
      throw KafkaSinkErrors.writeFailed(
          what,
          sink,
          options.bootstrapServers(),
          "The transaction is aborted: read_committed consumers see none of its records.",
          e);
    } finally {
      producer.close(Duration.ofSeconds(10));
    }
  }
}
