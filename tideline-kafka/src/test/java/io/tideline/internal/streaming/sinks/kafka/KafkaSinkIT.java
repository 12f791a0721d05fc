package io.tideline.internal.streaming.sinks.kafka;

import static io.tideline.functions.col;
import static io.tideline.functions.expr;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.connector.Sink;
import io.tideline.connector.SinkContext;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.streaming.exec.LoopHooks;
import io.tideline.internal.streaming.exec.LoopPoint;
import io.tideline.kafka.EmbeddedKafkaBroker;
import io.tideline.streaming.DataStreamWriter;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.OutputMode;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.streaming.StreamingQueryProgress;
import io.tideline.streaming.Trigger;
import io.tideline.testkit.stream.SinkContractSuite;
import io.tideline.types.StructType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kafka sink against one embedded broker shared by the class. The default, at-least-once mode:
 * streaming and batch writes, Spark's column rules end to end, and what a crash before {@code
 * commits/N} does (the batch is written again, as Spark documents). The exactly-once mode ({@code
 * option("transactional", "true")}, tests named {@code exactlyOnce_*}): a crash in or after the
 * sink, then a restart, leaves each record once as a {@code read_committed} consumer sees it; a
 * zombie run is fenced and its open transaction aborted; a failed batch is invisible.
 */
