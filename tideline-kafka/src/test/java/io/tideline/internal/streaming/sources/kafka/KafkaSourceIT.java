package io.tideline.internal.streaming.sources.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.errors.TidelineException;
import io.tideline.kafka.EmbeddedKafkaBroker;
import io.tideline.streaming.DataStreamReader;
import io.tideline.streaming.SourceProgress;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryProgress;
import io.tideline.streaming.Trigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kafka source end to end through the public API, against one embedded broker shared by the
 * class. Each test uses its own topic, so tests do not see each other's records.
 */
class KafkaSourceIT {
  private static EmbeddedKafkaBroker broker;
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    broker = EmbeddedKafkaBroker.start();
    t = Tideline.builder().appName("kafka-source-it").getOrCreate();
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

  private static DataStreamReader kafka(String topic) {
    return t.readStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", broker.bootstrapServers())
        .option("subscribe", topic);
  }

  /** Runs {@code df} with Trigger.AvailableNow into a recording foreachBatch, to the end. */
  private StreamingQuery runAvailableNow(DataFrame df, Path checkpoint, List<List<String>> out)
      throws Exception {
    StreamingQuery q =
        df.writeStream()
            .option("checkpointLocation", checkpoint.toString())
            .trigger(Trigger.AvailableNow())
            .foreachBatch(
                (batch, id) -> {
                  List<String> values = new ArrayList<>();
                  for (Row r : batch.collectAsList()) {
                    values.add(r.getString(0));
                  }
                  out.add(values);
                })
            .start();
    q.awaitTermination();
    assertThat(q.exception()).isEmpty();
    return q;
  }

  private static List<String> flat(List<List<String>> batches) {
    return batches.stream().flatMap(List::stream).toList();
  }

  private static void produce(String topic, int partition, int from, int to) {
    for (int i = from; i < to; i++) {
      broker.produce(topic, null, topic + "-" + i, partition);
    }
  }

  @Test
  void stream_readsEveryRecord_intoMemorySink_withCastValue() throws Exception {
    broker.createTopic("basic", 2);
    produce("basic", 0, 0, 3);
    produce("basic", 1, 3, 5);
    StreamingQuery q =
        kafka("basic")
            .option("startingOffsets", "earliest")
            .load()
            .selectExpr("CAST(value AS STRING)", "topic", "partition", "offset")
            .writeStream()
            .format("memory")
            .queryName("kafka_basic")
            .option("checkpointLocation", dir.resolve("cp").toString())
            .start();
    try {
      q.processAllAvailable();
      produce("basic", 1, 5, 7);
      q.processAllAvailable();
      List<Row> rows = t.table("kafka_basic").collectAsList();
      assertThat(rows)
          .extracting(
              r -> r.getString(0) + "@" + r.getString(1) + "/" + r.getInt(2) + ":" + r.getLong(3))
          .containsExactlyInAnyOrder(
              "basic-0@basic/0:0",
              "basic-1@basic/0:1",
              "basic-2@basic/0:2",
              "basic-3@basic/1:0",
              "basic-4@basic/1:1",
              "basic-5@basic/1:2",
              "basic-6@basic/1:3");
      SourceProgress source = q.lastProgress().sources().get(0);
      assertThat(source.description()).isEqualTo("KafkaV2[Subscribe[basic]]");
      assertThat(source.endOffset()).isEqualTo("{\"basic\":{\"0\":3,\"1\":4}}");
    } finally {
      q.stop();
    }
  }

  @Test
  void subscribePattern_readsEveryMatchingTopic_includingOnesCreatedLater() throws Exception {
    broker.createTopic("pat-a", 1);
    broker.createTopic("other-b", 1);
    produce("pat-a", 0, 0, 2);
    produce("other-b", 0, 0, 1);
    Path cp = dir.resolve("cp");
    List<List<String>> batches = new CopyOnWriteArrayList<>();
    DataFrame df =
        t.readStream()
            .format("kafka")
            .option("kafka.bootstrap.servers", broker.bootstrapServers())
            .option("subscribePattern", "pat-.*")
            .option("startingOffsets", "earliest")
            .load()
            .selectExpr("CAST(value AS STRING)");
    runAvailableNow(df, cp, batches);
    broker.createTopic("pat-c", 1);
    produce("pat-c", 0, 0, 1);
    runAvailableNow(df, cp, batches);
    assertThat(flat(batches)).containsExactly("pat-a-0", "pat-a-1", "pat-c-0");
  }

