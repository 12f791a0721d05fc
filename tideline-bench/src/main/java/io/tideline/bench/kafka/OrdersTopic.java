package io.tideline.bench.kafka;

import io.tideline.bench.DataGen;
import io.tideline.bench.ProductTotals;
import io.tideline.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A topic holding the benchmark's JSON orders, and what the throughput query must count in it.
 *
 * <p>Record {@code i} is {@link DataGen}'s order line {@code i} without its newline, keyed by its
 * {@code order_id}, in partition {@code i % partitions}; so the topic's content, and the number of
 * orders over 100 ({@link DataGen#expectedTotals}), follow from its size alone. The Kafka and Delta
 * benchmarks both fill their topics with it.
 *
 * @param name the topic
 * @param records records in it
 * @param partitions its partitions
 * @param valueBytes the values' bytes, all records
 * @param over100 records whose amount is over 100: the throughput query's answer
 */
public record OrdersTopic(
    String name, long records, int partitions, long valueBytes, long over100) {

  /** Creates {@code name} and writes {@code records} orders into it, waiting for every ack. */
  public static OrdersTopic produce(
      EmbeddedKafkaBroker broker, String name, long records, int partitions) {
    broker.createTopic(name, partitions);
    Properties p = broker.clientProperties();
    // Throughput settings: the topic is written once, before anything is timed.
    p.setProperty(ProducerConfig.ACKS_CONFIG, "1");
    p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
    p.setProperty(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L << 20));
    AtomicReference<Exception> failure = new AtomicReference<>();
    long[] bytes = new long[1];
    try (KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        OutputStream lines =
            new LineSplitter(
                (index, line) -> {
                  bytes[0] += line.length;
                  producer.send(
                      new ProducerRecord<>(name, (int) (index % partitions), orderId(line), line),
                      (meta, e) -> {
                        if (e != null) {
                          failure.compareAndSet(null, e);
                        }
                      });
                })) {
      DataGen.writeLines(DataGen.DEFAULT_SEED, 0, records, lines);
      producer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the orders into topic " + name, e);
    }
    if (failure.get() != null) {
      throw new IllegalStateException(
          "Could not write the orders into topic " + name, failure.get());
    }
    return new OrdersTopic(name, records, partitions, bytes[0], over100(records));
  }

  /** How many of the first {@code records} orders have an amount over 100. */
  public static long over100(long records) {
    long n = 0;
    for (ProductTotals t : DataGen.expectedTotals(records, DataGen.DEFAULT_SEED)) {
      n += t.count();
    }
    return n;
  }

  /** The value of the line's {@code order_id}, which the generator writes first. */
  static byte[] orderId(byte[] line) {
    int start = "{\"order_id\":\"".length();
    int end = start;
    while (end < line.length && line[end] != '"') {
      end++;
    }
    return Arrays.copyOfRange(line, start, end);
  }

  /** Hands each complete line (without its newline) to a sink, with its index. */
  static final class LineSplitter extends OutputStream {
    /** Receives lines in order. */
    interface LineSink {
      void accept(long index, byte[] line);
    }

    private final LineSink sink;
    private byte[] buffer = new byte[256];
    private int length;
    private long index;

    LineSplitter(LineSink sink) {
      this.sink = sink;
    }

    @Override
    public void write(int b) {
      if (b == '\n') {
        // Each record needs its own array: the producer keeps it until the batch is sent.
        sink.accept(index++, Arrays.copyOf(buffer, length));
        length = 0;
        return;
      }
      if (length == buffer.length) {
        buffer = Arrays.copyOf(buffer, length * 2);
      }
      buffer[length++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        write(b[i]);
      }
    }
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%s (%d records, %d partitions, %.1f MB of values)",
        name,
        records,
        partitions,
        valueBytes / 1e6);
  }
}
