package io.tideline.internal.streaming.sinks.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.AnalysisException;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.conf.Redaction;
import io.tideline.internal.errors.TidelineException;
import io.tideline.streaming.MemoryStream;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kafka sink's options and the refusals that need no broker: serializers, missing bootstrap
 * servers, save modes, a bad output schema at {@code start()}, and secrets kept out of text.
 */
class KafkaSinkOptionsTest {
  private static final String JAAS =
      "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\""
          + " password=\"s3cr3t-pw\";";
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    t = Tideline.builder().appName("kafka-sink-options-test").getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static Map<String, String> opts(String... kv) {
    Map<String, String> m = new HashMap<>();
    m.put("kafka.bootstrap.servers", "127.0.0.1:1");
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static String conditionOf(Runnable r) {
    try {
      r.run();
    } catch (TidelineException e) {
      return e.getCondition();
    }
    throw new AssertionError("expected a TidelineException");
  }

  @Test
  void serializers_areRefusedWithSparksReason() {
    assertThatThrownBy(() -> KafkaSinkOptions.parse(opts("kafka.key.serializer", "x")))
        .hasMessageContaining(
            "Kafka option 'key.serializer' is not supported as keys are serialized with"
                + " ByteArraySerializer");
    assertThatThrownBy(() -> KafkaSinkOptions.parse(opts("Kafka.Value.Serializer", "x")))
        .hasMessageContaining(
            "Kafka option 'value.serializer' is not supported as value are serialized with"
                + " ByteArraySerializer");
  }

  @Test
  void transactionalId_isRefused_pointingAtTheTransactionalOption() {
    assertThatThrownBy(() -> KafkaSinkOptions.parse(opts("kafka.transactional.id", "mine")))
        .hasMessageContaining("option(\"transactional\", \"true\")");
  }

  @Test
  void bootstrapServersMissing_isRefused() {
    assertThat(conditionOf(() -> KafkaSinkOptions.parse(Map.of("topic", "out"))))
        .isEqualTo("KAFKA_BOOTSTRAP_SERVERS_MISSING");
  }

  @Test
  void kafkaOptions_goToTheProducerWithoutPrefix_withByteArraySerializers() {
    KafkaSinkOptions o = KafkaSinkOptions.parse(opts("kafka.linger.ms", "7", "topic", " out "));
    Map<String, Object> config = o.producerConfig(Optional.empty());
    assertThat(config)
        .containsEntry("linger.ms", "7")
        .containsEntry("bootstrap.servers", "127.0.0.1:1")
        .containsEntry(
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            "org.apache.kafka.common.serialization.ByteArraySerializer")
        .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    assertThat(o.topic()).contains("out");
    assertThat(o.transactional()).isFalse();
  }

  @Test
  void transactional_isOptIn_andTheKafkaPrefixedAliasIsNotPassedToTheProducer() {
    assertThat(KafkaSinkOptions.parse(opts("transactional", "TRUE")).transactional()).isTrue();
    KafkaSinkOptions alias = KafkaSinkOptions.parse(opts("kafka.transactional", "true"));
    assertThat(alias.transactional()).isTrue();
    assertThat(alias.producerConfig(Optional.of("tid")))
        .containsEntry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tid")
        .doesNotContainKey("transactional");
    assertThat(conditionOf(() -> KafkaSinkOptions.parse(opts("transactional", "yes"))))
        .isEqualTo("INVALID_KAFKA_SINK_OPTION");
    assertThat(
            conditionOf(
                () ->
                    KafkaSinkOptions.parse(
                        opts("transactional", "true", "kafka.enable.idempotence", "false"))))
        .isEqualTo("INVALID_KAFKA_SINK_OPTION");
  }

  @Test
  void transactionalId_derivesFromTheQueryId_withTheConfiguredPrefix() {
    UUID id = UUID.fromString("00000000-0000-0000-0000-000000000042");
    KafkaSinkOptions o =
        KafkaSinkOptions.parse(opts("transactional", "true", "transactionalIdPrefix", "team-a"));
    assertThat(TransactionalKafkaSink.transactionalId(o, id))
        .isEqualTo("team-a-00000000-0000-0000-0000-000000000042");
  }

  @Test
  void secrets_neverAppearInToStringOrDescription() {
    Map<String, String> o =
        opts("kafka.sasl.jaas.config", JAAS, "kafka.ssl.truststore.password", "s3cr3t-pw");
    KafkaSinkOptions parsed = KafkaSinkOptions.parse(o);
    assertThat(parsed.toString()).doesNotContain("s3cr3t-pw").contains(Redaction.REDACTED);
    KafkaWriteColumns columns =
        KafkaWriteColumns.bind(StructType.fromDDL("value STRING"), Optional.of("out"));
    assertThat(new KafkaSink(parsed, columns, "query q").description()).doesNotContain("s3cr3t-pw");
    assertThat(
            new TransactionalKafkaSink(
                    KafkaSinkOptions.parse(with(o, "transactional", "true")),
                    columns,
                    UUID.randomUUID(),
                    "query q")
                .toString())
        .doesNotContain("s3cr3t-pw");
  }

  private static Map<String, String> with(Map<String, String> m, String k, String v) {
    Map<String, String> out = new HashMap<>(m);
    out.put(k, v);
    return out;
  }

  @Test
  void batchWrite_overwriteAndIgnore_areRefusedWithSparksMessage() {
    DataFrame df = t.createDataFrame(List.of(Row.of("a")), StructType.fromDDL("value STRING"));
    for (String mode : List.of("overwrite", "ignore")) {
      assertThatThrownBy(
              () ->
                  df.write()
                      .format("kafka")
                      .mode(mode)
                      .option("kafka.bootstrap.servers", "127.0.0.1:1")
                      .option("topic", "out")
                      .save())
          .isInstanceOf(AnalysisException.class)
          .hasMessageContaining(
              "not allowed for Kafka. Allowed save modes are Append and"
                  + " ErrorIfExists (default)");
    }
  }

  @Test
  void batchWrite_badColumns_failBeforeAnyConnection() {
    DataFrame df = t.createDataFrame(List.of(Row.of(1)), StructType.fromDDL("value INT"));
    assertThatThrownBy(
            () ->
                df.write()
                    .format("kafka")
                    .option("kafka.bootstrap.servers", "127.0.0.1:1")
                    .option("topic", "out")
                    .save())
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("value attribute unsupported type int");
  }

  @Test
  void streamingStart_withoutValueColumn_failsAtStart() {
    MemoryStream input = MemoryStream.of(t, StructType.fromDDL("body STRING"));
    assertThatThrownBy(
            () ->
                input
                    .toDF()
                    .writeStream()
                    .format("kafka")
                    .option("kafka.bootstrap.servers", "127.0.0.1:1")
                    .option("topic", "out")
                    .option("checkpointLocation", dir.resolve("cp").toString())
                    .start())
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("Required attribute 'value' not found");
  }
}
