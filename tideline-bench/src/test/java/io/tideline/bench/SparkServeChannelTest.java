package io.tideline.bench;

import static io.tideline.bench.ScriptedProcess.READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The serve protocol's harness end, against a scripted process. */
class SparkServeChannelTest {
  private static final Path LOG = Path.of("peer.log");

  /** Failures as plain exceptions, so the tests see what the channel passed on. */
  private static final class Recording implements SparkServeChannel.Failures {
    private final boolean errorEventsFailTheCommand;

    Recording(boolean errorEventsFailTheCommand) {
      this.errorEventsFailTheCommand = errorEventsFailTheCommand;
    }

    @Override
    public RuntimeException peerFailed(int exitCode, String reason, Path log) {
      return new IllegalStateException(
          "peer failed, exit " + exitCode + ": " + reason + " @" + log);
    }

    @Override
    public Optional<RuntimeException> commandFailed(String command, JsonNode error, Path log) {
      return errorEventsFailTheCommand
          ? Optional.of(
              new IllegalArgumentException(
                  command + " failed: " + SparkServeChannel.describe(error, log)))
          : Optional.empty();
    }
  }

  @Test
  void call_skipsLogNoise_sendsOneLinePerCommand_closeSendsQuit() {
    ScriptedProcess process =
        new ScriptedProcess(
            "log noise\n"
                + READY
                + "more noise\n"
                + "{\"event\":\"throughput\",\"rows\":7}\n"
                + "{\"event\":\"run\",\"seconds\":1.5}\n");
    SparkServeChannel channel = new SparkServeChannel(process, LOG, new Recording(true));

    ObjectNode command = channel.command("throughput");
    command.put("maxFilesPerTrigger", 5);
    JsonNode throughput = channel.call(command);
    JsonNode run = channel.call("run", "run");
    channel.close();

    assertThat(channel.version()).isEqualTo("4.2.0");
    assertThat(channel.sessionStartSeconds()).isEqualTo(4.5);
    assertThat(throughput.get("rows").asLong()).isEqualTo(7);
    assertThat(run.get("seconds").asDouble()).isEqualTo(1.5);
    assertThat(process.sent())
        .isEqualTo("{\"command\":\"throughput\",\"maxFilesPerTrigger\":5}\nrun\nquit\n");
  }

  @Test
  void readyWithoutVersion_reportsUnknownVersionAndNoStartTime() {
    SparkServeChannel channel =
        new SparkServeChannel(
            new ScriptedProcess("{\"event\":\"ready\"}\n"), LOG, new Recording(true));

    assertThat(channel.version()).isEqualTo("?");
    assertThat(channel.sessionStartSeconds()).isNaN();
  }

  @Test
  void errorEvent_becomesTheBenchmarksCommandError() {
    ScriptedProcess process =
        new ScriptedProcess(
            READY
                + "{\"event\":\"error\",\"error\":{\"condition\":\"PEER_USAGE\","
                + "\"message\":\"No query is running\"}}\n");
    SparkServeChannel channel = new SparkServeChannel(process, LOG, new Recording(true));

    assertThatThrownBy(() -> channel.call(channel.command("stop")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stop failed: PEER_USAGE No query is running (the peer's log is in peer.log)");
  }

  @Test
  void errorEvent_whenTheBenchmarkDeclines_isThePeerFailingWithItsReason() {
    ScriptedProcess process =
        new ScriptedProcess(
            READY
                + "{\"event\":\"error\",\"error\":{\"condition\":\"PEER_INPUT_NOT_FOUND\","
                + "\"message\":\"Order folder '/x' does not exist\"}}\n");
    SparkServeChannel channel = new SparkServeChannel(process, LOG, new Recording(false));

    assertThatThrownBy(() -> channel.call("run", "run"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "peer failed, exit 0: PEER_INPUT_NOT_FOUND: Order folder '/x' does not exist"
                + " @peer.log");
  }

  @Test
  void otherEvent_isThePeerBreakingTheProtocol() {
    ScriptedProcess process = new ScriptedProcess(READY + "{\"event\":\"windowed\"}\n");
    SparkServeChannel channel = new SparkServeChannel(process, LOG, new Recording(true));

    assertThatThrownBy(() -> channel.call(channel.command("throughput")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("it answered {\"event\":\"windowed\"} where throughput was due");
  }

  @Test
  void peerDiesBeforeReady_failsSayingSo() {
    assertThatThrownBy(
            () -> new SparkServeChannel(new ScriptedProcess("noise\n"), LOG, new Recording(true)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("peer failed, exit 0: it ended without answering @peer.log");
  }
}
