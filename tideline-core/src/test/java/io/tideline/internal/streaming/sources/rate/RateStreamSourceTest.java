package io.tideline.internal.streaming.sources.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.connector.LongOffset;
import io.tideline.connector.Offset;
import io.tideline.connector.ReadLimit;
import io.tideline.connector.Source;
import io.tideline.connector.SourceContext;
import io.tideline.connector.SourceProvider;
import io.tideline.internal.api.RowConversions;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.exec.QueryExecution;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.streaming.ManualClock;
import io.tideline.internal.streaming.source.SourceProviders;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rate source driven through the source SPI, against Spark's rate-source facts. */
class RateStreamSourceTest {

  private static final long T0 = 1_700_000_000_000L;

  private static Tideline t;

  @TempDir Path checkpoint;

  private final ManualClock clock = new ManualClock(T0);

  @BeforeAll
  static void start() {
    t =
        Tideline.builder()
            .appName("rate-source-test")
            .config("tideline.default.parallelism", "2")
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private Source source(Map<String, String> options) {
    return source(options, clock);
  }

  private Source source(Map<String, String> options, ManualClock onClock) {
    SourceProvider provider = SourceProviders.forFormat("rate");
    StructType schema = provider.sourceSchema(t, options, Optional.empty());
    return provider.createSource(
        new SourceContext(
            t, options, Optional.empty(), schema, checkpoint.resolve("sources/0"), onClock));
  }

  private static List<Attribute> output() {
    List<Attribute> out = new ArrayList<>();
    for (StructField f : RateStreamProvider.SCHEMA.fields()) {
      out.add(new Attribute(f.name(), f.dataType(), f.nullable()));
    }
    return out;
  }

  private static List<Row> rows(Source source, long start, long end) {
    Optional<Offset> from = start == 0 ? Optional.empty() : Optional.of(new LongOffset(start));
    LogicalPlan plan = source.getBatch(from, new LongOffset(end), output());
    List<Batch> batches = new QueryExecution(plan, t.conf(), t.pool()).collect();
    List<Row> rows = new ArrayList<>(RowConversions.toRows(batches, RateStreamProvider.SCHEMA));
    rows.sort((a, b) -> Long.compare(a.getLong(1), b.getLong(1)));
    return rows;
  }

  /** (milliseconds after the source's start, value) of each row. */
  private static List<List<Long>> msAndValues(List<Row> rows) {
    List<List<Long>> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(List.of(r.getInstant(0).toEpochMilli() - T0, r.getLong(1)));
    }
    return out;
  }

  private static List<List<Long>> expected(
      long fromValue, long toValue, long firstMs, double step) {
    List<List<Long>> out = new ArrayList<>();
    for (long v = fromValue; v < toValue; v++) {
      out.add(List.of(firstMs + Math.round((v - fromValue) * step), v));
    }
    return out;
  }

  @Test
  void latestOffset_noOffsetUntilAWholeSecondHasPassed_thenElapsedSeconds() {
    Source rate = source(Map.of());
    assertThat(rate.latestOffset(Optional.empty(), ReadLimit.allAvailable())).isEmpty();
    clock.advance(999);
    assertThat(rate.latestOffset(Optional.empty(), ReadLimit.allAvailable())).isEmpty();
    clock.advance(1);
    assertThat(rate.latestOffset(Optional.empty(), ReadLimit.allAvailable()))
        .contains(new LongOffset(1));
    clock.advance(2_500);
    assertThat(rate.latestOffset(Optional.of(new LongOffset(1)), ReadLimit.maxRows(1)))
        .as("the rate source ignores read limits, as Spark's")
        .contains(new LongOffset(3));
    assertThat(rate.reportLatestOffset()).contains(new LongOffset(3));
  }

  @Test
  void getBatch_firstSecondAt10RowsPerSecond_givesValues0To9Every100Ms() {
    Source rate = source(Map.of("rowsPerSecond", "10"));
    clock.advance(1_000);
    Offset end = rate.latestOffset(Optional.empty(), ReadLimit.allAvailable()).orElseThrow();
    assertThat(msAndValues(rows(rate, 0, ((LongOffset) end).value())))
        .isEqualTo(expected(0, 10, 0, 100.0));
  }

  @Test
  void getBatch_1500RowsPerSecond_spreadsTimestampsAsSparkRoundsThem() {
    Source rate = source(Map.of("rowsPerSecond", "1500"));
    assertThat(msAndValues(rows(rate, 0, 1))).isEqualTo(expected(0, 1500, 0, 1000.0 / 1500));
  }

  @Test
  void getBatch_severalSeconds_coversThemAllInOneRange() {
    Source rate = source(Map.of("rowsPerSecond", "3"));
    // Seconds (2, 5]: values 6..14, 9 values over 3000 ms, starting at second 2.
    assertThat(msAndValues(rows(rate, 2, 5))).isEqualTo(expected(6, 15, 2_000, 3000.0 / 9));
  }