  @Test
  void assign_readsOnlyTheAssignedPartitions() throws Exception {
    broker.createTopic("assigned", 3);
    produce("assigned", 0, 0, 1);
    produce("assigned", 1, 1, 2);
    produce("assigned", 2, 2, 3);
    List<List<String>> batches = new CopyOnWriteArrayList<>();
    StreamingQuery q =
        runAvailableNow(
            t.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", broker.bootstrapServers())
                .option("assign", "{\"assigned\":[0,2]}")
                .option("startingOffsets", "earliest")
                .load()
                .selectExpr("CAST(value AS STRING)"),
            dir.resolve("cp"),
            batches);
    assertThat(flat(batches)).containsExactlyInAnyOrder("assigned-0", "assigned-2");
    assertThat(q.lastProgress().sources().get(0).description())
        .isEqualTo("KafkaV2[Assign[assigned-0, assigned-2]]");
  }

  @Test
  void maxOffsetsPerTrigger_capsEachBatch_andAvailableNowStopsAtTheEndItFixed() throws Exception {
    broker.createTopic("capped", 1);
    produce("capped", 0, 0, 25);
    List<List<String>> batches = new CopyOnWriteArrayList<>();
    runAvailableNow(
        kafka("capped")
            .option("startingOffsets", "earliest")
            .option("maxOffsetsPerTrigger", "10")
            .load()
            .selectExpr("CAST(value AS STRING)"),
        dir.resolve("cp"),
        batches);
    assertThat(batches).extracting(List::size).containsExactly(10, 10, 5);
    assertThat(flat(batches))
        .containsExactlyElementsOf(IntStream.range(0, 25).mapToObj(i -> "capped-" + i).toList());
  }

