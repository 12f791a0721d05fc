package io.tideline.testkit.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.connector.Offset;
import io.tideline.connector.ReadLimit;
import io.tideline.connector.Source;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every streaming {@link Source} keeps, as tests: extend it with a factory for the
 * source under test and a way to give it new data, and JUnit runs every check against it.
 *
 * <p>What is checked: {@code latestOffset} never moves back and stays put without new data; {@code
 * getBatch(start, end)} replayed on a new instance on the same metadata path returns the same rows;
 * consecutive batches partition the data, with no gap and no overlap (also under the source's rate
 * limit, if it has one); {@code deserializeOffset(json())} round-trips; after {@code commit} the
 * source continues with only new data; batch rows have the source's schema.
 *
 * <p>Implementations add data in rounds ({@link #addData(int)}); every row a round adds must differ
 * from every row added before, so that overlap between batches shows as duplicates.
 */
public abstract class SourceContractSuite {

  /** A folder for the test: the source's metadata path and anything else it needs. */
  @TempDir protected Path tempDir;

  /** The session the source reads with. */
  protected abstract Tideline session();

  /** A new source instance whose own log lives at {@code metadataPath}. */
  protected abstract Source createSource(Path metadataPath);

  /**
   * Makes new data available to every source instance of this test, distinct from all earlier rows.
   *
   * @param round 0 for the first call of a test, then 1, 2, ...
   * @return how many rows were added
   */
  protected abstract int addData(int round);

  /**
   * A read limit small enough that one round of data takes more than one batch (e.g. {@code
   * maxFiles(1)} with rounds of two files), or empty when the source has none.
   */
  protected Optional<ReadLimit> smallLimit() {
    return Optional.empty();
  }

  private Path metadataPath() {
    return tempDir.resolve("sources").resolve("0");
  }

  private int round;

  private int nextRound() {
    return addData(round++);
  }

  /** The rows of {@code (start, end]} read from {@code source}. */
  protected List<Row> read(Source source, Optional<Offset> start, Offset end) {
    LogicalPlan plan = source.getBatch(start, end, attributes(source.schema()));
    assertThat(plan.isStreaming()).as("getBatch returns a batch plan").isFalse();
    return DataFrame.ofPlan(session(), plan).collectAsList();
  }

  private static List<Attribute> attributes(StructType schema) {
    List<Attribute> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      out.add(new Attribute(f.name(), f.dataType(), f.nullable()));
    }
    return out;
  }

  @Test
  void latestOffset_isStableWithoutNewData_andNeverMovesBack() {
    Source source = createSource(metadataPath());
    try {
      int added = nextRound();
      Offset first = source.latestOffset(Optional.empty(), ReadLimit.allAvailable()).orElseThrow();
      assertThat(read(source, Optional.empty(), first)).hasSize(added);

      Optional<Offset> again = source.latestOffset(Optional.of(first), ReadLimit.allAvailable());
      assertThat(again.map(Offset::json)).as("no new data: same end").contains(first.json());

      int more = nextRound();
      Offset second =
          source.latestOffset(Optional.of(first), ReadLimit.allAvailable()).orElseThrow();
      assertThat(second.json()).isNotEqualTo(first.json());
      assertThat(read(source, Optional.of(first), second)).hasSize(more);
      Optional<Offset> third = source.latestOffset(Optional.of(second), ReadLimit.allAvailable());
      assertThat(third.map(Offset::json)).as("never behind its start").contains(second.json());
    } finally {
      source.stop();
    }
  }

  @Test
  void getBatch_replayedOnNewInstanceOnSameMetadataPath_returnsSameRows() {
    Source source = createSource(metadataPath());
    Offset first;
    Offset second;
    List<Row> firstRows;
    List<Row> secondRows;
    try {
      nextRound();
      first = source.latestOffset(Optional.empty(), ReadLimit.allAvailable()).orElseThrow();
      firstRows = read(source, Optional.empty(), first);
      nextRound();
      second = source.latestOffset(Optional.of(first), ReadLimit.allAvailable()).orElseThrow();
      secondRows = read(source, Optional.of(first), second);
    } finally {
      source.stop();
    }
    Source restarted = createSource(metadataPath());
    try {
      Offset firstAgain = restarted.deserializeOffset(first.json());
      Offset secondAgain = restarted.deserializeOffset(second.json());
      assertThat(read(restarted, Optional.of(firstAgain), secondAgain))
          .as("(first, second] replayed")
          .containsExactlyInAnyOrderElementsOf(secondRows);
      assertThat(read(restarted, Optional.empty(), firstAgain))
          .as("(start, first] replayed")
          .containsExactlyInAnyOrderElementsOf(firstRows);
    } finally {
      restarted.stop();
    }
  }

  @Test
  void consecutiveBatches_partitionTheData_withoutGapOrOverlap() {
    Source source = createSource(metadataPath());
    try {
      Optional<Offset> start = Optional.empty();
      List<Row> seen = new ArrayList<>();
      int added = 0;
      for (int i = 0; i < 3; i++) {
        added += nextRound();
        Offset end = source.latestOffset(start, ReadLimit.allAvailable()).orElseThrow();
        seen.addAll(read(source, start, end));
        start = Optional.of(end);
      }
      assertThat(Rows.duplicates(seen)).as("rows in two batches").isEmpty();
      assertThat(seen).as("every row once").hasSize(added);
      assertThat(read(source, Optional.empty(), start.orElseThrow()))
          .as("one batch over the same range")
          .containsExactlyInAnyOrderElementsOf(seen);
    } finally {
      source.stop();
    }
  }

  @Test
  void limitedBatches_partitionTheData_withoutGapOrOverlap() {
    Optional<ReadLimit> limit = smallLimit();
    Assumptions.assumeTrue(limit.isPresent(), "the source has no rate limit");
    Source source = createSource(metadataPath());
    try {
      int added = nextRound() + nextRound();
      Optional<Offset> start = Optional.empty();
      List<Row> seen = new ArrayList<>();
      int batches = 0;
      while (batches < 100) {
        Optional<Offset> end = source.latestOffset(start, limit.get());
        if (end.isEmpty() || start.isPresent() && end.get().json().equals(start.get().json())) {
          break;
        }
        seen.addAll(read(source, start, end.get()));
        start = end;
        batches++;
      }
      assertThat(batches).as("batches under the limit").isGreaterThan(1);
      assertThat(Rows.duplicates(seen)).as("rows in two batches").isEmpty();
      assertThat(seen).as("every row once").hasSize(added);
    } finally {
      source.stop();
    }
  }

  @Test
  void deserializeOffset_roundTripsJson() {
    Source source = createSource(metadataPath());
    try {
      nextRound();
      Offset end = source.latestOffset(Optional.empty(), ReadLimit.allAvailable()).orElseThrow();
      Offset back = source.deserializeOffset(end.json());
      assertThat(back.json()).isEqualTo(end.json());
      assertThat(read(source, Optional.empty(), back))
          .containsExactlyInAnyOrderElementsOf(read(source, Optional.empty(), end));
    } finally {
      source.stop();
    }
  }

  @Test
  void commit_thenContinue_servesOnlyNewData() {
    Source source = createSource(metadataPath());
    try {
      nextRound();
      Offset first = source.latestOffset(Optional.empty(), ReadLimit.allAvailable()).orElseThrow();
      List<Row> firstRows = read(source, Optional.empty(), first);
      source.commit(first);
      int more = nextRound();
      Offset second =
          source.latestOffset(Optional.of(first), ReadLimit.allAvailable()).orElseThrow();
      List<Row> secondRows = read(source, Optional.of(first), second);
      assertThat(secondRows).hasSize(more).doesNotContainAnyElementsOf(firstRows);
      source.commit(second);
    } finally {
      source.stop();
    }
  }

  @Test
  void batchRows_haveTheSourceSchema() {
    Source source = createSource(metadataPath());
    try {
      nextRound();
      Offset end = source.latestOffset(Optional.empty(), ReadLimit.allAvailable()).orElseThrow();
      LogicalPlan plan = source.getBatch(Optional.empty(), end, attributes(source.schema()));
      StructType schema = DataFrame.ofPlan(session(), plan).schema();
      assertThat(schema.fieldNames()).containsExactly(source.schema().fieldNames());
      assertThat(source.description()).isNotBlank();
    } finally {
      source.stop();
    }
  }
}
