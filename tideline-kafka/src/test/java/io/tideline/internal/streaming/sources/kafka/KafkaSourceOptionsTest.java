package io.tideline.internal.streaming.sources.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.DataFrameReader;
import io.tideline.Tideline;
import io.tideline.internal.conf.Redaction;
import io.tideline.internal.errors.TidelineException;
import io.tideline.streaming.DataStreamReader;
import io.tideline.types.StructType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kafka source's option checks at load(), with Spark's rules; no broker needed. */
class KafkaSourceOptionsTest {
  private static Tideline t;

  @BeforeAll
  static void start() {
    t = Tideline.builder().appName("kafka-options-test").getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static DataStreamReader reader(Map<String, String> options) {
    DataStreamReader r = t.readStream().format("kafka");
    options.forEach(r::option);
    return r;
  }

  private static Map<String, String> base() {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("kafka.bootstrap.servers", "127.0.0.1:1");
    o.put("subscribe", "orders");
    return o;
  }

  private static void assertCondition(ThrowingCallable call, String condition, String... texts) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo(condition);
              assertThat(e.getMessage()).contains(texts);
            });
  }

  @Test
  void load_givesSparksFixedSchema_andHeadersOnlyWhenAsked() {
    assertThat(reader(base()).load().schema().simpleString())
        .isEqualTo(
            "struct<key:binary,value:binary,topic:string,partition:int,offset:bigint,"
                + "timestamp:timestamp,timestampType:int>");
    Map<String, String> withHeaders = base();
    withHeaders.put("includeHeaders", "true");
    assertThat(reader(withHeaders).load().schema().fieldNames())
        .endsWith("timestampType", "headers");
  }

  @Test
  void load_refusesAUserSchema() {
    assertCondition(
        () -> reader(base()).schema(StructType.fromDDL("v STRING")).load(),
        "KAFKA_SOURCE_USER_SCHEMA_UNSUPPORTED",
        "Kafka source has a fixed schema and cannot be set with a custom one");
  }

  @Test
  void load_needsExactlyOneOfSubscribeSubscribePatternAssign() {
    Map<String, String> none = base();
    none.remove("subscribe");
    assertCondition(
        () -> reader(none).load(),
        "KAFKA_STRATEGY_MISSING",
        "One of the following options must be specified for Kafka source: subscribe,"
            + " subscribepattern, assign.");
    Map<String, String> two = base();
    two.put("assign", "{\"orders\":[0]}");
    assertCondition(
        () -> reader(two).load(),
        "KAFKA_STRATEGY_AMBIGUOUS",
        "Only one of the following options can be specified for Kafka source");
  }

  @Test
  void load_refusesEmptyOrMalformedStrategyValues() {
    Map<String, String> subscribe = base();
    subscribe.put("subscribe", " , ");
    assertCondition(
        () -> reader(subscribe).load(),
        "KAFKA_INVALID_STRATEGY",
        "No topics to subscribe to as specified value for option 'subscribe' is ' , '");
    Map<String, String> assign = base();
    assign.remove("subscribe");
    assign.put("assign", "orders:0");
    assertCondition(
        () -> reader(assign).load(),
        "KAFKA_INVALID_STRATEGY",
        "No topicpartitions to assign as specified value for option 'assign' is 'orders:0'");
  }

  @Test
  void load_needsBootstrapServers() {
    Map<String, String> o = base();
    o.remove("kafka.bootstrap.servers");
    assertCondition(
        () -> reader(o).load(),
        "KAFKA_BOOTSTRAP_SERVERS_MISSING",
        "Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer");
  }

  @Test
  void load_refusesConsumerSettingsTheSourceOwns_withSparksReasons() {
    Map<String, String> reset = base();
    reset.put("kafka.auto.offset.reset", "earliest");
    assertCondition(
        () -> reader(reset).load(),
        "KAFKA_OPTION_NOT_SUPPORTED",
        "Kafka option 'auto.offset.reset' is not supported",
        "Instead set the source option 'startingoffsets' to 'earliest' or 'latest'");
    Map<String, String> keys = base();
    keys.put("kafka.key.deserializer", "x");
    assertCondition(
        () -> reader(keys).load(),
        "KAFKA_OPTION_NOT_SUPPORTED",
        "Kafka option 'key.deserializer' is not supported as keys are deserialized as byte arrays");
    Map<String, String> values = base();
    values.put("kafka.value.deserializer", "x");
    assertCondition(
        () -> reader(values).load(),
        "KAFKA_OPTION_NOT_SUPPORTED",
        "Kafka option 'value.deserializer' is not supported as values");
    Map<String, String> commit = base();
    commit.put("KAFKA.ENABLE.AUTO.COMMIT", "true");
    assertCondition(
        () -> reader(commit).load(),
        "KAFKA_OPTION_NOT_SUPPORTED",
        "Kafka option 'enable.auto.commit' is not supported");
    Map<String, String> interceptors = base();
    interceptors.put("kafka.interceptor.classes", "x");
    assertCondition(
        () -> reader(interceptors).load(),
        "KAFKA_OPTION_NOT_SUPPORTED",
        "Kafka option 'interceptor.classes' is not supported");
  }

  @Test
  void load_refusesEndingOffsetsInAStream() {
    Map<String, String> o = base();
    o.put("endingOffsets", "latest");
    assertCondition(
        () -> reader(o).load(),
        "KAFKA_ENDING_OFFSETS_IN_STREAMING",
        "ending offset not valid in streaming queries");
  }

  @Test
  void load_refusesBadValues_namingOptionAndExpectation() {
    Map<String, String> max = base();
    max.put("maxOffsetsPerTrigger", "0");
    assertCondition(
        () -> reader(max).load(),
        "INVALID_KAFKA_SOURCE_OPTION",
        "'0'",
        "'maxOffsetsPerTrigger'",
        "a positive whole number");
    Map<String, String> starting = base();
    starting.put("startingOffsets", "{\"orders\":{\"0\":\"x\"}}");
    assertCondition(
        () -> reader(starting).load(), "INVALID_KAFKA_SOURCE_OPTION", "'startingOffsets'");
    Map<String, String> loss = base();
    loss.put("failOnDataLoss", "maybe");
    assertCondition(() -> reader(loss).load(), "INVALID_KAFKA_SOURCE_OPTION", "'failOnDataLoss'");
  }

  @Test
  void load_acceptsTheTimestampAndTriggerOptions_withSparksDefaults() {
    Map<String, String> o = base();
    o.put("startingTimestamp", "1700000000000");
    o.put("startingOffsetsByTimestamp", "{\"orders\":{\"0\":5}}");
    o.put("startingOffsets", "earliest");
    o.put("minOffsetsPerTrigger", "10");
    reader(o).load();
    KafkaSourceOptions parsed = KafkaSourceOptions.parse(o);
    assertThat(parsed.startingOffsets())
        .as("startingTimestamp wins over the other two")
        .isEqualTo(
            new OffsetRangeLimit.GlobalTimestamp(
                1_700_000_000_000L, OffsetRangeLimit.TimestampStrategy.ERROR));
    assertThat(parsed.maxTriggerDelayMs()).isEqualTo(15 * 60 * 1000L);
    assertThat(parsed.groupIdPrefix()).isEqualTo("spark-kafka-source");

    o.remove("startingTimestamp");
    o.put("startingOffsetsByTimestampStrategy", "LaTeSt");
    o.put("maxTriggerDelay", "30s");
    parsed = KafkaSourceOptions.parse(o);
    assertThat(parsed.startingOffsets())
        .isEqualTo(
            new OffsetRangeLimit.SpecificTimestamps(
                Map.of(new TopicPartition("orders", 0), 5L),
                OffsetRangeLimit.TimestampStrategy.LATEST));
    assertThat(parsed.maxTriggerDelayMs()).isEqualTo(30_000L);
  }

  @Test
  void load_refusesMinOffsetsAboveMax_andBadTimestampOptions() {
    Map<String, String> o = base();
    o.put("minOffsetsPerTrigger", "20");
    o.put("maxOffsetsPerTrigger", "10");
    assertCondition(
        () -> reader(o).load(),
        "KAFKA_MIN_OFFSETS_ABOVE_MAX",
        "The value of minOffsetPerTrigger(20) is higher than the maxOffsetsPerTrigger(10)");
    Map<String, String> ts = base();
    ts.put("startingTimestamp", "yesterday");
    assertCondition(
        () -> reader(ts).load(), "INVALID_KAFKA_SOURCE_OPTION", "'startingTimestamp'", "long");
    Map<String, String> strategy = base();
    strategy.put("startingOffsetsByTimestampStrategy", "skip");
    assertCondition(
        () -> reader(strategy).load(),
        "INVALID_KAFKA_SOURCE_OPTION",
        "'startingOffsetsByTimestampStrategy'");
    Map<String, String> delay = base();
    delay.put("maxTriggerDelay", "soon");
    assertCondition(() -> reader(delay).load(), "INVALID_KAFKA_SOURCE_OPTION", "'maxTriggerDelay'");
  }

  @Test
  void timeStrings_followSparksUnits() {
    assertThat(KafkaSourceOptions.timeStringMs("d", "250")).isEqualTo(250);
    assertThat(KafkaSourceOptions.timeStringMs("d", "2s")).isEqualTo(2_000);
    assertThat(KafkaSourceOptions.timeStringMs("d", "15m")).isEqualTo(900_000);
    assertThat(KafkaSourceOptions.timeStringMs("d", "1min")).isEqualTo(60_000);
    assertThat(KafkaSourceOptions.timeStringMs("d", "1h")).isEqualTo(3_600_000);
    assertThat(KafkaSourceOptions.timeStringMs("d", "1d")).isEqualTo(86_400_000);
  }

  private static DataFrameReader batch(Map<String, String> options) {
    DataFrameReader r = t.read().format("kafka");
    options.forEach(r::option);
    return r;
  }

  @Test
  void batchLoad_isLazy_andUsesSparksBatchDefaults() {
    // Nothing listens on port 1: load() succeeds because offsets are resolved when the query runs.
    assertThat(batch(base()).load().schema().fieldNames())
        .containsExactly(
            "key", "value", "topic", "partition", "offset", "timestamp", "timestampType");
    KafkaSourceOptions parsed = KafkaSourceOptions.parseBatch(base());
    assertThat(parsed.startingOffsets()).isEqualTo(new OffsetRangeLimit.Earliest());
    assertThat(parsed.endingOffsets()).isEqualTo(new OffsetRangeLimit.Latest());
    assertThat(parsed.groupIdPrefix()).isEqualTo("spark-kafka-relation");
  }

  @Test
  void batchLoad_refusesLatestStart_andEarliestEnd_withSparksMessages() {
    Map<String, String> latest = base();
    latest.put("startingOffsets", "latest");
    assertCondition(
        () -> batch(latest).load(),
        "KAFKA_BATCH_START_OFFSET_LATEST",
        "starting offset can't be latest for batch queries on Kafka");
    Map<String, String> latestJson = base();
    latestJson.put("startingOffsets", "{\"orders\":{\"0\":-2,\"1\":-1}}");
    assertCondition(
        () -> batch(latestJson).load(),
        "KAFKA_BATCH_START_OFFSET_LATEST",
        "startingOffsets for orders-1 can't be latest for batch queries on Kafka");
    Map<String, String> earliest = base();
    earliest.put("endingOffsets", "earliest");
    assertCondition(
        () -> batch(earliest).load(),
        "KAFKA_BATCH_END_OFFSET_EARLIEST",
        "ending offset can't be earliest for batch queries on Kafka");
    Map<String, String> earliestJson = base();
    earliestJson.put("endingOffsets", "{\"orders\":{\"0\":-2}}");
    assertCondition(
        () -> batch(earliestJson).load(),
        "KAFKA_BATCH_END_OFFSET_EARLIEST",
        "ending offset for orders-0 can't be earliest for batch queries on Kafka");
  }

  @Test
  void batchLoad_checksExplicitStartAgainstExplicitEnd() {
    Map<String, String> mismatch = base();
    mismatch.put("startingOffsets", "{\"orders\":{\"0\":1,\"1\":1}}");
    mismatch.put("endingOffsets", "{\"orders\":{\"0\":5}}");
    assertCondition(
        () -> batch(mismatch).load(),
        "MISMATCHED_TOPIC_PARTITIONS_BETWEEN_START_OFFSET_AND_END_OFFSET",
        "[orders-0, orders-1]",
        "[orders-0]");
    Map<String, String> backwards = base();
    backwards.put("startingOffsets", "{\"orders\":{\"0\":7}}");
    backwards.put("endingOffsets", "{\"orders\":{\"0\":5}}");
    assertCondition(
        () -> batch(backwards).load(),
        "UNRESOLVED_START_OFFSET_GREATER_THAN_END_OFFSET",
        "start offset 7 is greater than the end offset 5 for topic orders partition 0");
    Map<String, String> markers = base();
    markers.put("startingOffsets", "{\"orders\":{\"0\":7}}");
    markers.put("endingOffsets", "{\"orders\":{\"0\":-1}}");
    batch(markers).load();
    Map<String, String> timestamps = base();
    timestamps.put("startingOffsetsByTimestamp", "{\"orders\":{\"0\":2000}}");
    timestamps.put("endingOffsetsByTimestamp", "{\"orders\":{\"0\":1000}}");
    assertCondition(
        () -> batch(timestamps).load(),
        "UNRESOLVED_START_OFFSET_GREATER_THAN_END_OFFSET",
        "start timestamp 2000 is greater than the end timestamp 1000");
  }

  @Test
  void batchLoad_refusesAUserSchema_andStreamOnlyChecksStillApply() {
    assertCondition(
        () -> batch(base()).schema("a INT").load(),
        "KAFKA_SOURCE_USER_SCHEMA_UNSUPPORTED",
        "fixed schema");
    Map<String, String> none = base();
    none.remove("subscribe");
    assertCondition(() -> batch(none).load(), "KAFKA_STRATEGY_MISSING", "subscribe");
    Map<String, String> reset = base();
    reset.put("kafka.auto.offset.reset", "earliest");
    assertCondition(() -> batch(reset).load(), "KAFKA_OPTION_NOT_SUPPORTED", "auto.offset.reset");
  }

  @Test
  void options_hideSecretsInToString_andPassKafkaOptionsWithoutPrefix() {
    Map<String, String> o = base();
    String jaas =
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\""
            + " password=\"s3cr3t-pw\";";
    o.put("kafka.sasl.jaas.config", jaas);
    o.put("kafka.security.protocol", "SASL_SSL");
    KafkaSourceOptions parsed = KafkaSourceOptions.parse(o);
    assertThat(parsed.toString()).doesNotContain("s3cr3t-pw").contains(Redaction.REDACTED);
    assertThat(parsed.kafkaParams())
        .containsEntry("sasl.jaas.config", jaas)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("bootstrap.servers", "127.0.0.1:1");
    assertThat(parsed.description()).isEqualTo("KafkaV2[Subscribe[orders]]");
  }
}