  @Test
  void restart_fromCheckpoint_continuesExactly_withoutDuplicatesOrGaps() throws Exception {
    broker.createTopic("restart", 2);
    produce("restart", 0, 0, 4);
    produce("restart", 1, 4, 7);
    Path cp = dir.resolve("cp");
    List<List<String>> batches = new CopyOnWriteArrayList<>();
    DataFrame df =
        kafka("restart")
            .option("startingOffsets", "earliest")
            .option("maxOffsetsPerTrigger", "3")
            .load()
            .selectExpr("CAST(value AS STRING)");
    runAvailableNow(df, cp, batches);
    produce("restart", 0, 7, 10);
    produce("restart", 1, 10, 12);
    runAvailableNow(df, cp, batches);
    assertThat(flat(batches))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, 12).mapToObj(i -> "restart-" + i).toList());
  }

  @Test
  void restart_beforeTheFirstBatchCommitted_keepsTheInitialLatestOffsets() throws Exception {
    broker.createTopic("initial", 1);
    produce("initial", 0, 0, 2);
    Path cp = dir.resolve("cp");
    List<List<String>> batches = new CopyOnWriteArrayList<>();
    DataFrame df = kafka("initial").load().selectExpr("CAST(value AS STRING)");
    runAvailableNow(df, cp, batches);
    assertThat(flat(batches)).isEmpty();
    assertThat(cp.resolve("sources/0/0")).exists();
    // As if the first run had crashed before writing offsets/0: only the initial offsets remain.
    deleteTree(cp.resolve("offsets"));
    deleteTree(cp.resolve("commits"));
    produce("initial", 0, 2, 5);
    runAvailableNow(df, cp, batches);
    assertThat(flat(batches)).containsExactly("initial-2", "initial-3", "initial-4");
  }

  @Test
  void startingOffsets_json_withEarliestMarker_startsEachPartitionWhereAsked() throws Exception {
    broker.createTopic("specific", 2);
    produce("specific", 0, 0, 5);
    produce("specific", 1, 5, 8);
    List<List<String>> batches = new CopyOnWriteArrayList<>();
    runAvailableNow(
        kafka("specific")
            .option("startingOffsets", "{\"specific\":{\"0\":2,\"1\":-2}}")
            .load()
            .selectExpr("CAST(value AS STRING)"),
        dir.resolve("cp"),
        batches);
    assertThat(flat(batches))
        .containsExactlyInAnyOrder(
            "specific-2", "specific-3", "specific-4", "specific-5", "specific-6", "specific-7");
  }

  @Test
  void startingOffsets_json_missingAPartition_failsTheQueryNamingBothSets() throws Exception {
    broker.createTopic("partial", 2);
    StreamingQuery q =
        kafka("partial")
            .option("startingOffsets", "{\"partial\":{\"0\":0}}")
            .load()
            .writeStream()
            .format("memory")
            .queryName("kafka_partial")
            .option("checkpointLocation", dir.resolve("cp").toString())
            .trigger(Trigger.AvailableNow())
            .start();
    try {
      q.awaitTermination();
    } catch (Exception expected) {
      // The failure is asserted through exception() below.
    }
    assertThat(q.exception()).isPresent();
    Throwable cause = q.exception().get().getCause();
    assertThat(cause).isInstanceOf(TidelineException.class);
    assertThat(((TidelineException) cause).getCondition())
        .isEqualTo("KAFKA_START_OFFSET_DOES_NOT_MATCH_ASSIGNED");
    assertThat(cause.getMessage()).contains("[partial-0]", "[partial-0, partial-1]");
  }

  @Test
  void partitionAddedMidStream_isReadFromItsStart() throws Exception {
    broker.createTopic("growing", 1);
    produce("growing", 0, 0, 2);
    Path cp = dir.resolve("cp");
    List<List<String>> batches = new CopyOnWriteArrayList<>();
    DataFrame df =
        kafka("growing")
            .option("startingOffsets", "earliest")
            .load()
            .selectExpr("CAST(value AS STRING)");
    runAvailableNow(df, cp, batches);
    broker.addPartitions("growing", 2);
    produce("growing", 1, 2, 4);
    runAvailableNow(df, cp, batches);
    assertThat(flat(batches)).containsExactly("growing-0", "growing-1", "growing-2", "growing-3");
  }

  @Test
  void progress_reportsKafkaLag_fromTheLatestOffsets() throws Exception {
    broker.createTopic("lag", 2);
    produce("lag", 0, 0, 12);
    produce("lag", 1, 12, 20);
    List<List<String>> batches = new CopyOnWriteArrayList<>();
    StreamingQuery q =
        runAvailableNow(
            kafka("lag")
                .option("startingOffsets", "earliest")
                .option("maxOffsetsPerTrigger", "5")
                .load()
                .selectExpr("CAST(value AS STRING)"),
            dir.resolve("cp"),
            batches);
    // p0 12 and p1 8 waiting, limit 5: shares 3.0 and 2.0, so the first batch ends at 3 and 2.
    StreamingQueryProgress first = q.recentProgress().get(0);
    SourceProgress source = first.sources().get(0);
    assertThat(source.endOffset()).isEqualTo("{\"lag\":{\"0\":3,\"1\":2}}");
    assertThat(source.latestOffset()).isEqualTo("{\"lag\":{\"0\":12,\"1\":8}}");
    assertThat(source.metrics())
        .containsEntry("minOffsetsBehindLatest", "6")
        .containsEntry("maxOffsetsBehindLatest", "9")
        .containsEntry("avgOffsetsBehindLatest", "7.5");
    assertThat(flat(batches)).hasSize(20);
  }

  @Test
  void deletedTopic_failsTheQuery_namingThePartitions_whenFailOnDataLoss() throws Exception {
    broker.createTopic("doomed", 1);
    produce("doomed", 0, 0, 2);
    Path cp = dir.resolve("cp");
    List<List<String>> batches = new CopyOnWriteArrayList<>();
    DataFrame df =
        kafka("doomed")
            .option("startingOffsets", "earliest")
            .load()
            .selectExpr("CAST(value AS STRING)");
    runAvailableNow(df, cp, batches);
    broker.deleteTopic("doomed");
    StreamingQuery q =
        df.writeStream()
            .option("checkpointLocation", cp.toString())
            .trigger(Trigger.AvailableNow())
            .foreachBatch((batch, id) -> batch.count())
            .start();
    try {
      q.awaitTermination();
    } catch (Exception expected) {
      // Asserted through exception() below.
    }
    assertThat(q.exception()).isPresent();
    Throwable cause = q.exception().get().getCause();
    assertThat(cause).isInstanceOf(TidelineException.class);
    assertThat(((TidelineException) cause).getCondition())
        .isEqualTo("KAFKA_DATA_LOSS.PARTITIONS_DELETED");
    assertThat(cause.getMessage()).contains("[doomed-0]", "failOnDataLoss");
  }

  @Test
  void deletedTopic_isSkipped_whenNotFailOnDataLoss() throws Exception {
    broker.createTopic("gone", 1);
    broker.createTopic("kept", 1);
    produce("gone", 0, 0, 2);
    produce("kept", 0, 0, 1);
    Path cp = dir.resolve("cp");
    List<List<String>> batches = new CopyOnWriteArrayList<>();
    DataFrame df =
        kafka("gone,kept")
            .option("startingOffsets", "earliest")
            .option("failOnDataLoss", "false")
            .load()
            .selectExpr("CAST(value AS STRING)");
    runAvailableNow(df, cp, batches);
    broker.deleteTopic("gone");
    produce("kept", 0, 1, 2);
    runAvailableNow(df, cp, batches);
    assertThat(flat(batches)).containsExactlyInAnyOrder("gone-0", "gone-1", "kept-0", "kept-1");
  }

  @Test
  void unreachableBroker_failsTheQuery_afterTheBoundedWait_namingTheBrokers() throws Exception {
    StreamingQuery q =
        t.readStream()
            .format("kafka")
            .option("kafka.bootstrap.servers", "127.0.0.1:1")
            .option("kafka.default.api.timeout.ms", "1500")
            .option("subscribe", "nowhere")
            .load()
            .writeStream()
            .option("checkpointLocation", dir.resolve("cp").toString())
            .foreachBatch((batch, id) -> batch.count())
            .start();
    try {
      q.awaitTermination();
    } catch (Exception expected) {
      // Asserted through exception() below.
    }
    Throwable cause = q.exception().orElseThrow().getCause();
    assertThat(cause).isInstanceOf(TidelineException.class);
    assertThat(((TidelineException) cause).getCondition()).isEqualTo("KAFKA_OFFSET_FETCH_FAILED");
    assertThat(cause.getMessage())
        .contains("127.0.0.1:1", "KafkaV2[Subscribe[nowhere]]", "1500 ms");
  }

  @Test
  void replay_ofABatchWhoseCommitIsMissing_readsExactlyTheSameRecords() throws Exception {
    broker.createTopic("replay", 2);
    produce("replay", 0, 0, 5);
    produce("replay", 1, 5, 9);
    Path cp = dir.resolve("cp");
    List<String> firstRun = new CopyOnWriteArrayList<>();
    List<String> secondRun = new CopyOnWriteArrayList<>();
    DataFrame df =
        kafka("replay")
            .option("startingOffsets", "earliest")
            .option("maxOffsetsPerTrigger", "4")
            .load()
            .selectExpr("CAST(value AS STRING)");
    runRecordingIds(df, cp, firstRun);
    // A crash after offsets/N was written but before commits/N: the restart re-runs batch N.
    List<String> commits;
    try (Stream<Path> files = Files.list(cp.resolve("commits"))) {
      commits = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("\\d+")).toList();
    }
    String last = commits.stream().max(Comparator.comparingLong(Long::parseLong)).orElseThrow();
    Files.delete(cp.resolve("commits").resolve(last));
    produce("replay", 0, 9, 11);
    runRecordingIds(df, cp, secondRun);

    List<String> lastBatchFirstRun =
        firstRun.stream().filter(r -> r.startsWith(last + ":")).sorted().toList();
    List<String> lastBatchReplayed =
        secondRun.stream().filter(r -> r.startsWith(last + ":")).sorted().toList();
    assertThat(lastBatchReplayed).isNotEmpty().isEqualTo(lastBatchFirstRun);
    List<String> values = new ArrayList<>();
    for (String r : firstRun) {
      values.add(r.substring(r.indexOf(':') + 1));
    }
    for (String r : secondRun) {
      if (!r.startsWith(last + ":")) {
        values.add(r.substring(r.indexOf(':') + 1));
      }
    }
    assertThat(values)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, 11).mapToObj(i -> "replay-" + i).toList());
  }

  @Test
  void secrets_neverAppearInErrorsPlansOrProgress() throws Exception {
    String password = "pw-4f9c1e-never-print";
    String jaas =
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"alice\""
            + " password=\""
            + password
            + "\";";
    StreamingQuery q =
        t.readStream()
            .format("kafka")
            .option("kafka.bootstrap.servers", "127.0.0.1:1")
            .option("kafka.security.protocol", "SASL_PLAINTEXT")
            .option("kafka.sasl.mechanism", "PLAIN")
            .option("kafka.sasl.jaas.config", jaas)
            .option("kafka.default.api.timeout.ms", "1000")
            .option("subscribe", "secret")
            .load()
            .writeStream()
            .option("checkpointLocation", dir.resolve("cp").toString())
            .foreachBatch((batch, id) -> batch.count())
            .start();
    String plan = q.explainString(true);
    try {
      q.awaitTermination();
    } catch (Exception expected) {
      // Asserted through exception() below.
    }
    java.io.StringWriter trace = new java.io.StringWriter();
    q.exception().orElseThrow().printStackTrace(new java.io.PrintWriter(trace));
    assertThat(trace.toString()).contains("KAFKA_OFFSET_FETCH_FAILED").doesNotContain(password);
    assertThat(plan).doesNotContain(password);
    for (StreamingQueryProgress p : q.recentProgress()) {
      assertThat(p.json()).doesNotContain(password);
    }
  }

  /** Runs {@code df} with AvailableNow, recording {@code "<batchId>:<value>"} per row. */
  private static void runRecordingIds(DataFrame df, Path cp, List<String> out) throws Exception {
    StreamingQuery q =
        df.writeStream()
            .option("checkpointLocation", cp.toString())
            .trigger(Trigger.AvailableNow())
            .foreachBatch(
                (batch, id) -> {
                  for (Row r : batch.collectAsList()) {
                    out.add(id + ":" + r.getString(0));
                  }
                })
            .start();
    q.awaitTermination();
    assertThat(q.exception()).isEmpty();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
