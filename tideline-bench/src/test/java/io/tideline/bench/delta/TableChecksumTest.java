package io.tideline.bench.delta;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableChecksumTest {
  private static TableChecksum reading(long rows, double sum, long nullCustomers, String maxTs) {
    return new TableChecksum(
        rows,
        800,
        sum,
        0,
        nullCustomers,
        0,
        0,
        0,
        0,
        "2024-01-15T00:00:00Z",
        "2024-01-15T00:04:10Z",
        "2026-11-26T04:00:00.001Z",
        maxTs);
  }

  @Test
  void problems_matchingTheGenerator_isEmpty_elseNamesEachField() {
    TableChecksum good = reading(1000, 250_000.5, 0, "2026-11-26T04:00:01Z");
    assertThat(good.problems(1000, 800)).isEmpty();

    assertThat(reading(999, 1, 3, null).problems(1000, 801))
        .containsExactly(
            "rows 999 where 1000 was expected",
            "rows with amount > 100 800 where 801 was expected",
            "null customer_id 3 where 0 was expected");
  }

  @Test
  void differences_sumWithinOneInABillion_agrees_butATimestampOrCountDoesNot() {
    TableChecksum a = reading(1000, 250_000.5, 0, "2026-11-26T04:00:01Z");

    assertThat(a.differences(reading(1000, 250_000.5 + 1e-6, 0, "2026-11-26T04:00:01Z"))).isEmpty();
    assertThat(a.differences(reading(1000, 250_001.5, 0, "2026-11-26T04:00:01Z")))
        .singleElement()
        .asString()
        .startsWith("sum(amount) 250000.5 where the other reading has 250001.5");
    assertThat(a.differences(reading(1001, 250_000.5, 0, "2026-11-26T04:00:02Z")))
        .containsExactly(
            "rows 1000 where 1001 was expected",
            "max(kafka_timestamp) 2026-11-26T04:00:01Z where 2026-11-26T04:00:02Z was expected");
  }
}