  @Test
  void rampUp_4Seconds_growsTheSpeedLinearlyAsSpark() {
    Source rate = source(Map.of("rowsPerSecond", "10", "rampUpTime", "4s"));
    assertThat(msAndValues(rows(rate, 0, 1))).isEqualTo(expected(0, 2, 0, 500));
    assertThat(msAndValues(rows(rate, 1, 2))).isEqualTo(expected(2, 6, 1_000, 250));
    assertThat(msAndValues(rows(rate, 2, 3)))
        .containsExactly(
            List.of(2000L, 6L),
            List.of(2167L, 7L),
            List.of(2333L, 8L),
            List.of(2500L, 9L),
            List.of(2667L, 10L),
            List.of(2833L, 11L));
    assertThat(msAndValues(rows(rate, 3, 4))).isEqualTo(expected(12, 20, 3_000, 125));
    assertThat(msAndValues(rows(rate, 4, 5))).isEqualTo(expected(20, 30, 4_000, 100));
    assertThat(msAndValues(rows(rate, 6, 7))).isEqualTo(expected(40, 50, 6_000, 100));
  }

  @Test
  void valueAtSecond_matchesSparksTable() {
    RateOptions noRamp = RateOptions.parse(Map.of("rowsPerSecond", "5"), 1);
    assertThat(noRamp.valueAtSecond(0)).isZero();
    assertThat(noRamp.valueAtSecond(1)).isEqualTo(5);
    RateOptions ramp2 = RateOptions.parse(Map.of("rowsPerSecond", "5", "rampUpTime", "2"), 1);
    assertThat(LongStream.rangeClosed(0, 3).map(ramp2::valueAtSecond).toArray())
        .containsExactly(0, 1, 3, 8);
    RateOptions ramp4 = RateOptions.parse(Map.of("rowsPerSecond", "10", "rampUpTime", "4s"), 1);
    assertThat(LongStream.rangeClosed(0, 6).map(ramp4::valueAtSecond).toArray())
        .containsExactly(0, 2, 6, 12, 20, 30, 40);
    // A ramp-up longer than the rate allows rows per second of speed gain generates nothing
    // until it is over (integer division, as in Spark).
    RateOptions slow = RateOptions.parse(Map.of("rowsPerSecond", "1", "rampUpTime", "3"), 1);
    assertThat(LongStream.rangeClosed(0, 5).map(slow::valueAtSecond).toArray())
        .containsExactly(0, 0, 0, 0, 1, 2);
  }

  @Test
  void rampUpTime_finerUnitsAreTruncatedToWholeSeconds() {
    assertThat(RateOptions.parse(Map.of("rampUpTime", "1500ms"), 1).rampUpTimeSeconds())
        .isEqualTo(1);
    assertThat(RateOptions.parse(Map.of("rampUpTime", "2m"), 1).rampUpTimeSeconds()).isEqualTo(120);
    assertThat(RateOptions.parse(Map.of("RAMPUPTIME", "7"), 1).rampUpTimeSeconds()).isEqualTo(7);
  }

  @Test
  void partitions_eachHoldsEveryNthValueAsSpark() {
    RateOptions options =
        RateOptions.parse(Map.of("rowsPerSecond", "33", "numPartitions", "11"), 2);
    List<Batch> batches = RateBatches.generate(options, T0, 0, 1, 1024);
    assertThat(batches).hasSize(11);
    for (int p = 0; p < 11; p++) {
      LongVector values = (LongVector) batches.get(p).column(1);
      assertThat(batches.get(p).size()).isEqualTo(3);
      assertThat(new long[] {values.get(0), values.get(1), values.get(2)})
          .containsExactly(p, p + 11, p + 22);
    }
  }

  @Test
  void partitions_largePartitionsAreCutAtTheBatchSize_andStillHoldEveryValueOnce() {
    RateOptions options =
        RateOptions.parse(Map.of("rowsPerSecond", "1000", "numPartitions", "3"), 2);
    List<Batch> batches = RateBatches.generate(options, T0, 0, 2, 100);
    List<Long> values = new ArrayList<>();
    for (Batch b : batches) {
      assertThat(b.size()).isLessThanOrEqualTo(100);
      LongVector v = (LongVector) b.column(1);
      for (int i = 0; i < b.size(); i++) {
        values.add(v.get(i));
      }
    }
    assertThat(values).hasSize(2000).doesNotHaveDuplicates();
    assertThat(values.stream().mapToLong(Long::longValue).max()).hasValue(1999);
  }

  @Test
  void numPartitions_defaultsToTheSessionsParallelism() {
    assertThat(RateOptions.parse(Map.of(), 2).numPartitions()).isEqualTo(2);
    assertThat(source(Map.of()).description())
        .isEqualTo("RateStreamV2[rowsPerSecond=1, rampUpTimeSeconds=0, numPartitions=default");
    assertThat(source(Map.of("numPartitions", "6")).description())
        .isEqualTo("RateStreamV2[rowsPerSecond=1, rampUpTimeSeconds=0, numPartitions=6");
  }