class KafkaSinkIT {
  private static final StructType KV = StructType.fromDDL("key STRING, value STRING");
  private static EmbeddedKafkaBroker broker;
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    broker = EmbeddedKafkaBroker.start();
    t = Tideline.builder().appName("kafka-sink-it").getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (t != null) {
      t.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private DataStreamWriter toKafka(DataFrame df, String checkpoint) {
    return df.writeStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", broker.bootstrapServers())
        .option("checkpointLocation", dir.resolve(checkpoint).toString());
  }

  private static List<String> values(String topic) {
    return TopicReader.values(broker.bootstrapServers(), topic, false);
  }

  private static String text(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void memoryStreamToKafka_writesEveryBatchWithKeysAndValues() throws Exception {
    broker.createTopic("mem-out", 1);
    MemoryStream input = MemoryStream.of(t, KV);
    StreamingQuery q = toKafka(input.toDF(), "cp").option("topic", "mem-out").start();
    try {
      input.addData(Row.of("k1", "a"), Row.of(null, "b"));
      q.processAllAvailable();
      input.addData(Row.of("k3", "c"));
      q.processAllAvailable();
    } finally {
      q.stop();
    }
    List<ConsumerRecord<byte[], byte[]>> records =
        TopicReader.readAll(broker.bootstrapServers(), "mem-out", false);
    assertThat(records)
        .extracting(r -> text(r.key()) + "=" + text(r.value()))
        .containsExactly("k1=a", "null=b", "k3=c");
    StreamingQueryProgress last = q.lastProgress();
    assertThat(last.sink().description()).isEqualTo("KafkaSink[topic=mem-out]");
    assertThat(last.sink().numOutputRows()).isEqualTo(1);
  }

  @Test
  void topicColumn_routesEachRow_andTheTopicOptionOverridesIt() throws Exception {
    broker.createTopic("route-a", 1);
    broker.createTopic("route-b", 1);
    broker.createTopic("route-all", 1);
    MemoryStream input = MemoryStream.of(t, StructType.fromDDL("topic STRING, value STRING"));
    StreamingQuery byColumn = toKafka(input.toDF(), "cp1").start();
    StreamingQuery byOption = toKafka(input.toDF(), "cp2").option("topic", "route-all").start();
    try {
      input.addData(Row.of("route-a", "1"), Row.of("route-b", "2"), Row.of("route-a", "3"));
      byColumn.processAllAvailable();
      byOption.processAllAvailable();
    } finally {
      byColumn.stop();
      byOption.stop();
    }
    assertThat(values("route-a")).containsExactly("1", "3");
    assertThat(values("route-b")).containsExactly("2");
    assertThat(values("route-all")).containsExactly("1", "2", "3");
  }

  @Test
  void headersAndPartition_areWrittenAsGiven() throws Exception {
    broker.createTopic("hp-out", 3);
    MemoryStream input = MemoryStream.of(t, StructType.fromDDL("v STRING, p INT"));
    DataFrame df =
        input
            .toDF()
            .select(
                col("v").alias("value"),
                col("p").alias("partition"),
                expr("array(named_struct('key', 'source', 'value', CAST(v AS BINARY)))")
                    .alias("headers"));
    StreamingQuery q = toKafka(df, "cp").option("topic", "hp-out").start();
    try {
      input.addData(Row.of("x", 2), Row.of("y", 0), Row.of("z", null));
      q.processAllAvailable();
    } finally {
      q.stop();
    }
    Map<String, ConsumerRecord<byte[], byte[]>> byValue =
        TopicReader.readAll(broker.bootstrapServers(), "hp-out", false).stream()
            .collect(Collectors.toMap(r -> text(r.value()), r -> r));
    assertThat(byValue).containsOnlyKeys("x", "y", "z");
    assertThat(byValue.get("x").partition()).isEqualTo(2);
    assertThat(byValue.get("y").partition()).isEqualTo(0);
    Header h = byValue.get("x").headers().lastHeader("source");
    assertThat(h).isNotNull();
    assertThat(text(h.value())).isEqualTo("x");
  }

  @Test
  void updateMode_aggregation_writesEachBatchsChangedRows() throws Exception {
    broker.createTopic("agg-out", 1);
    MemoryStream input = MemoryStream.of(t, KV);
    DataFrame counts =
        input.toDF().groupBy("key").count().selectExpr("key", "CAST(count AS STRING) AS value");
    StreamingQuery q =
        toKafka(counts, "cp").outputMode("update").option("topic", "agg-out").start();
    try {
      input.addData(Row.of("a", "x"), Row.of("a", "y"), Row.of("b", "z"));
      q.processAllAvailable();
      input.addData(Row.of("a", "w"));
      q.processAllAvailable();
    } finally {
      q.stop();
    }
    assertThat(
            TopicReader.readAll(broker.bootstrapServers(), "agg-out", false).stream()
                .map(r -> text(r.key()) + "=" + text(r.value())))
        .containsExactlyInAnyOrder("a=2", "b=1", "a=3");
  }

  @Test
  void secretOptions_neverReachProgressExplainOrToString() throws Exception {
    broker.createTopic("secret-out", 1);
    String secret = "pa55-w0rd-never-shown";
    MemoryStream input = MemoryStream.of(t, KV);
    StreamingQuery q =
        toKafka(input.toDF(), "cp")
            .option("topic", "secret-out")
            // PLAINTEXT ignores SASL settings: the secret travels through every path unused.
            .option(
                "kafka.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required"
                    + " username=\"u\" password=\""
                    + secret
                    + "\";")
            .option("kafka.ssl.key.password", secret)
            .start();
    try {
      input.addData(Row.of("k", "v"));
      q.processAllAvailable();
      StreamingQueryProgress p = q.lastProgress();
      assertThat(p.json()).contains("KafkaSink[topic=secret-out]").doesNotContain(secret);
      assertThat(p.prettyJson()).doesNotContain(secret);
      assertThat(q.toString()).doesNotContain(secret);
      assertThat(((io.tideline.internal.streaming.exec.StreamExecution) q).explainString(true))
          .doesNotContain(secret);
      assertThat(q.status().message()).doesNotContain(secret);
    } finally {
      q.stop();
    }
    assertThat(values("secret-out")).containsExactly("v");
  }

  @Test
  void nullTopicInTheData_failsTheQueryWithSparksMessage() throws Exception {
    MemoryStream input = MemoryStream.of(t, StructType.fromDDL("topic STRING, value STRING"));
    StreamingQuery q = toKafka(input.toDF(), "cp").start();
    input.addData(Row.of(null, "orphan"));
    assertThatThrownBy(q::awaitTermination)
        .isInstanceOf(StreamingQueryException.class)
        .hasRootCauseInstanceOf(TidelineException.class)
        .rootCause()
        .hasMessageContaining(
            "null topic present in the data. Use the topic option for setting a default topic.")
        .hasMessageContaining("batch 0 of query");
  }

  @Test
  void batchWrite_appendAndDefaultMode_bothAppend() {
    broker.createTopic("batch-out", 2);
    DataFrame df =
        t.createDataFrame(
            List.of(Row.of("k1", "one"), Row.of("k2", "two"), Row.of("k3", "three")), KV);
    df.write()
        .format("kafka")
        .option("kafka.bootstrap.servers", broker.bootstrapServers())
        .option("topic", "batch-out")
        .save();
    df.filter("key = 'k1'")
        .write()
        .format("kafka")
        .mode("append")
        .option("kafka.bootstrap.servers", broker.bootstrapServers())
        .option("topic", "batch-out")
        .save();
    assertThat(values("batch-out")).containsExactlyInAnyOrder("one", "two", "three", "one");
  }

  @Test
  void binaryValuesAndKeys_areWrittenByteForByte() {
    broker.createTopic("bin-out", 1);
    DataFrame df =
        t.createDataFrame(
            List.of(Row.of(new byte[] {0, 1, (byte) 0xff}, new byte[] {7})),
            StructType.fromDDL("value BINARY, key BINARY"));
    df.write()
        .format("kafka")
        .option("kafka.bootstrap.servers", broker.bootstrapServers())
        .option("topic", "bin-out")
        .save();
    ConsumerRecord<byte[], byte[]> r =
        TopicReader.readAll(broker.bootstrapServers(), "bin-out", false).get(0);
    assertThat(r.value()).containsExactly(0, 1, 0xff);
    assertThat(r.key()).containsExactly(7);
  }

  @Test
  void kafkaToKafka_endToEnd_copiesEveryRecordOnce() throws Exception {
    broker.createTopic("e2e-in", 2);
    broker.createTopic("e2e-out", 2);
    for (int i = 0; i < 20; i++) {
      broker.produce("e2e-in", "k" + i, "v" + i);
    }
    DataFrame in =
        t.readStream()
            .format("kafka")
            .option("kafka.bootstrap.servers", broker.bootstrapServers())
            .option("subscribe", "e2e-in")
            .option("startingOffsets", "earliest")
            .load()
            .selectExpr("key", "upper(CAST(value AS STRING)) AS value");
    StreamingQuery q =
        toKafka(in, "cp").option("topic", "e2e-out").trigger(Trigger.AvailableNow()).start();
    q.awaitTermination();
    assertThat(q.exception()).isEmpty();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      expected.add("V" + i);
    }
    assertThat(values("e2e-out")).containsExactlyInAnyOrderElementsOf(expected);
    Map<String, String> keyed =
        TopicReader.readAll(broker.bootstrapServers(), "e2e-out", false).stream()
            .collect(Collectors.toMap(r -> text(r.key()), r -> text(r.value())));
    assertThat(keyed).containsEntry("k7", "V7");
  }

  @Test
  void atLeastOnce_crashBetweenSinkAndCommit_writesTheBatchAgainOnRestart() throws Exception {
    broker.createTopic("alo-out", 1);
    MemoryStream input = MemoryStream.of(t, KV);
    StreamingQuery first =
        toKafka(input.toDF(), "cp")
            .option("topic", "alo-out")
            .loopHooks(crashOnce(LoopPoint.AFTER_SINK_BEFORE_COMMIT, 1))
            .start();
    input.addData(Row.of("k", "a"));
    first.processAllAvailable();
    input.addData(Row.of("k", "b"));
    assertThatThrownBy(first::awaitTermination)
        .isInstanceOf(StreamingQueryException.class)
        .hasCauseInstanceOf(LoopHooks.SimulatedCrash.class);

    StreamingQuery second = toKafka(input.toDF(), "cp").option("topic", "alo-out").start();
    try {
      input.addData(Row.of("k", "c"));
      second.processAllAvailable();
    } finally {
      second.stop();
    }
    // Documented at-least-once behaviour, as Spark's: batch 1 reached Kafka before the crash and
    // is written again by the restart; nothing is lost.
    assertThat(values("alo-out")).containsExactly("a", "b", "b", "c");
  }

  private DataStreamWriter exactlyOnce(DataFrame df, String topic, String checkpoint) {
    return df.writeStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", broker.bootstrapServers())
        .option("topic", topic)
        .option("transactional", "true")
        .option("checkpointLocation", dir.resolve(checkpoint).toString());
  }

  private static List<String> committed(String topic) {
    return TopicReader.values(broker.bootstrapServers(), topic, true);
  }

  private static List<String> uncommitted(String topic) {
    return TopicReader.values(broker.bootstrapServers(), topic, false);
  }

  private static LoopHooks crashOnce(LoopPoint at, long batch) {
    AtomicBoolean crashed = new AtomicBoolean();
    return (point, batchId) -> {
      if (point == at && batchId == batch && crashed.compareAndSet(false, true)) {
        throw new LoopHooks.SimulatedCrash(point, batchId);
      }
    };
  }

  @Test
  void exactlyOnce_crashBetweenSinkAndCommit_restartSkipsTheBatchKafkaAlreadyCommitted()
      throws Exception {
    broker.createTopic("eo-mem", 1);
    MemoryStream input = MemoryStream.of(t, KV);
    StreamingQuery first =
        exactlyOnce(input.toDF(), "eo-mem", "cp")
            .loopHooks(crashOnce(LoopPoint.AFTER_SINK_BEFORE_COMMIT, 1))
            .start();
    input.addData(Row.of("k", "a"));
    first.processAllAvailable();
    input.addData(Row.of("k", "b"), Row.of("k", "b2"));
    assertThatThrownBy(first::awaitTermination)
        .isInstanceOf(StreamingQueryException.class)
        .hasCauseInstanceOf(LoopHooks.SimulatedCrash.class);
    assertThat(committed("eo-mem")).containsExactly("a", "b", "b2");

    StreamingQuery second = exactlyOnce(input.toDF(), "eo-mem", "cp").start();
    try {
      second.processAllAvailable();
      input.addData(Row.of("k", "c"));
      second.processAllAvailable();
    } finally {
      second.stop();
    }
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(committed("eo-mem")).containsExactly("a", "b", "b2", "c");
    // The re-run of batch 1 wrote nothing at all, not even an aborted copy.
    assertThat(uncommitted("eo-mem")).containsExactly("a", "b", "b2", "c");
    String markers = "tideline-sink-" + first.id() + "-commits";
    assertThat(committed(markers)).last().asString().contains("\"batchId\":2");
  }

  @Test
  void exactlyOnce_kafkaToKafka_crashBetweenSinkAndCommit_readCommittedSeesEachRecordOnce()
      throws Exception {
    String in = "eo-in";
    String out = "eo-out";
    broker.createTopic(in, 2);
    broker.createTopic(out, 2);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      broker.produce(in, "k" + i, "v" + i);
      expected.add("v" + i);
    }
    DataFrame source =
        t.readStream()
            .format("kafka")
            .option("kafka.bootstrap.servers", broker.bootstrapServers())
            .option("subscribe", in)
            .option("startingOffsets", "earliest")
            .option("maxOffsetsPerTrigger", "4")
            .load()
            .selectExpr("key", "CAST(value AS STRING) AS value");
    StreamingQuery first =
        exactlyOnce(source, out, "cp")
            .trigger(Trigger.AvailableNow())
            .loopHooks(crashOnce(LoopPoint.AFTER_SINK_BEFORE_COMMIT, 1))
            .start();
    assertThatThrownBy(first::awaitTermination).isInstanceOf(StreamingQueryException.class);

    StreamingQuery second = exactlyOnce(source, out, "cp").trigger(Trigger.AvailableNow()).start();
    second.awaitTermination();
    assertThat(second.exception()).isEmpty();
    assertThat(committed(out)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void exactlyOnce_zombieRun_isFenced_andItsOpenTransactionAborted_whenTheQueryRestarts()
      throws Exception {
    broker.createTopic("eo-zombie", 1);
    MemoryStream input = MemoryStream.of(t, KV);
    StreamingQuery first = exactlyOnce(input.toDF(), "eo-zombie", "cp").start();
    input.addData(Row.of("k", "a"));
    first.processAllAvailable();
    first.stop();
    UUID id = first.id();

    // A zombie of this query: same transactional id, a transaction left open with a record in it.
    KafkaProducer<String, String> zombie =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tideline-sink-" + id,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    try {
      zombie.initTransactions();
      zombie.beginTransaction();
      zombie.send(new ProducerRecord<>("eo-zombie", "k", "ghost")).get();

      StreamingQuery second = exactlyOnce(input.toDF(), "eo-zombie", "cp").start();
      try {
        input.addData(Row.of("k", "b"));
        second.processAllAvailable();
      } finally {
        second.stop();
      }
      assertThatThrownBy(zombie::commitTransaction).isInstanceOf(KafkaException.class);
    } finally {
      zombie.close();
    }
    assertThat(committed("eo-zombie")).containsExactly("a", "b");
    assertThat(uncommitted("eo-zombie")).contains("ghost");
  }

  @Test
  void exactlyOnce_olderRunOfTheSameQuery_isFencedWhenItWritesAgain() {
    broker.createTopic("eo-fence", 1);
    UUID queryId = UUID.randomUUID();
    Sink older = exactlyOnceSink("eo-fence", queryId);
    Sink newer = exactlyOnceSink("eo-fence", queryId);
    try {
      older.addBatch(0, t.createDataFrame(List.of(Row.of("k", "from-older")), KV));
      newer.addBatch(0, t.createDataFrame(List.of(Row.of("k", "skipped")), KV));
      newer.addBatch(1, t.createDataFrame(List.of(Row.of("k", "from-newer")), KV));
      assertThatThrownBy(
              () -> older.addBatch(1, t.createDataFrame(List.of(Row.of("k", "zombie")), KV)))
          .isInstanceOfSatisfying(
              TidelineException.class,
              e -> assertThat(e.getCondition()).isEqualTo("KAFKA_SINK_TRANSACTION_FENCED"));
    } finally {
      older.stop();
      newer.stop();
    }
    assertThat(committed("eo-fence")).containsExactly("from-older", "from-newer");
  }

  private Sink exactlyOnceSink(String topic, UUID queryId) {
    return new KafkaSinkProvider()
        .createSink(
            new SinkContext(
                t,
                Map.of(
                    "kafka.bootstrap.servers",
                    broker.bootstrapServers(),
                    "topic",
                    topic,
                    "transactional",
                    "true"),
                KV,
                OutputMode.Append(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                queryId,
                Optional.empty(),
                dir));
  }

  @Test
  void exactlyOnce_failedBatch_isAborted_soReadCommittedSeesNoneOfIt() throws Exception {
    broker.createTopic("eo-fail", 1);
    MemoryStream input = MemoryStream.of(t, StructType.fromDDL("topic STRING, value STRING"));
    StreamingQuery q =
        input
            .toDF()
            .writeStream()
            .format("kafka")
            .option("kafka.bootstrap.servers", broker.bootstrapServers())
            .option("transactional", "true")
            .option("checkpointLocation", dir.resolve("cp").toString())
            .start();
    input.addData(Row.of("eo-fail", "ok"));
    q.processAllAvailable();
    input.addData(Row.of("eo-fail", "sent-then-aborted"), Row.of(null, "no topic"));
    assertThatThrownBy(q::awaitTermination)
        .isInstanceOf(StreamingQueryException.class)
        .hasStackTraceContaining("KAFKA_SINK_NULL_TOPIC");
    assertThat(committed("eo-fail")).containsExactly("ok");
  }

  @Test
  void exactlyOnce_transactionalBatchWrite_commitsAllRowsAtOnce() {
    broker.createTopic("eo-batch", 2);
    DataFrame df = t.createDataFrame(List.of(Row.of("k1", "one"), Row.of("k2", "two")), KV);
    df.write()
        .format("kafka")
        .option("kafka.bootstrap.servers", broker.bootstrapServers())
        .option("topic", "eo-batch")
        .option("transactional", "true")
        .save();
    assertThat(committed("eo-batch")).containsExactlyInAnyOrder("one", "two");
  }

  /**
   * The test kit's sink contract, run against the exactly-once sink: a re-delivered batch id is a
   * no-op, within a run and after a restart (a new sink for the same query id). Each location is
   * one query with its own topic. The at-least-once sink is not run through it: after a restart it
   * writes a re-delivered batch again, as Spark's does.
   */
  @Nested
  class ExactlyOnceSinkContract extends SinkContractSuite {
    private final Set<String> created = new HashSet<>();

    @Override
    protected Tideline session() {
      return t;
    }

    @Override
    protected StructType schema() {
      return StructType.fromDDL("id BIGINT, value STRING");
    }

    private String topic(Path location) {
      return "contract-" + UUID.nameUUIDFromBytes(location.toString().getBytes(UTF_8));
    }

    @Override
    protected Sink createSink(Path location) {
      String topic = topic(location);
      if (created.add(topic)) {
        broker.createTopic(topic, 1);
      }
      return new KafkaSinkProvider()
          .createSink(
              new SinkContext(
                  t,
                  Map.of(
                      "kafka.bootstrap.servers",
                      broker.bootstrapServers(),
                      "topic",
                      topic,
                      "transactional",
                      "true"),
                  schema(),
                  OutputMode.Append(),
                  List.of(),
                  Optional.empty(),
                  Optional.empty(),
                  UUID.nameUUIDFromBytes(topic.getBytes(UTF_8)),
                  Optional.empty(),
                  location));
    }

    @Override
    protected List<Row> readContent(Path location) {
      return committed(topic(location)).stream()
          .map(v -> Row.of(Long.parseLong(v.substring("row".length())), v))
          .collect(Collectors.toList());
    }
  }
}
