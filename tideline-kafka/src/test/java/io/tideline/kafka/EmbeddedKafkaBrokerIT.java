package io.tideline.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The embedded broker: starts, serves a produce and a fetch, and cleans up after itself. */
class EmbeddedKafkaBrokerIT {

  @Test
  void broker_servesProducedRecords_onLoopback_andDeletesItsLogDirOnClose() {
    java.nio.file.Path logDir;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
      broker.createTopic("hello", 2);
      assertThat(broker.produce("hello", "k", "v0", 1)).isZero();
      assertThat(broker.produce("hello", "k", "v1", 1)).isEqualTo(1);

      Properties p = broker.clientProperties();
      p.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      try (KafkaConsumer<String, String> consumer =
          new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
        TopicPartition tp = new TopicPartition("hello", 1);
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        List<String> values = new java.util.ArrayList<>();
        for (int polls = 0; polls < 100 && values.size() < 2; polls++) {
          for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
            values.add(r.key() + "=" + r.value());
          }
        }
        assertThat(values).containsExactly("k=v0", "k=v1");
      }
      logDir = broker.logDir();
      assertThat(logDir).isDirectory();
      assertThat(broker.toString())
          .isEqualTo("EmbeddedKafkaBroker[PLAINTEXT://" + broker.bootstrapServers() + "]");
    }
    assertThat(logDir).doesNotExist();
  }
}
