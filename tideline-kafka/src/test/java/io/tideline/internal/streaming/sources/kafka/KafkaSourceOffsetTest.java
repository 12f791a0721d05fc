package io.tideline.internal.streaming.sources.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.TidelineException;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The offset JSON kept in offsets/N: Spark's shape, in a stable order. */
class KafkaSourceOffsetTest {

  @Test
  void json_isSparksShape_withTopicsAndPartitionsInOrder() {
    KafkaSourceOffset offset =
        new KafkaSourceOffset(
            Map.of(
                new TopicPartition("b", 10), 7L,
                new TopicPartition("b", 2), 5L,
                new TopicPartition("a", 0), 23L));
    assertThat(offset.json()).isEqualTo("{\"a\":{\"0\":23},\"b\":{\"2\":5,\"10\":7}}");
    assertThat(KafkaSourceOffset.parse(offset.json())).isEqualTo(offset);
  }

  @Test
  void parse_refusesADamagedCheckpointOffset() {
    assertThatThrownBy(() -> KafkaSourceOffset.parse("{\"a\":[0,1]}"))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("MALFORMED_KAFKA_SOURCE_OFFSET");
              assertThat(e.parameters()).containsEntry("offset", "{\"a\":[0,1]}");
            });
  }

  @Test
  void dataLossConditions_carrySparksDottedNames() {
    TidelineException e =
        KafkaSourceErrors.partitionsDeleted(
            java.util.List.of(new TopicPartition("t", 1)), "KafkaV2[Subscribe[t]]");
    assertThat(e.getCondition()).isEqualTo("KAFKA_DATA_LOSS.PARTITIONS_DELETED");
    assertThat(e.getMessage()).contains("[t-1]", "KafkaV2[Subscribe[t]]", "failOnDataLoss");
  }
}
