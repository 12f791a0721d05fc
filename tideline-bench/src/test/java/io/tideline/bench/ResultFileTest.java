package io.tideline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFileTest {
  @TempDir Path tmp;

  @Test
  void write_namesFileByUtcTime_andKeepsEveryRunWithUnknownsAsNull() throws IOException {
    List<ProductTotals> rows = List.of(new ProductTotals("phone", 1, 1));
    EngineMeasurement spark =
        new EngineMeasurement(
            "spark", "4.2.0", 2_000_000, List.of(2.0, 1.0), List.of(3.0, 2.5), Double.NaN, rows);
    OrdersDataset data = new OrdersDataset(tmp, 2_000_000, 8, 248_800_000, rows);

    Path file =
        ResultFile.write(
            tmp.resolve("results"), Instant.parse("2026-11-25T21:01:02Z"), data, List.of(spark));

    assertThat(file.getFileName().toString()).isEqualTo("json-orders-20261125-210102.json");
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.get("records").asLong()).isEqualTo(2_000_000);
    JsonNode e = json.get("engines").get(0);
    assertThat(e.get("runSeconds").toString()).isEqualTo("[2.0,1.0]");
    assertThat(e.get("bestRecordsPerSecond").asDouble()).isEqualTo(2_000_000.0);
    assertThat(e.get("cpuSecondsPerMillionRecords").asDouble()).isEqualTo(1.25);
    assertThat(e.get("sessionStartSeconds").isNull()).isTrue();
  }
}
