package io.tideline.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker: starts, serves a produce and a fetch on each kind of listener, refuses wrong
 * credentials, and cleans up after itself.
 */
class EmbeddedKafkaBrokerIT {

  private static List<String> readAll(Properties config, String topic, int expected) {
    return readAll(config, topic, 0, expected);
  }

  private static List<String> readAll(
      Properties config, String topic, int partition, int expected) {
    config.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, partition);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      List<String> values = new java.util.ArrayList<>();
      for (int polls = 0; polls < 100 && values.size() < expected; polls++) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
      return values;
    }
  }

  private static Throwable describeClusterFailure(Properties config) throws Exception {
    try (Admin admin = Admin.create(config)) {
      admin.describeCluster().nodes().get(20, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  @Test
  void everyListener_servesItsClients_andSaslRefusesAWrongPassword() throws Exception {
    String password = "alice-pw-\"quoted\"";
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder()
            .withListener(SecurityProtocol.SASL_SSL)
            .withListener(SecurityProtocol.SASL_PLAINTEXT)
            .withListener(SecurityProtocol.SSL)
            .withListener(SecurityProtocol.PLAINTEXT)
            .withUser("alice", password)
            .withUser("$ConnectionString", "Endpoint=sb://127.0.0.1/;SharedAccessKey=k=;")
            .start()) {
      assertThat(broker.bootstrapServers())
          .isEqualTo(broker.bootstrapServers(SecurityProtocol.SASL_SSL));
      assertThat(broker.listeners())
          .containsExactly(
              SecurityProtocol.SASL_SSL,
              SecurityProtocol.SASL_PLAINTEXT,
              SecurityProtocol.SSL,
              SecurityProtocol.PLAINTEXT);
      broker.createTopic("secure", 1);
      broker.produce("secure", null, "v0");

      for (SecurityProtocol p : broker.listeners()) {
        assertThat(readAll(broker.clientConfig(p, "alice", password), "secure", 1))
            .as("read through %s", p)
            .containsExactly("v0");
      }
      assertThat(
              readAll(
                  broker.clientConfig(
                      SecurityProtocol.SASL_SSL,
                      "$ConnectionString",
                      "Endpoint=sb://127.0.0.1/;SharedAccessKey=k=;"),
                  "secure",
                  1))
          .containsExactly("v0");

      for (SecurityProtocol p :
          List.of(SecurityProtocol.SASL_SSL, SecurityProtocol.SASL_PLAINTEXT)) {
        assertThat(describeClusterFailure(broker.clientConfig(p, "alice", "wrong")))
            .as("wrong password on %s", p)
            .isInstanceOf(SaslAuthenticationException.class);
      }
      Properties untrusted = broker.clientConfig(SecurityProtocol.SSL);
      untrusted.remove("ssl.truststore.location");
      untrusted.remove("ssl.truststore.password");
      untrusted.remove("ssl.truststore.type");
      assertThat(describeClusterFailure(untrusted)).isInstanceOf(SslAuthenticationException.class);

      assertThat(broker.toString())
          .contains("SASL_SSL://" + broker.bootstrapServers(SecurityProtocol.SASL_SSL))
          .contains("PLAINTEXT://" + broker.bootstrapServers(SecurityProtocol.PLAINTEXT))
          .doesNotContain(password)
          .doesNotContain("alice");
    }
  }

  @Test
  void builder_refusesSaslWithoutUsers_andUserNamesJaasCannotHold() {
    assertThatThrownBy(
            () -> EmbeddedKafkaBroker.builder().withListener(SecurityProtocol.SASL_SSL).start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("withUser");
    assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().withUser("bob smith", "pw"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bob smith");
  }

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

  @Test
  void logDir_isKeptOnClose_andASecondBrokerOnItContinuesTheTopic(@TempDir Path work) {
    Path logDir = work.resolve("kafka");
    try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().logDir(logDir).start()) {
      assertThat(first.logDir()).isEqualTo(logDir.toAbsolutePath());
      first.createTopic("kept", 2);
      first.produce("kept", "k", "v0", 1);
      first.produce("kept", "k", "v1", 1);
    }
    assertThat(logDir.resolve("meta.properties")).isRegularFile();

    try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().logDir(logDir).start()) {
      // The next offset follows the first broker's records: the topic was continued, not re-made.
      assertThat(second.produce("kept", "k", "v2", 1)).isEqualTo(2);
      Properties p = second.clientProperties();
      assertThat(readAll(p, "kept", 1, 3)).containsExactly("v0", "v1", "v2");
    }
    assertThat(logDir).isDirectory();
  }
}
