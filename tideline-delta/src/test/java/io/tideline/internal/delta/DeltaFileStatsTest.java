package io.tideline.internal.delta;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.statistics.DataFileStatistics;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.plan.LocalRelation;
import io.tideline.internal.vector.Timestamps;
import io.tideline.types.StructType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statistics Tideline's Delta writer records in each {@code add}: Delta's JSON layout, values
 * Kernel parses back, bounds that hold for every row of the file (timestamps truncated to
 * milliseconds and long strings cut to a prefix as delta-spark does), and the candidate test of
 * update mode reading them.
 */
class DeltaFileStatsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StructType SCHEMA =
      StructType.fromDDL(
          "id BIGINT, i INT, s STRING, d DOUBLE, dec DECIMAL(10,2), dt DATE, ts TIMESTAMP,"
              + " b BOOLEAN, w STRUCT<start: TIMESTAMP, end: TIMESTAMP>");
  private static final String LONG = "zz" + "y".repeat(38);
  private static final Instant TS_MIN = Instant.parse("2026-11-26T10:00:00.123456Z");
  private static final Instant TS_MAX = Instant.parse("2026-11-26T11:00:00.999999Z");
  private static final Instant W0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final Instant W1 = Instant.parse("2026-11-26T10:05:00Z");
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void open() {
    t = Tideline.builder().appName("delta-stats").getOrCreate();
  }

  @AfterAll
  static void close() {
    t.close();
  }

  private Path write() {
    Path table = dir.resolve("t");
    t.createDataFrame(
            List.of(
                Row.of(
                    3L,
                    7,
                    "apple",
                    1.5,
                    new BigDecimal("10.50"),
                    LocalDate.of(2026, 1, 2),
                    TS_MAX,
                    true,
                    Row.of(W1, W1.plusSeconds(300))),
                Row.of(
                    -4L,
                    null,
                    LONG,
                    -2.0,
                    new BigDecimal("1.25"),
                    LocalDate.of(2025, 12, 31),
                    TS_MIN,
                    null,
                    Row.of(W0, W0.plusSeconds(300))),
                Row.of(10L, 2, null, null, null, null, null, false, null)),
            SCHEMA)
        .write()
        .format("delta")
        .save(table.toString());
    return table;
  }

  private static JsonNode statsOfTheOnlyFile(Path table) throws Exception {
    List<JsonNode> adds = DeltaLogReader.actions(table, 1, "add");
    assertThat(adds).hasSize(1);
    return JSON.readTree(adds.get(0).get("stats").asText());
  }

  @Test
  void stats_areDeltasJson_withNestedStructFields_truncatedTimestampsAndStrings() throws Exception {
    JsonNode stats = statsOfTheOnlyFile(write());

    assertThat(stats.get("numRecords").asLong()).isEqualTo(3);
    JsonNode min = stats.get("minValues");
    JsonNode max = stats.get("maxValues");
    JsonNode nulls = stats.get("nullCount");
    assertThat(min.get("id").asLong()).isEqualTo(-4);
    assertThat(max.get("id").asLong()).isEqualTo(10);
    assertThat(min.get("i").asInt()).isEqualTo(2);
    assertThat(nulls.get("i").asLong()).isEqualTo(1);
    assertThat(min.get("s").asText()).isEqualTo("apple");
    // Longer than 32 characters: the prefix, then the tie-breaker, above every value.
    assertThat(max.get("s").asText()).isEqualTo(LONG.substring(0, 32) + "\uFFFD");
    assertThat(min.get("d").asDouble()).isEqualTo(-2.0);
    assertThat(max.get("d").asDouble()).isEqualTo(1.5);
    assertThat(min.get("dec").decimalValue()).isEqualByComparingTo("1.25");
    assertThat(max.get("dec").decimalValue()).isEqualByComparingTo("10.50");
    assertThat(min.get("dt").asText()).isEqualTo("2025-12-31");
    assertThat(max.get("dt").asText()).isEqualTo("2026-01-02");
    assertThat(min.get("ts").asText()).isEqualTo("2026-11-26T10:00:00.123Z");
    assertThat(max.get("ts").asText()).isEqualTo("2026-11-26T11:00:00.999Z");
    // Booleans get a null count only, as delta-spark.
    assertThat(min.has("b")).isFalse();
    assertThat(nulls.get("b").asLong()).isEqualTo(1);
    assertThat(min.get("w").get("start").asText()).isEqualTo("2026-11-26T10:00:00.000Z");
    assertThat(max.get("w").get("end").asText()).isEqualTo("2026-11-26T10:10:00.000Z");
    assertThat(nulls.get("w").get("start").asLong()).isEqualTo(1);
    for (String c : List.of("s", "d", "dec", "dt", "ts")) {
      assertThat(nulls.get(c).asLong()).as(c).isEqualTo(1);
    }
    assertThat(nulls.get("id").asLong()).isZero();
  }

  @Test
  void stats_parseWithKernel_andBoundEveryRowOfTheFile() throws Exception {
    Path table = write();
    DeltaTable delta = DeltaTable.at(table.toString());
    String json = DeltaLogReader.actions(table, 1, "add").get(0).get("stats").asText();

    DataFileStatistics stats =
        DataFileStatistics.deserializeFromJson(json, delta.latestOrFail().getSchema()).get();

    assertThat(stats.getNumRecords()).isEqualTo(3);
    assertThat(stats.getMinValues().get(new Column("id")).getValue()).isEqualTo(-4L);
    assertThat(stats.getMaxValues().get(new Column("id")).getValue()).isEqualTo(10L);
    assertThat(stats.getNullCount().get(new Column("s"))).isEqualTo(1L);
    assertThat(stats.getMinValues().get(new Column(new String[] {"w", "start"})).getValue())
        .isEqualTo(Timestamps.fromInstant(W0));
    long tsMin = (Long) stats.getMinValues().get(new Column("ts")).getValue();
    long tsMax = (Long) stats.getMaxValues().get(new Column("ts")).getValue();
    // Every row of the file lies within the bounds, the maximum read as delta-spark reads it.
    for (Row r : t.read().format("delta").load(table.toString()).collectAsList()) {
      if (r.get(6) != null) {
        long ts = Timestamps.fromInstant((Instant) r.get(6));
        assertThat(ts).isBetween(tsMin, tsMax + 999);
      }
    }
    assertThat(tsMin).isEqualTo(Timestamps.fromInstant(TS_MIN) - 456);
  }

  @Test
  void candidates_holdKeysWithinTruncatedBounds_andNotKeysOutside() throws Exception {
    Path table = write();
    DeltaTable delta = DeltaTable.at(table.toString());
    String json = DeltaLogReader.actions(table, 1, "add").get(0).get("stats").asText();
    Optional<DataFileStatistics> stats =
        DataFileStatistics.deserializeFromJson(json, delta.latestOrFail().getSchema());
    StructType keySchema = StructType.fromDDL("ts TIMESTAMP, s STRING");

    assertThat(mayHold(stats, keySchema, Row.of(TS_MAX, LONG))).isTrue();
    assertThat(mayHold(stats, keySchema, Row.of(TS_MAX, null))).isTrue();
    assertThat(mayHold(stats, keySchema, Row.of(TS_MAX.plusNanos(1000), "apple"))).isFalse();
    assertThat(mayHold(stats, keySchema, Row.of(TS_MIN, "aardvark"))).isFalse();
    assertThat(mayHold(Optional.empty(), keySchema, Row.of(TS_MIN, "aardvark"))).isTrue();
  }

  @Test
  void truncation_keepsBoundsAboveAndBelowEveryStringWithThePrefix() {
    String prefix = "p".repeat(32);
    assertThat(DeltaFileStats.truncateMin(prefix + "zzz")).isEqualTo(prefix);
    assertThat(DeltaFileStats.truncateMax(prefix + "zzz")).isEqualTo(prefix + "\uFFFD");
    assertThat(DeltaFileStats.truncateMax(prefix)).isEqualTo(prefix);
    // Characters not below the tie-breaker (here one above U+FFFF) stay, so the bound stays above.
    String high = new String(Character.toChars(0x1F600));
    assertThat(DeltaFileStats.truncateMax(prefix + high + "a")).isEqualTo(prefix + high + "\uFFFD");
    assertThat(DeltaFileStats.truncateMax(prefix + high)).isEqualTo(prefix + high);
    // Counted in characters, not UTF-16 units: a surrogate pair is never cut.
    String pairs = high.repeat(33);
    assertThat(DeltaFileStats.truncateMin(pairs)).isEqualTo(high.repeat(32));
  }

  @Test
  void nan_leavesAFloatingColumnWithoutBounds_butWithItsNullCount() throws Exception {
    Path table = dir.resolve("nan");
    t.createDataFrame(
            List.of(Row.of(1.0), Row.of(Double.NaN), Row.of((Object) null)),
            StructType.fromDDL("d DOUBLE"))
        .write()
        .format("delta")
        .save(table.toString());
    JsonNode stats = statsOfTheOnlyFile(table);
    assertThat(stats.get("minValues").has("d")).isFalse();
    assertThat(stats.get("maxValues").has("d")).isFalse();
    assertThat(stats.get("nullCount").get("d").asLong()).isEqualTo(1);
  }

  private static boolean mayHold(
      Optional<DataFileStatistics> stats, StructType keySchema, Row key) {
    DataFrame changed = DeltaUpdateMerge.materialize(t.createDataFrame(List.of(key), keySchema));
    DeltaChangedKeys keys =
        DeltaChangedKeys.of(
            (LocalRelation) changed.logicalPlan(), Arrays.asList(keySchema.fieldNames()), SCHEMA);
    return DeltaRewriteCandidates.mayHold(stats, keys);
  }
}
