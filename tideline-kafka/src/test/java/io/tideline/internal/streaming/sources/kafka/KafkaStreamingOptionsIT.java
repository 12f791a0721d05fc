package io.tideline.internal.streaming.sources.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.connector.Offset;
import io.tideline.connector.ReadLimit;
import io.tideline.connector.Source;
import io.tideline.connector.SourceContext;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.streaming.ManualClock;
import io.tideline.kafka.EmbeddedKafkaBroker;
import io.tideline.streaming.StreamingQuery;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming source's timestamp and trigger options, driven at the {@code Source} level with a
 * manual clock, against one embedded broker for the class; each test has its own topic.
 */
class KafkaStreamingOptionsIT {
  private static EmbeddedKafkaBroker broker;
  private static KafkaTestRecords records;
  private static Tideline t;

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(1_000_000L);
  private final List<Source> opened = new ArrayList<>();

  @BeforeAll
  static void start() {
    broker = EmbeddedKafkaBroker.start();
    records = new KafkaTestRecords(broker);
    t = Tideline.builder().appName("kafka-streaming-options-it").getOrCreate();
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

  @AfterEach
  void closeSources() {
    opened.forEach(Source::stop);
  }

  private Source source(String topic, String... keyValues) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("kafka.bootstrap.servers", broker.bootstrapServers());
    options.put("subscribe", topic);
    for (int i = 0; i < keyValues.length; i += 2) {
      options.put(keyValues[i], keyValues[i + 1]);
    }
    KafkaSourceProvider provider = new KafkaSourceProvider();
    StructType schema = provider.sourceSchema(t, options, Optional.empty());
    Source s =
        provider.createSource(
            new SourceContext(
                t, options, Optional.empty(), schema, dir.resolve("sources/0"), clock));
    opened.add(s);
    return s;
  }

  /** The values in {@code (start, end]}, as {@code partition/offset=value}. */
  private static List<String> read(Source s, Optional<Offset> start, Offset end) {
    List<Attribute> output = new ArrayList<>();
    for (StructField f : s.schema().fields()) {
      output.add(new Attribute(f.name(), f.dataType(), f.nullable()));
    }
    DataFrame df = DataFrame.ofPlan(t, s.getBatch(start, end, output));
    return df
        .selectExpr("partition", "offset", "CAST(value AS STRING) AS v")
        .collectAsList()
        .stream()
        .map((Row r) -> r.getInt(0) + "/" + r.getLong(1) + "=" + r.getString(2))
        .sorted()
        .toList();
  }

  private static void timestamped(String topic, int partition, long... timestamps) {
    for (long ts : timestamps) {
      records.send(topic, partition, ts, "t" + ts);
    }
  }

  @Test
  void startingTimestamp_startsEachPartitionAtItsFirstRecordAtOrAfterIt() {
    broker.createTopic("s-ts", 2);
    timestamped("s-ts", 0, 1000, 2000, 3000);
    timestamped("s-ts", 1, 500, 2500);
    Source s = source("s-ts", "startingTimestamp", "2000", "startingOffsets", "earliest");

    Offset end = s.latestOffset(Optional.empty(), s.defaultReadLimit()).orElseThrow();

    assertThat(read(s, Optional.empty(), end))
        .containsExactly("0/1=t2000", "0/2=t3000", "1/1=t2500");
  }

  @Test
  void startingOffsetsByTimestamp_usesEachPartitionsOwnTimestamp_andIsKeptForARestart() {
    broker.createTopic("s-ts-each", 2);
    timestamped("s-ts-each", 0, 1000, 2000, 3000);
    timestamped("s-ts-each", 1, 1000, 2000, 3000);
    String json = "{\"s-ts-each\":{\"0\":3000,\"1\":1500}}";
    Source s = source("s-ts-each", "startingOffsetsByTimestamp", json);

    Offset end = s.latestOffset(Optional.empty(), s.defaultReadLimit()).orElseThrow();
    assertThat(read(s, Optional.empty(), end))
        .containsExactly("0/2=t3000", "1/1=t2000", "1/2=t3000");

    s.stop();
    opened.remove(s);
    timestamped("s-ts-each", 0, 500);
    Source restarted = source("s-ts-each", "startingOffsetsByTimestamp", json);
    assertThat(read(restarted, Optional.empty(), end))
        .as("the initial offsets come from the checkpoint, not a new lookup")
        .containsExactly("0/2=t3000", "1/1=t2000", "1/2=t3000");
  }

