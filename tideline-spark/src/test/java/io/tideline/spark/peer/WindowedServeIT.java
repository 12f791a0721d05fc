package io.tideline.spark.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The windowed-aggregation commands in Spark itself, on a handful of bids whose answers are worked
 * out by hand below; only with {@code -Pspark-it}.
 */
class WindowedServeIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void windowedCommands_giveTheHandWorkedChecksums() throws IOException {
    Path bids = Files.createDirectories(tmp.resolve("bids"));
    write(bids.resolve("bids-0.json"), 1, bid(1, 5, 1) + bid(2, 7, 2) + bid(1, 9, 3));
    write(bids.resolve("bids-1.json"), 2, bid(1, 4, 4) + bid(3, 1, 12));
    Path extraJson = Files.createDirectories(tmp.resolve("extra-json"));
    write(extraJson.resolve("extra.json"), 3, bid(2, 3, 5));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    try (PeerSession session = PeerSession.start("it", Map.of())) {
      Path build = parquet(session.spark(), bids.resolve("bids-0.json"), tmp.resolve("build"));
      Path extra = parquet(session.spark(), extraJson, tmp.resolve("extra"));
      String commands =
          String.join(
              "\n",
              "{\"command\":\"windowed\",\"input\":\"bids\",\"format\":\"json\","
                  + "\"outputMode\":\"update\",\"maxFilesPerTrigger\":1,\"checkpoint\":\"ck/1\"}",
              "{\"command\":\"windowed-recovery\",\"build\":\""
                  + build
                  + "\",\"extra\":\""
                  + extra
                  + "\",\"runDir\":\"rec\",\"provider\":\"default\"}",
              "quit");
      new StreamingServe(session, tmp)
          .serve(
              new BufferedReader(new StringReader(commands)),
              new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(3);
    JsonNode windowed = JSON.readTree(lines.get(1));
    assertThat(windowed.get("event").asText()).isEqualTo("windowed");
    assertThat(windowed.get("inputRows").asLong()).isEqualTo(5);
    // Batch 0: (w0, 1) = 2 bids, max 9; (w0, 2) = 1, 7. Batch 1 (watermark 3 s - 4 s): (w0, 1) =
    // 3, 9; (w10, 3) = 1, 1.
    assertThat(windowed.get("answer").toString())
        .isEqualTo("{\"rows\":4,\"sumBids\":7,\"sumMaxPrice\":26}");
    JsonNode recovery = JSON.readTree(lines.get(2));
    assertThat(recovery.get("event").asText()).isEqualTo("windowed-recovery");
    assertThat(recovery.get("stateRows").asLong()).isEqualTo(2);
    // The restart sees (w0, 2) a second time: 2 bids, max 7, so its state was restored.
    assertThat(recovery.get("firstBatch").toString())
        .isEqualTo("{\"rows\":1,\"sumBids\":2,\"sumMaxPrice\":7}");
  }

  private static String bid(long auction, long price, int second) {
    return String.format(
        "{\"auction\":%d,\"price\":%d,\"ts\":\"2026-01-01T00:00:%02d.000Z\"}%n",
        auction, price, second);
  }

  private static void write(Path file, int order, String text) throws IOException {
    Files.writeString(file, text);
    Files.setLastModifiedTime(
        file, FileTime.fromMillis(System.currentTimeMillis() - 60_000 + 1000L * order));
  }

  /** The bids of {@code json} as one Parquet file, written by Spark. */
  private static Path parquet(SparkSession spark, Path json, Path out) throws IOException {
    spark
        .read()
        .schema(WindowedWorkloads.BID_SCHEMA)
        .json(json.toString())
        .coalesce(1)
        .write()
        .parquet(out.toString());
    try (Stream<Path> files = Files.list(out)) {
      return files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
  }
}
