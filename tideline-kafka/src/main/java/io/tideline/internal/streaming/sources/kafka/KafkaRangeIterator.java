package io.tideline.internal.streaming.sources.kafka;

import io.tideline.internal.vector.Batch;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * The batches of one {@link KafkaRangeTask}, read as they are asked for: the task's consumer is
 * made at the first {@link #hasNext()}, each call polls only until one batch of {@code batchSize}
 * records is complete (or the range is done), and the consumer is closed when the range is read,
 * when a read fails, or when the engine closes the iterator early (a {@code limit}, a failure
 * downstream, a cancelled stage). So a task holds one batch and one fetch, not its whole range, and
 * its records reach the rest of the plan while later ones are still being fetched.
 *
 * <p>Data loss and time-outs are the {@link KafkaRangeReader}'s, the same as a stream's own read.
 * Used by the one task thread that reads it; {@link #close()} is idempotent.
 */
final class KafkaRangeIterator implements Iterator<Batch>, AutoCloseable {

  private final KafkaRangeReader.Range range;
  private final Supplier<Consumer<byte[], byte[]>> newConsumer;
  private final KafkaRecordBatchBuilder builder;
  private final java.util.function.Consumer<RuntimeException> dataLoss;
  private final Duration timeout;
  private final long pollTimeoutMs;
  private final String source;
  private final String bootstrapServers;
  private Consumer<byte[], byte[]> consumer;
  private KafkaRangeReader.Read read;
  private Batch next;
  private boolean exhausted;
  private boolean closed;

  KafkaRangeIterator(
      KafkaRangeReader.Range range,
      Supplier<Consumer<byte[], byte[]>> newConsumer,
      KafkaRecordBatchBuilder builder,
      java.util.function.Consumer<RuntimeException> dataLoss,
      Duration timeout,
      long pollTimeoutMs,
      String source,
      String bootstrapServers) {
    this.range = range;
    this.newConsumer = newConsumer;
    this.builder = builder;
    this.dataLoss = dataLoss;
    this.timeout = timeout;
    this.pollTimeoutMs = pollTimeoutMs;
    this.source = source;
    this.bootstrapServers = bootstrapServers;
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (closed) {
      return false;
    }
    try {
      next = builder.pollBatch();
      while (next == null && !exhausted) {
        if (!read().pollInto(builder)) {
          exhausted = true;
          builder.flush();
          closeConsumer();
        }
        next = builder.pollBatch();
      }
    } catch (RuntimeException | Error e) {
      // An interrupted task's consumer may fail to close too; the read's failure is the one to see.
      try {
        close();
      } catch (RuntimeException closeFailure) {
        e.addSuppressed(closeFailure);
      }
      throw e;
    }
    return next != null;
  }

  @Override
  public Batch next() {
    if (!hasNext()) {
      throw new NoSuchElementException(source + " " + range + " is read to its end");
    }
    Batch b = next;
    next = null;
    return b;
  }

  private KafkaRangeReader.Read read() {
    if (read == null) {
      Consumer<byte[], byte[]> c = newConsumer.get();
      consumer = c;
      KafkaRangeReader reader =
          new KafkaRangeReader(
              c, tps -> c.beginningOffsets(tps, timeout), pollTimeoutMs, source, bootstrapServers);
      read = reader.open(List.of(range), dataLoss);
    }
    return read;
  }

  /** Closes the consumer, if one was made; batches not yet taken are dropped. */
  @Override
  public void close() {
    closed = true;
    next = null;
    closeConsumer();
  }

  private void closeConsumer() {
    if (consumer != null) {
      Consumer<byte[], byte[]> c = consumer;
      consumer = null;
      // The consumer commits nothing and joined no group; waiting would only wait out the fetch
      // still parked at the broker (fetch.max.wait.ms) after the range was read.
      c.close(CloseOptions.timeout(Duration.ZERO));
    }
  }
}
