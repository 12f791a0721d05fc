package io.tideline.internal.streaming.sinks.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.AnalysisException;
import io.tideline.internal.errors.TidelineException;
import io.tideline.types.StructType;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spark's column rules of the kafka sink, checked before any data moves. */
class KafkaWriteColumnsTest {

  private static KafkaWriteColumns bind(String ddl, String topicOption) {
    return KafkaWriteColumns.bind(StructType.fromDDL(ddl), Optional.ofNullable(topicOption));
  }

  private static void assertRefused(String ddl, String topicOption, String condition, String msg) {
    assertThatThrownBy(() -> bind(ddl, topicOption))
        .isInstanceOf(AnalysisException.class)
        .satisfies(e -> assertThat(((TidelineException) e).getCondition()).isEqualTo(condition))
        .hasMessageContaining(msg);
  }

  @Test
  void bind_findsEachPartByExactName_andIgnoresOtherColumns() {
    KafkaWriteColumns c =
        bind(
            "extra INT, partition INT, headers ARRAY<STRUCT<key: STRING, value: BINARY>>,"
                + " value BINARY, key STRING, topic STRING",
            null);
    assertThat(c).isEqualTo(new KafkaWriteColumns(Optional.empty(), 5, 4, 3, 2, 1));
  }

  @Test
  void bind_onlyValue_withTopicOption_leavesTheOptionalPartsOut() {
    KafkaWriteColumns c = bind("value STRING", "out");
    assertThat(c).isEqualTo(new KafkaWriteColumns(Optional.of("out"), -1, -1, 0, -1, -1));
  }

  @Test
  void valueMissing_isRefusedWithSparksMessage() {
    assertRefused(
        "key STRING, body STRING",
        "out",
        "KAFKA_SINK_VALUE_COLUMN_MISSING",
        "Required attribute 'value' not found");
  }

  @Test
  void valueNamedInAnotherCase_isNotTheValueColumn_asInSpark() {
    assertRefused(
        "VALUE STRING", "out", "KAFKA_SINK_VALUE_COLUMN_MISSING", "columns are [`VALUE`]");
  }

  @Test
  void valueOfWrongType_isRefusedWithSparksMessage() {
    assertRefused(
        "value INT",
        "out",
        "KAFKA_SINK_COLUMN_TYPE_UNSUPPORTED",
        "value attribute unsupported type int. value must be a(n) string or binary");
  }

  @Test
  void keyOfWrongType_isRefusedWithSparksMessage() {
    assertRefused(
        "key DOUBLE, value STRING",
        "out",
        "KAFKA_SINK_COLUMN_TYPE_UNSUPPORTED",
        "key attribute unsupported type double. key must be a(n) string or binary");
  }

  @Test
  void noTopicOptionAndNoTopicColumn_isRefusedWithSparksMessage() {
    assertRefused(
        "value STRING",
        null,
        "KAFKA_SINK_TOPIC_MISSING",
        "topic option required when no 'topic' attribute is present. Use the topic option for"
            + " setting a topic.");
  }

  @Test
  void topicColumnOfWrongType_isRefused_butTheTopicOptionOverridesTheColumn() {
    assertRefused(
        "topic INT, value STRING",
        null,
        "KAFKA_SINK_COLUMN_TYPE_UNSUPPORTED",
        "topic attribute unsupported type int. topic must be a(n) string");
    assertThat(bind("topic INT, value STRING", "out").topic()).isEqualTo(-1);
  }

  @Test
  void partitionOfWrongType_isRefusedWithSparksMessage() {
    assertRefused(
        "value STRING, partition BIGINT",
        "out",
        "KAFKA_SINK_COLUMN_TYPE_UNSUPPORTED",
        "partition attribute unsupported type bigint. partition must be a(n) int");
  }

  @Test
  void headersOfWrongType_isRefusedWithSparksMessage() {
    assertRefused(
        "value STRING, headers MAP<STRING, STRING>",
        "out",
        "KAFKA_SINK_COLUMN_TYPE_UNSUPPORTED",
        "headers must be a(n) array<struct<key:string,value:binary>>");
  }

  @Test
  void errors_carryTheColumnAndTypes_asParameters() {
    assertThatThrownBy(() -> bind("value BOOLEAN", "out"))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e ->
                assertThat(e.parameters())
                    .containsAllEntriesOf(
                        Map.of(
                            "column", "value",
                            "type", "boolean",
                            "expected", "string or binary")));
  }
}