  @Test
  void restart_keepsTheStartTime_andReplaysTheSameRowsForTheSameOffsets() throws Exception {
    Source first = source(Map.of("rowsPerSecond", "7", "numPartitions", "3"));
    clock.advance(3_400);
    Offset end = first.latestOffset(Optional.empty(), ReadLimit.allAvailable()).orElseThrow();
    List<Row> before = rows(first, 0, ((LongOffset) end).value());
    assertThat(Files.readString(checkpoint.resolve("sources/0/0"))).isEqualTo("v1\n" + T0);

    ManualClock later = new ManualClock(T0 + 60_000);
    Source restarted = source(Map.of("rowsPerSecond", "7", "numPartitions", "3"), later);
    Offset reread = restarted.deserializeOffset(end.json());
    assertThat(rows(restarted, 0, ((LongOffset) reread).value())).isEqualTo(before);
    assertThat(restarted.latestOffset(Optional.of(reread), ReadLimit.allAvailable()))
        .as("the restarted source counts from the recorded start time")
        .contains(new LongOffset(60));
  }

  @Test
  void restart_onAClockBehindTheRecordedOffsets_neverGoesBackwards() {
    source(Map.of());
    Source restarted = source(Map.of(), new ManualClock(T0 - 5_000));
    assertThat(restarted.latestOffset(Optional.of(new LongOffset(4)), ReadLimit.allAvailable()))
        .contains(new LongOffset(4));
  }

  @Test
  void options_badValues_areRefusedAtLoadWithSparksMeaning() {
    assertOptionError("rowsPerSecond", "-1", "positive");
    assertOptionError("rowsPerSecond", "0", "positive");
    assertOptionError("rowsPerSecond", "ten", "a positive whole number");
    assertOptionError("numPartitions", "-1", "positive");
    assertOptionError("numPartitions", "0", "positive");
    assertOptionError("rampUpTime", "-1", "not negative");
    assertOptionError(
        "rampUpTime",
        "5 parsecs",
        "a time: a whole number with an optional unit us, ms, s, m, min, h or d");
  }

  private static void assertOptionError(String option, String value, String requirement) {
    assertThatThrownBy(() -> t.readStream().format("rate").option(option, value).load())
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("INVALID_RATE_SOURCE_OPTION");
              assertThat(e.parameters())
                  .containsEntry("option", option)
                  .containsEntry("value", value)
                  .containsEntry("requirement", requirement);
              assertThat(e.getMessage()).contains("Invalid value '" + value + "'", option);
            });
  }

  @Test
  void userSchema_isRefusedAsSparkRefusesIt() {
    assertThatThrownBy(() -> t.readStream().format("rate").schema("value BIGINT").load())
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("RATE_SOURCE_USER_SCHEMA_UNSUPPORTED"))
        .hasMessageContaining("RateStreamProvider source does not support user-specified schema");
  }

  @Test
  void rampUpBeyondTheLastRepresentableSecond_isRefusedAtLoad() {
    assertThatThrownBy(
            () ->
                t.readStream()
                    .format("rate")
                    .option("rowsPerSecond", Long.MAX_VALUE)
                    .option("rampUpTime", "2s")
                    .load())
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("INCORRECT_RAMP_UP_RATE");
              assertThat(e.parameters())
                  .containsEntry("rowsPerSecond", Long.toString(Long.MAX_VALUE))
                  .containsEntry("maxSeconds", "1")
                  .containsEntry("rampUpTimeSeconds", "2");
            });
  }

  @Test
  void getBatch_pastTheLastRepresentableSecond_failsWithIncorrectEndOffset() {
    Source rate = source(Map.of("rowsPerSecond", Long.toString(Long.MAX_VALUE)));
    assertThatThrownBy(
            () -> rate.getBatch(Optional.of(new LongOffset(1)), new LongOffset(2), output()))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("INCORRECT_END_OFFSET");
              assertThat(e.parameters())
                  .containsEntry("maxSeconds", "1")
                  .containsEntry("endSeconds", "2");
            });
  }

  @Test
  void load_givesAStreamingDataFrameWithTheFixedSchema() {
    DataFrame df = t.readStream().format("rate").option("rowsPerSecond", 5).load();
    assertThat(df.isStreaming()).isTrue();
    assertThat(df.schema()).isEqualTo(RateStreamProvider.SCHEMA);
  }

  @Test
  void timestamps_areMicrosecondsOfTheStartTimePlusTheSpread() {
    Source rate = source(Map.of("rowsPerSecond", "4"));
    List<Row> rows = rows(rate, 1, 2);
    assertThat(rows.get(0).getInstant(0)).isEqualTo(Instant.ofEpochMilli(T0 + 1_000));
    assertThat(rows.get(3).getInstant(0)).isEqualTo(Instant.ofEpochMilli(T0 + 1_750));
  }
}