  @Test
  void timestampNoRecordReaches_failsByDefault_orStartsAtTheEndWithLatest() {
    broker.createTopic("s-ts-none", 1);
    timestamped("s-ts-none", 0, 1000, 2000);

    Source strict = source("s-ts-none", "startingTimestamp", "9000");
    assertThatThrownBy(() -> strict.latestOffset(Optional.empty(), strict.defaultReadLimit()))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("KAFKA_NO_OFFSET_FOR_TIMESTAMP");
              assertThat(e.getMessage()).contains("s-ts-none-0", "9000");
            });

    Source lenient =
        source(
            "s-ts-none",
            "startingTimestamp",
            "9000",
            "startingOffsetsByTimestampStrategy",
            "latest");
    Offset first = lenient.latestOffset(Optional.empty(), lenient.defaultReadLimit()).orElseThrow();
    assertThat(read(lenient, Optional.empty(), first)).isEmpty();
    timestamped("s-ts-none", 0, 3000);
    Offset next =
        lenient.latestOffset(Optional.of(first), lenient.defaultReadLimit()).orElseThrow();
    assertThat(read(lenient, Optional.of(first), next)).containsExactly("0/2=t3000");
  }

  @Test
  void startingOffsetsByTimestamp_missingAPartition_failsNamingBothSets() {
    broker.createTopic("s-ts-partial", 2);
    Source s = source("s-ts-partial", "startingOffsetsByTimestamp", "{\"s-ts-partial\":{\"1\":1}}");
    assertThatThrownBy(() -> s.latestOffset(Optional.empty(), s.defaultReadLimit()))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition())
                  .isEqualTo("KAFKA_TIMESTAMP_OFFSET_DOES_NOT_MATCH_ASSIGNED");
              assertThat(e.getMessage())
                  .contains(
                      "start offsets", "[s-ts-partial-1]", "[s-ts-partial-0, s-ts-partial-1]");
            });
  }

  @Test
  void minOffsetsPerTrigger_holdsBackSmallBatches_untilEnoughWaitOrTheDelayPasses() {
    broker.createTopic("s-min", 2);
    Source s =
        source(
            "s-min",
            "startingOffsets",
            "earliest",
            "minOffsetsPerTrigger",
            "5",
            "maxTriggerDelay",
            "1m");
    ReadLimit limit = s.defaultReadLimit();
    assertThat(limit).isEqualTo(new ReadLimit.MinRows(5, 60_000));
    timestamped("s-min", 0, 1, 2);

    Offset first = s.latestOffset(Optional.empty(), limit).orElseThrow();
    assertThat(read(s, Optional.empty(), first))
        .as("the first trigger after a start always fires")
        .hasSize(2);

    timestamped("s-min", 0, 3, 4);
    timestamped("s-min", 1, 5);
    clock.advance(59_999);
    Offset held = s.latestOffset(Optional.of(first), limit).orElseThrow();
    assertThat(held.json()).as("3 waiting < 5, delay not over: no batch").isEqualTo(first.json());

    timestamped("s-min", 1, 6, 7);
    Offset enough = s.latestOffset(Optional.of(first), limit).orElseThrow();
    assertThat(read(s, Optional.of(first), enough)).as("5 waiting: fires").hasSize(5);

    timestamped("s-min", 0, 8);
    clock.advance(59_999);
    assertThat(s.latestOffset(Optional.of(enough), limit).orElseThrow().json())
        .isEqualTo(enough.json());
    clock.advance(1);
    Offset late = s.latestOffset(Optional.of(enough), limit).orElseThrow();
    assertThat(read(s, Optional.of(enough), late))
        .as("maxTriggerDelay since the last batch: fires with what there is")
        .containsExactly("0/4=t8");
  }

  @Test
  void minAndMaxOffsetsPerTrigger_composeAsSparksCompositeLimit() {
    broker.createTopic("s-minmax", 1);
    Source s =
        source(
            "s-minmax",
            "startingOffsets",
            "earliest",
            "minOffsetsPerTrigger",
            "3",
            "maxOffsetsPerTrigger",
            "4");
    ReadLimit limit = s.defaultReadLimit();
    assertThat(limit)
        .isEqualTo(
            new ReadLimit.Composite(
                List.of(
                    new ReadLimit.MinRows(3, KafkaSourceOptions.DEFAULT_MAX_TRIGGER_DELAY_MS),
                    ReadLimit.maxRows(4))));
    timestamped("s-minmax", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

    Offset first = s.latestOffset(Optional.empty(), limit).orElseThrow();
    assertThat(read(s, Optional.empty(), first)).hasSize(4);
    Offset second = s.latestOffset(Optional.of(first), limit).orElseThrow();
    assertThat(read(s, Optional.of(first), second)).as("6 waiting >= 3, capped at 4").hasSize(4);
    Offset third = s.latestOffset(Optional.of(second), limit).orElseThrow();
    assertThat(third.json()).as("2 waiting < 3: held back").isEqualTo(second.json());
    Offset all = s.latestOffset(Optional.of(second), ReadLimit.allAvailable()).orElseThrow();
    assertThat(read(s, Optional.of(second), all))
        .as("AllAvailable (Trigger.Once) ignores both")
        .hasSize(2);
  }

  @Test
  void minOffsetsPerTrigger_inARunningQuery_runsNoBatchUntilTheDelayPasses() throws Exception {
    broker.createTopic("s-min-query", 1);
    timestamped("s-min-query", 0, 1, 2);
    StreamingQuery q =
        t.readStream()
            .format("kafka")
            .option("kafka.bootstrap.servers", broker.bootstrapServers())
            .option("subscribe", "s-min-query")
            .option("startingOffsets", "earliest")
            .option("minOffsetsPerTrigger", "5")
            .option("maxTriggerDelay", "10s")
            .load()
            .selectExpr("CAST(value AS STRING) AS v")
            .writeStream()
            .format("memory")
            .queryName("min_offsets_query")
            .option("checkpointLocation", dir.resolve("cp").toString())
            .clock(clock)
            .start();
    try {
      q.processAllAvailable();
      assertThat(t.table("min_offsets_query").count()).as("first trigger fires").isEqualTo(2);
      long batches = q.lastProgress().batchId();

      timestamped("s-min-query", 0, 3, 4);
      q.processAllAvailable();
      assertThat(t.table("min_offsets_query").count()).as("2 waiting < 5: held").isEqualTo(2);
      assertThat(q.lastProgress().batchId()).isEqualTo(batches);

      clock.advance(10_000);
      q.processAllAvailable();
      assertThat(t.table("min_offsets_query").count()).as("delay passed: fires").isEqualTo(4);
    } finally {
      q.stop();
    }
  }

  @Test
  void minOffsetsPerTrigger_underAvailableNow_neverHoldsBackTheRest() {
    broker.createTopic("s-min-now", 1);
    timestamped("s-min-now", 0, 1, 2, 3, 4, 5, 6, 7);
    Source s =
        source(
            "s-min-now",
            "startingOffsets",
            "earliest",
            "minOffsetsPerTrigger",
            "5",
            "maxOffsetsPerTrigger",
            "5");
    assertThat(s.prepareForTriggerAvailableNow()).isTrue();
    ReadLimit limit = s.defaultReadLimit();

    Offset first = s.latestOffset(Optional.empty(), limit).orElseThrow();
    assertThat(read(s, Optional.empty(), first)).hasSize(5);
    Offset rest = s.latestOffset(Optional.of(first), limit).orElseThrow();
    assertThat(read(s, Optional.of(first), rest))
        .as("2 left < 5, but AvailableNow must read everything it fixed")
        .hasSize(2);
  }

  @Test
  void minPartitions_splitsAStreamBatchIntoParallelTasks_readingEachRecordOnce() {
    broker.createTopic("s-split", 1);
    timestamped("s-split", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    Source s = source("s-split", "startingOffsets", "earliest", "minPartitions", "3");
    Offset end = s.latestOffset(Optional.empty(), s.defaultReadLimit()).orElseThrow();
    List<Attribute> output = new ArrayList<>();
    for (StructField f : s.schema().fields()) {
      output.add(new Attribute(f.name(), f.dataType(), f.nullable()));
    }

    DataFrame batch = DataFrame.ofPlan(t, s.getBatch(Optional.empty(), end, output));

    assertThat(batch.explainString(false)).contains("KafkaV2[Subscribe[s-split]]", "3 partitions");
    assertThat(read(s, Optional.empty(), end)).hasSize(9).doesNotHaveDuplicates();
  }
}
