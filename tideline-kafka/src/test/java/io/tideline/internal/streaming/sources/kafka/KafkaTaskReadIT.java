package io.tideline.internal.streaming.sources.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.connector.Offset;
import io.tideline.connector.Source;
import io.tideline.connector.SourceContext;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.streaming.ManualClock;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.LongVector;
import io.tideline.kafka.EmbeddedKafkaBroker;
import io.tideline.types.StructField;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream batch at or above {@code tideline.taskReadMinOffsets} (lowered here to 1 000) read by
 * lazy {@link KafkaRangeTask}s when its plan runs: exactly the batch's records, once each, in
 * partition order; data loss inside a task as the source's own read reports it; and every task's
 * consumer closed, whether the task read its range, stopped early or failed. Consumers are counted
 * through the {@code consumer-metrics} MBean each live Kafka consumer registers.
 */
class KafkaTaskReadIT {
  private static final int PER_PARTITION = 1_500;

  private static EmbeddedKafkaBroker broker;
  private static KafkaProducer<byte[], byte[]> producer;
  private static Tideline t;

  @TempDir Path dir;
  private final List<Source> opened = new ArrayList<>();

  @BeforeAll
  static void start() {
    broker = EmbeddedKafkaBroker.start();
    Properties p = broker.clientProperties();
    p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    // One request in flight keeps each partition's order without the idempotent producer, whose
    // sequence numbers go astray here when a topic is deleted and another created under load.
    p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    p.setProperty(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    t =
        Tideline.builder()
            .appName("kafka-task-read-it")
            .config(TidelineConf.BATCH_SIZE, 100)
            .config(TidelineConf.PARALLELISM, 2)
            .config(TidelineConf.ANSI_ENABLED, true)
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (t != null) {
      t.close();
    }
    if (producer != null) {
      producer.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @AfterEach
  void stopSources() {
    opened.forEach(Source::stop);
  }

  /** Writes {@code p-o} as the value of each record, offsets 0 until {@code n} per partition. */
  private static void fill(String topic, int partitions, int n) {
    broker.createTopic(topic, partitions);
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (int o = 0; o < n; o++) {
      for (int p = 0; p < partitions; p++) {
        sent.add(send(topic, p, p + "-" + o));
      }
    }
    awaitAll(sent);
  }

  private static Future<RecordMetadata> send(String topic, int partition, String value) {
    return producer.send(
        new ProducerRecord<>(topic, partition, null, value.getBytes(StandardCharsets.UTF_8)));
  }

  private static void awaitAll(List<Future<RecordMetadata>> sent) {
    try {
      for (Future<RecordMetadata> f : sent) {
        f.get(60, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("Cannot produce the test's records", e);
    }
  }

  private Source source(String topic, String... keyValues) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("kafka.bootstrap.servers", broker.bootstrapServers());
    options.put("subscribe", topic);
    options.put("startingOffsets", "earliest");
    for (int i = 0; i < keyValues.length; i += 2) {
      options.put(keyValues[i], keyValues[i + 1]);
    }
    KafkaSourceProvider provider = new KafkaSourceProvider();
    Source s =
        provider.createSource(
            new SourceContext(
                t,
                options,
                Optional.empty(),
                provider.sourceSchema(t, options, Optional.empty()),
                dir.resolve("sources/0"),
                new ManualClock(0)));
    opened.add(s);
    return s;
  }

  private static DataFrame batch(Source s, Offset end) {
    List<Attribute> output = new ArrayList<>();
    for (StructField f : s.schema().fields()) {
      output.add(new Attribute(f.name(), f.dataType(), f.nullable()));
    }
    return DataFrame.ofPlan(t, s.getBatch(Optional.empty(), end, output));
  }

  /** Rows as {@code partition/offset=value}, in the order the plan returned them. */
  private static List<String> rows(DataFrame df) {
    return df
        .selectExpr("partition", "offset", "CAST(value AS STRING) AS v")
        .collectAsList()
        .stream()
        .map((Row r) -> r.getInt(0) + "/" + r.getLong(1) + "=" + r.getString(2))
        .toList();
  }

  private static List<String> expected(int partition, long from, long until) {
    return LongStream.range(from, until)
        .mapToObj(o -> partition + "/" + o + "=" + partition + "-" + o)
        .toList();
  }

  private static List<String> ofPartition(List<String> rows, int partition) {
    return rows.stream().filter(r -> r.startsWith(partition + "/")).toList();
  }

  /** Kafka consumers alive in this JVM. */
  private static int consumers() {
    try {
      return ManagementFactory.getPlatformMBeanServer()
          .queryNames(new ObjectName("kafka.consumer:type=consumer-metrics,*"), null)
          .size();
    } catch (MalformedObjectNameException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void largeBatch_isReadByTasks_givingEachRecordOnce_inPartitionOrder() {
    fill("big", 2, PER_PARTITION);
    Source s = source("big", "tideline.taskReadMinOffsets", "1000");
    Offset end = s.latestOffset(Optional.empty(), s.defaultReadLimit()).orElseThrow();
    DataFrame df = batch(s, end);
    int before = consumers();

    List<String> rows = rows(df);

    // 3 000 offsets: tasks of max(1 000, 3 000 / (2 x 2 cores)) offsets, so two per partition.
    assertThat(df.explainString(false))
        .contains("BatchScan KafkaV2[Subscribe[big]]", "4 partitions");
    assertThat(rows).hasSize(2 * PER_PARTITION).doesNotHaveDuplicates();
    assertThat(ofPartition(rows, 0)).containsExactlyElementsOf(expected(0, 0, PER_PARTITION));
    assertThat(ofPartition(rows, 1)).containsExactlyElementsOf(expected(1, 0, PER_PARTITION));
    assertThat(consumers()).as("every task's consumer closed").isEqualTo(before);

    Source inMemory = source("big");
    DataFrame small = batch(inMemory, end);
    assertThat(small.explainString(false)).doesNotContain("BatchScan");
    assertThat(rows(small)).containsExactlyInAnyOrderElementsOf(rows);
  }

  @Test
  void taskIterator_readsOneBatchAtATime_andClosesItsConsumer_atTheEndOrWhenClosed()
      throws Exception {
    fill("lazy", 1, PER_PARTITION);
    // Polls of at most 100 records, so the range takes several and the consumer stays open while
    // batches remain (one poll of the default 10 000 would read it all and close it at once).
    Map<String, String> options =
        Map.of(
            "kafka.bootstrap.servers",
            broker.bootstrapServers(),
            "subscribe",
            "lazy",
            "kafka.max.poll.records",
            "100");
    KafkaRangeTask task =
        new KafkaRangeTask(
            new KafkaRangeReader.Range(new TopicPartition("lazy", 0), 200, 1_200),
            KafkaSourceOptions.parseBatch(options),
            KafkaSourceProvider.SCHEMA,
            100,
            "kafka-task-read-it-" + UUID.randomUUID(),
            "KafkaV2[Subscribe[lazy]]");
    int before = consumers();

    Iterator<Batch> early = task.read();
    assertThat(consumers()).as("no consumer before the first batch is asked for").isEqualTo(before);
    Batch first = early.next();
    assertThat(first.size()).isEqualTo(100);
    assertThat(((LongVector) first.column(4)).get(0)).isEqualTo(200);
    assertThat(((LongVector) first.column(4)).get(99)).isEqualTo(299);
    assertThat(consumers()).isEqualTo(before + 1);
    ((AutoCloseable) early).close();
    assertThat(consumers()).as("closed early").isEqualTo(before);
    assertThat(early.hasNext()).isFalse();

    Iterator<Batch> full = task.read();
    long rows = 0;
    long nextOffset = 200;
    while (full.hasNext()) {
      Batch b = full.next();
      assertThat(b.size()).isEqualTo(100);
      for (int i = 0; i < b.size(); i++) {
        assertThat(((LongVector) b.column(4)).get(i)).isEqualTo(nextOffset++);
      }
      rows += b.size();
    }
    assertThat(rows).isEqualTo(1_000);
    assertThat(consumers()).as("closed at the end of the range").isEqualTo(before);
  }

  @Test
  void limit_inABatchRead_closesTheTasksConsumers() {
    fill("limited", 2, PER_PARTITION);
    int before = consumers();

    List<Row> rows =
        t.read()
            .format("kafka")
            .option("kafka.bootstrap.servers", broker.bootstrapServers())
            .option("subscribe", "limited")
            // Polls of 100 records: the tasks stop with most of their ranges unread.
            .option("kafka.max.poll.records", "100")
            .load()
            .limit(5)
            .collectAsList();

    assertThat(rows).hasSize(5);
    assertThat(consumers()).isEqualTo(before);
  }

  @Test
  void failureDownstream_closesTheTasksConsumers() {
    broker.createTopic("poison", 1);
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (int o = 0; o < 600; o++) {
      sent.add(send("poison", 0, o == 450 ? "boom" : Integer.toString(o)));
    }
    awaitAll(sent);
    // One task, so the failure ends the only task reading (siblings would close theirs later).
    Source s =
        source("poison", "tideline.taskReadMinOffsets", "600", "kafka.max.poll.records", "100");
    Offset end = s.latestOffset(Optional.empty(), s.defaultReadLimit()).orElseThrow();
    DataFrame df = batch(s, end).selectExpr("CAST(CAST(value AS STRING) AS INT) AS n");
    int before = consumers();

    assertThatThrownBy(df::collectAsList).hasMessageContaining("boom");

    assertThat(consumers()).isEqualTo(before);
  }

  @Test
  void recordsDeletedBeforeTheTasksRun_failTheBatch_whenFailOnDataLoss() throws Exception {
    fill("trimmed", 1, PER_PARTITION);
    // One task, so the failure ends the only task reading (siblings would close theirs later).
    Source s = source("trimmed", "tideline.taskReadMinOffsets", "1500");
    Offset end = s.latestOffset(Optional.empty(), s.defaultReadLimit()).orElseThrow();
    DataFrame df = batch(s, end);
    deleteRecordsBefore(new TopicPartition("trimmed", 0), 600);
    int before = consumers();

    assertThatThrownBy(() -> rows(df))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e ->
                assertThat(e.getCondition())
                    .isEqualTo("KAFKA_DATA_LOSS.COULD_NOT_READ_OFFSET_RANGE"))
        .hasMessageContaining("trimmed-0")
        .hasMessageContaining("failOnDataLoss");
    assertThat(consumers()).isEqualTo(before);
  }

  @Test
  void recordsDeletedBeforeTheTasksRun_areSkipped_whenNotFailOnDataLoss() throws Exception {
    fill("skipped", 2, PER_PARTITION);
    Source s = source("skipped", "tideline.taskReadMinOffsets", "1000", "failOnDataLoss", "false");
    Offset end = s.latestOffset(Optional.empty(), s.defaultReadLimit()).orElseThrow();
    DataFrame df = batch(s, end);
    deleteRecordsBefore(new TopicPartition("skipped", 0), 600);

    List<String> rows = rows(df);

    assertThat(ofPartition(rows, 0)).containsExactlyElementsOf(expected(0, 600, PER_PARTITION));
    assertThat(ofPartition(rows, 1)).containsExactlyElementsOf(expected(1, 0, PER_PARTITION));
  }

  @Test
  void topicDeletedBeforeTheTasksRun_failsTheBatch_andClosesTheConsumers() {
    fill("vanishing", 1, PER_PARTITION);
    // One task, so the failure ends the only task reading (siblings would close theirs later).
    Source s =
        source(
            "vanishing",
            "tideline.taskReadMinOffsets",
            "1500",
            "kafkaConsumer.pollTimeoutMs",
            "1000");
    Offset end = s.latestOffset(Optional.empty(), s.defaultReadLimit()).orElseThrow();
    DataFrame df = batch(s, end);
    broker.deleteTopic("vanishing");
    int before = consumers();

    // As the source's own read: the consumer finds nothing to fetch and times out.
    assertThatThrownBy(() -> rows(df))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("KAFKA_READ_TIMEOUT"))
        .hasMessageContaining("vanishing-0");
    assertThat(consumers()).isEqualTo(before);
  }

  private static void deleteRecordsBefore(TopicPartition tp, long offset) throws Exception {
    try (Admin admin = broker.admin()) {
      admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(offset))).all().get();
    }
  }
}
