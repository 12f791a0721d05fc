package io.tideline.internal.streaming.sinks.kafka;

import io.tideline.DataFrame;
import io.tideline.internal.exec.QueryExecution;
import io.tideline.internal.vector.Batch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;

/**
 * Runs one batch DataFrame into a producer: every partition of the plan is a task on the session's
 * pool that encodes its batches and sends them to the one shared producer; then the producer is
 * flushed, so when {@link #run} returns every record is acknowledged by the brokers (at-least-once
 * for this call) or the first failure is thrown.
 *
 * <p>Sends are asynchronous; the first failed send is kept and thrown after the flush, and tasks
 * stop sending once a failure is known, as Spark's {@code KafkaWriteTask} does.
 */
final class KafkaWriteJob {
  private KafkaWriteJob() {}

  /**
   * Writes {@code data}'s rows; returns how many.
   *
   * @param where what is being written, for messages ("batch 3 of query q")
   * @throws KafkaException the first failed send (wrapped when it was a checked exception)
   */
  static long run(
      DataFrame data, KafkaWriteColumns columns, Producer<byte[], byte[]> producer, String where) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    Callback callback =
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        };
    AtomicLong rows = new AtomicLong();
    new QueryExecution(data.logicalPlan(), data.session().conf(), data.session().pool())
        .runPartitions(
            (partition, input) -> {
              KafkaRecordEncoder encoder = new KafkaRecordEncoder(columns, where);
              long sent = 0;
              Batch b;
              while (failure.get() == null && (b = input.next()) != null) {
                sent += encoder.send(b, producer, callback);
              }
              rows.addAndGet(sent);
            });
    producer.flush();
    Exception e = failure.get();
    if (e != null) {
      throw e instanceof KafkaException k ? k : new KafkaException(e);
    }
    return rows.get();
  }
}
