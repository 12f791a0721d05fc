package io.tideline.internal.streaming.sources.kafka;

import io.tideline.kafka.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes records with chosen timestamps to a test's broker (the broker's helper picks its own). */
final class KafkaTestRecords implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;

  KafkaTestRecords(EmbeddedKafkaBroker broker) {
    Properties p = broker.clientProperties();
    p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "0");
    producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Writes {@code value} to {@code partition} with record timestamp {@code timestampMs}. */
  void send(String topic, int partition, long timestampMs, String value) {
    try {
      producer
          .send(
              new ProducerRecord<>(
                  topic, partition, timestampMs, null, value.getBytes(StandardCharsets.UTF_8)))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot produce to " + topic, e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
