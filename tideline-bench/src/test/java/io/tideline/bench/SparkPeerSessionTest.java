package io.tideline.bench;

import static io.tideline.bench.ScriptedProcess.READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.TidelineException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The harness's side of the peer's serve protocol, against a scripted process. */
class SparkPeerSessionTest {
  @Test
  void run_sendsRunAndParsesTheAnswer_closeSendsQuit() {
    ScriptedProcess process =
        new ScriptedProcess(
            "log noise\n"
                + READY
                + "{\"event\":\"run\",\"seconds\":1.5,\"cpuSeconds\":2.75,\"rows\":"
                + "[{\"product\":\"phone\",\"sum_amount\":250.5,\"count\":2}]}\n");
    SparkPeerSession session = new SparkPeerSession(process, Path.of("peer.log"));

    RunResult run = session.run();
    session.close();

    assertThat(session.version()).isEqualTo("4.2.0");
    assertThat(session.sessionStartSeconds()).isEqualTo(4.5);
    assertThat(run)
        .isEqualTo(
            new RunResult(1.5, 2.75, java.util.List.of(new ProductTotals("phone", 250.5, 2))));
    assertThat(process.sent()).isEqualTo("run\nquit\n");
  }

  @Test
  void run_peerAnswersWithError_failsWithItsCondition() {
    ScriptedProcess process =
        new ScriptedProcess(
            READY
                + "{\"event\":\"error\",\"error\":{\"condition\":\"PEER_INPUT_NOT_FOUND\","
                + "\"message\":\"Order folder '/x' does not exist\"}}\n");
    SparkPeerSession session = new SparkPeerSession(process, Path.of("peer.log"));

    assertThatThrownBy(session::run)
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("BENCH_PEER_FAILED"))
        .hasMessageContaining("PEER_INPUT_NOT_FOUND: Order folder '/x' does not exist")
        .hasMessageContaining("peer.log");
  }

  @Test
  void start_peerDiesBeforeReady_failsSayingSo() {
    assertThatThrownBy(() -> new SparkPeerSession(new ScriptedProcess(""), Path.of("peer.log")))
        .hasMessageContaining("it ended without answering");
  }
}
