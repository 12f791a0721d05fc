package io.tideline.internal.streaming.sources.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.junit.jupiter.api.Test;

/** The consumer groups of kafka reads, as Spark names them; no broker needed. */
class KafkaClientsTest {

  private static Map<String, String> base() {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("kafka.bootstrap.servers", "127.0.0.1:1");
    o.put("subscribe", "orders");
    return o;
  }

  private static String groupOf(KafkaSourceOptions options) {
    Consumer<byte[], byte[]> c = KafkaClients.consumer(options, options.groupIdPrefix() + "-x");
    try {
      return c.groupMetadata().groupId();
    } finally {
      c.close(CloseOptions.timeout(Duration.ZERO));
    }
  }

  @Test
  void generatedGroups_useSparksPrefixes_orGroupIdPrefix() {
    assertThat(groupOf(KafkaSourceOptions.parse(base())))
        .isEqualTo("spark-kafka-source-x-executor");
    assertThat(groupOf(KafkaSourceOptions.parseBatch(base())))
        .isEqualTo("spark-kafka-relation-x-executor");
    Map<String, String> prefixed = base();
    prefixed.put("groupIdPrefix", "orders-etl");
    assertThat(groupOf(KafkaSourceOptions.parseBatch(prefixed))).isEqualTo("orders-etl-x-executor");
  }

  @Test
  void kafkaGroupId_overridesTheGeneratedGroup() {
    Map<String, String> fixed = base();
    fixed.put("groupIdPrefix", "ignored");
    fixed.put("kafka.group.id", "shared-group");
    assertThat(groupOf(KafkaSourceOptions.parse(fixed))).isEqualTo("shared-group");
    assertThat(groupOf(KafkaSourceOptions.parseBatch(fixed))).isEqualTo("shared-group");
  }
}
