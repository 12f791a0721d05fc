package io.tideline.bench.streaming;

import static io.tideline.bench.ScriptedProcess.READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideline.bench.ScriptedProcess;
import io.tideline.internal.errors.TidelineException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's side of the peer's streaming-serve protocol, against a scripted process. */
class SparkStreamingEngineTest {
  @Test
  void workloads_sendOneJsonCommandEach_parseTheAnswers_closeSendsQuit() throws Exception {
    ScriptedProcess process =
        new ScriptedProcess(
            "log noise\n"
                + READY
                + "{\"event\":\"first-batch\",\"seconds\":0.6,\"startReturnedSeconds\":0.1,"
                + "\"rows\":80}\n"
                + "{\"event\":\"batch-overhead\",\"triggerExecutionMs\":[100,120],"
                + "\"wallMs\":[110.5,130.5],\"rows\":4}\n"
                + "{\"event\":\"throughput\",\"seconds\":9.5,\"cpuSeconds\":15.0,"
                + "\"rows\":2000000,\"batches\":4}\n");
    SparkStreamingEngine spark = new SparkStreamingEngine(process, Path.of("peer.log"));

    FirstBatchRun first = spark.firstBatch(Path.of("/w/small"), Path.of("/w/ck/1"));
    OverheadRun overhead = spark.batchOverhead(2, 2, Path.of("/w/ck/2"));
    ThroughputRun throughput = spark.throughput(Path.of("/w/orders"), 5, Path.of("/w/ck/3"));
    spark.close();

    assertThat(spark.version()).isEqualTo("4.2.0");
    assertThat(spark.sessionStartSeconds()).isEqualTo(4.5);
    assertThat(first).isEqualTo(new FirstBatchRun(0.6, 0.1, 80));
    assertThat(overhead).isEqualTo(new OverheadRun(List.of(100L, 120L), List.of(110.5, 130.5), 4));
    assertThat(throughput).isEqualTo(new ThroughputRun(9.5, 15.0, 2_000_000, 4));
    String[] sent = process.sent().split("\n");
    assertThat(sent).hasSize(4);
    ObjectMapper json = new ObjectMapper();
    JsonNode c0 = json.readTree(sent[0]);
    assertThat(c0.get("command").asText()).isEqualTo("first-batch");
    assertThat(c0.get("input").asText()).isEqualTo("/w/small");
    assertThat(c0.get("checkpoint").asText()).isEqualTo("/w/ck/1");
    JsonNode c1 = json.readTree(sent[1]);
    assertThat(c1.get("warmupBatches").asInt()).isEqualTo(2);
    assertThat(c1.get("batches").asInt()).isEqualTo(2);
    JsonNode c2 = json.readTree(sent[2]);
    assertThat(c2.get("maxFilesPerTrigger").asInt()).isEqualTo(5);
    assertThat(sent[3]).isEqualTo("quit");
  }

  @Test
  void windowedCommands_carryTheirFields_andParseTheChecksums() throws Exception {
    ScriptedProcess process =
        new ScriptedProcess(
            READY
                + "{\"event\":\"windowed\",\"seconds\":12.5,\"cpuSeconds\":20.0,"
                + "\"inputRows\":1000,\"answer\":{\"rows\":30,\"sumBids\":1000,"
                + "\"sumMaxPrice\":77}}\n"
                + "{\"event\":\"windowed-recovery\",\"buildSeconds\":8.0,"
                + "\"recoverySeconds\":2.5,\"stateRows\":500,\"firstBatch\":{\"rows\":10,"
                + "\"sumBids\":20,\"sumMaxPrice\":99}}\n");
    SparkStreamingEngine spark = new SparkStreamingEngine(process, Path.of("peer.log"));

    WindowedRun run =
        spark.windowed(Path.of("/w/bids"), BidFormat.JSON, "append", 2, Path.of("/w/ck/1"));
    RecoveryRun recovery =
        spark.recovery(
            Path.of("/w/b.parquet"),
            Path.of("/w/e.parquet"),
            Path.of("/w/r"),
            StateProvider.ROCKSDB);
    spark.close();

    assertThat(run).isEqualTo(new WindowedRun(12.5, 20.0, 1000, new WindowedAnswer(30, 1000, 77)));
    assertThat(recovery).isEqualTo(new RecoveryRun(8.0, 2.5, 500, new WindowedAnswer(10, 20, 99)));
    String[] sent = process.sent().split("\n");
    ObjectMapper json = new ObjectMapper();
    JsonNode c0 = json.readTree(sent[0]);
    assertThat(c0.get("command").asText()).isEqualTo("windowed");
    assertThat(c0.get("format").asText()).isEqualTo("json");
    assertThat(c0.get("outputMode").asText()).isEqualTo("append");
    assertThat(c0.get("maxFilesPerTrigger").asInt()).isEqualTo(2);
    JsonNode c1 = json.readTree(sent[1]);
    assertThat(c1.get("command").asText()).isEqualTo("windowed-recovery");
    assertThat(c1.get("build").asText()).isEqualTo("/w/b.parquet");
    assertThat(c1.get("runDir").asText()).isEqualTo("/w/r");
    assertThat(c1.get("provider").asText()).isEqualTo("rocksdb");
  }

  @Test
  void peerAnswersWithError_failsWithItsConditionAndTheLog() {
    ScriptedProcess process =
        new ScriptedProcess(
            READY
                + "{\"event\":\"error\",\"error\":{\"condition\":\"PEER_INPUT_NOT_FOUND\","
                + "\"message\":\"Input folder '/x' does not exist\"}}\n");
    SparkStreamingEngine spark = new SparkStreamingEngine(process, Path.of("peer.log"));

    assertThatThrownBy(() -> spark.throughput(Path.of("/x"), 5, Path.of("/ck")))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("STREAMING_BENCH_QUERY_FAILED"))
        .hasMessageContaining("spark's throughput query failed")
        .hasMessageContaining("PEER_INPUT_NOT_FOUND Input folder '/x' does not exist")
        .hasMessageContaining("peer.log");
  }

  @Test
  void peerDiesBeforeReady_failsSayingSo() {
    assertThatThrownBy(() -> new SparkStreamingEngine(new ScriptedProcess(""), Path.of("peer.log")))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("STREAMING_BENCH_PEER_FAILED"))
        .hasMessageContaining("it ended without answering");
  }
}
