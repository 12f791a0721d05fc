package io.tideline.internal.streaming.sources.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.DataFrame;
import io.tideline.DataFrameReader;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.errors.TidelineException;
import io.tideline.kafka.EmbeddedKafkaBroker;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batch reads, {@code t.read().format("kafka")}, against one embedded broker shared by the class;
 * each test has its own topic.
 */
class KafkaBatchReadIT {
  private static EmbeddedKafkaBroker broker;
  private static KafkaTestRecords records;
  private static Tideline t;

  @BeforeAll
  static void start() {
    broker = EmbeddedKafkaBroker.start();
    records = new KafkaTestRecords(broker);
    t = Tideline.builder().appName("kafka-batch-read-it").getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (t != null) {
      t.close();
    }
    if (records != null) {
      records.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static DataFrameReader kafka(String topic) {
    return t.read()
        .format("kafka")
        .option("kafka.bootstrap.servers", broker.bootstrapServers())
        .option("subscribe", topic);
  }

  private static void produce(String topic, int partition, int from, int to) {
    for (int i = from; i < to; i++) {
      broker.produce(topic, null, partition + ":" + i, partition);
    }
  }

  /** Each row as {@code partition/offset=value}, in the order read. */
  private static List<String> read(DataFrame df) {
    return df
        .selectExpr("partition", "offset", "CAST(value AS STRING) AS v")
        .collectAsList()
        .stream()
        .map((Row r) -> r.getInt(0) + "/" + r.getLong(1) + "=" + r.getString(2))
        .toList();
  }

  private static void assertFails(Runnable action, String condition, String... texts) {
    assertThatThrownBy(action::run)
        .hasStackTraceContaining(condition)
        .satisfies(
            e -> {
              Throwable c = e;
              while (c != null && !(c instanceof TidelineException)) {
                c = c.getCause();
              }
              assertThat(c).as("a TidelineException in the chain").isNotNull();
              assertThat(((TidelineException) c).getCondition()).isEqualTo(condition);
              assertThat(c.getMessage()).contains(texts);
            });
  }

  @Test
  void defaults_readEarliestThroughLatest_andASecondActionSeesNewRecords() {
    broker.createTopic("batch-defaults", 2);
    produce("batch-defaults", 0, 0, 3);
    produce("batch-defaults", 1, 0, 2);

    DataFrame df = kafka("batch-defaults").load();

    assertThat(read(df)).containsExactly("0/0=0:0", "0/1=0:1", "0/2=0:2", "1/0=1:0", "1/1=1:1");
    produce("batch-defaults", 1, 2, 4);
    assertThat(df.count()).as("endingOffsets=latest is resolved per action").isEqualTo(7);
    assertThat(df.schema().fieldNames()).contains("key", "value", "timestampType");
  }

  @Test
  void specificOffsets_readExactlyFromStartUpToButExcludingEnd_withMarkers() {
    broker.createTopic("batch-specific", 2);
    produce("batch-specific", 0, 0, 10);
    produce("batch-specific", 1, 0, 3);

    DataFrame df =
        kafka("batch-specific")
            .option("startingOffsets", "{\"batch-specific\":{\"0\":2,\"1\":-2}}")
            .option("endingOffsets", "{\"batch-specific\":{\"0\":5,\"1\":-1}}")
            .load();

    assertThat(read(df))
        .containsExactly("0/2=0:2", "0/3=0:3", "0/4=0:4", "1/0=1:0", "1/1=1:1", "1/2=1:2");
  }

  @Test
  void assign_andIncludeHeaders_workInBatch() {
    broker.createTopic("batch-assign", 3);
    produce("batch-assign", 0, 0, 2);
    produce("batch-assign", 2, 0, 1);

    DataFrame df =
        t.read()
            .format("kafka")
            .option("kafka.bootstrap.servers", broker.bootstrapServers())
            .option("assign", "{\"batch-assign\":[2]}")
            .option("includeHeaders", "true")
            .load();

    assertThat(read(df)).containsExactly("2/0=2:0");
    assertThat(df.schema().fieldNames()).endsWith("headers");
  }

  @Test
  void timestamps_startAtTheFirstRecordAtOrAfter_andEndBeforeTheFirstRecordAtOrAfter() {
    broker.createTopic("batch-ts", 1);
    for (int i = 0; i < 4; i++) {
      records.send("batch-ts", 0, 1000L * (i + 1), "v" + i);
    }

    assertThat(
            read(
                kafka("batch-ts")
                    .option("startingTimestamp", "2000")
                    .option("endingTimestamp", "4000")
                    .load()))
        .containsExactly("0/1=v1", "0/2=v2");
    assertThat(
            read(
                kafka("batch-ts")
                    .option("startingOffsetsByTimestamp", "{\"batch-ts\":{\"0\":2500}}")
                    .option("endingOffsetsByTimestamp", "{\"batch-ts\":{\"0\":9000}}")
                    .load()))
        .as("an end no record reaches is the latest offset")
        .containsExactly("0/2=v2", "0/3=v3");
    assertThat(
            read(
                kafka("batch-ts")
                    .option("startingTimestamp", "3000")
                    .option("startingOffsets", "earliest")
                    .load()))
        .as("startingTimestamp wins over startingOffsets")
        .containsExactly("0/2=v2", "0/3=v3");
  }

  @Test
  void startTimestampPastEveryRecord_failsWithError_orReadsNothingWithLatest() {
    broker.createTopic("batch-ts-none", 1);
    records.send("batch-ts-none", 0, 1000L, "only");

    DataFrame strict = kafka("batch-ts-none").option("startingTimestamp", "5000").load();
    assertFails(
        strict::count,
        "KAFKA_NO_OFFSET_FOR_TIMESTAMP",
        "topic-partition batch-ts-none-0 and timestamp 5000",
        "startingOffsetsByTimestampStrategy");

    DataFrame lenient =
        kafka("batch-ts-none")
            .option("startingTimestamp", "5000")
            .option("startingOffsetsByTimestampStrategy", "latest")
            .load();
    assertThat(lenient.count()).isZero();
  }

  @Test
  void timestampsPerPartition_mustNameEveryPartition() {
    broker.createTopic("batch-ts-partial", 2);
    DataFrame df =
        kafka("batch-ts-partial")
            .option("startingOffsetsByTimestamp", "{\"batch-ts-partial\":{\"0\":1}}")
            .load();
    assertFails(
        df::count,
        "KAFKA_TIMESTAMP_OFFSET_DOES_NOT_MATCH_ASSIGNED",
        "timestamp based start offsets",
        "[batch-ts-partial-0]",
        "[batch-ts-partial-0, batch-ts-partial-1]");
  }

  @Test
  void startPastTheEnd_failsNamingTheResolvedOffsets() {
    broker.createTopic("batch-backwards", 1);
    produce("batch-backwards", 0, 0, 3);
    DataFrame df =
        kafka("batch-backwards")
            .option("startingOffsets", "{\"batch-backwards\":{\"0\":7}}")
            .load();
    assertFails(
        df::count,
        "RESOLVED_START_OFFSET_GREATER_THAN_END_OFFSET",
        "start offset 7 is greater than the resolved end offset 3 for topic batch-backwards"
            + " partition 0");
  }

  @Test
  void minPartitions_splitsALargePartitionIntoParallelTasks_readingEachRecordOnce() {
    broker.createTopic("batch-split", 2);
    produce("batch-split", 0, 0, 90);
    produce("batch-split", 1, 0, 10);

    DataFrame df = kafka("batch-split").option("minPartitions", "4").load();

    assertThat(df.explainString(false)).contains("4 partitions");
    List<String> rows = read(df);
    assertThat(rows).hasSize(100).doesNotHaveDuplicates();
    assertThat(rows.subList(0, 3)).containsExactly("0/0=0:0", "0/1=0:1", "0/2=0:2");
    assertThat(kafka("batch-split").load().explainString(false))
        .as("without minPartitions: one task per Kafka partition")
        .contains("2 partitions");
  }

  @Test
  void emptyTopic_readsNoRows() {
    broker.createTopic("batch-empty", 1);
    assertThat(kafka("batch-empty").load().collectAsList()).isEmpty();
  }

  @Test
  void unreachableBrokers_failTheActionAfterTheBoundedWait_namingThem_withoutSecrets() {
    String secret = "pw-" + System.nanoTime();
    DataFrame df =
        t.read()
            .format("kafka")
            .option("kafka.bootstrap.servers", "127.0.0.1:1")
            .option("kafka.default.api.timeout.ms", "1000")
            .option(
                "kafka.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\""
                    + " password=\""
                    + secret
                    + "\";")
            .option("subscribe", "anything")
            .load();

    assertFails(df::count, "KAFKA_OFFSET_FETCH_FAILED", "127.0.0.1:1", "KafkaRelation[Subscribe");
    assertThatThrownBy(df::count).satisfies(e -> assertThat(stackTrace(e)).doesNotContain(secret));
  }

  @Test
  void explain_showsTheRelationAndItsTasks_withoutSecrets() {
    broker.createTopic("batch-explain", 1);
    produce("batch-explain", 0, 0, 1);
    String secret = "pw-" + System.nanoTime();
    DataFrame df =
        kafka("batch-explain")
            .option(
                "kafka.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\""
                    + " password=\""
                    + secret
                    + "\";")
            .load();

    String plan = df.explainString(true);
    assertThat(plan).contains("KafkaRelation[Subscribe[batch-explain]]").doesNotContain(secret);
    assertThat(df.count()).isEqualTo(1);
  }

  private static String stackTrace(Throwable e) {
    java.io.StringWriter out = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }
}
