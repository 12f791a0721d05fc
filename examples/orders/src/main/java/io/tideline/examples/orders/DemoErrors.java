package io.tideline.examples.orders;

import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.TidelineException;
import java.nio.file.Path;
import java.util.Map;

/** The demo's own failures: what failed, where, and what to do. Query failures are the engine's. */
final class DemoErrors {

  /** The demo's error conditions. */
  enum Condition implements ErrorCondition {
    DEMO_BROKER_START_FAILED(
        "58030",
        "Cannot start the demo's Kafka broker on <kafkaDir>. If another demo runs on the work"
            + " folder <work>, stop it or choose another folder with --work; otherwise see the"
            + " cause below."),
    DEMO_SESSION_CONFLICT(
        "55000",
        "A Tideline session with the warehouse <open> is already open in this JVM; the demo needs"
            + " its own at <wanted>. Close the other session before OrdersDemo.run."),
    DEMO_KAFKA_FAILED(
        "58030",
        "The demo could not <action> topic <topic> of its broker: <reason>. Run the demo again; if"
            + " it keeps failing, the broker's log (kafka/ in the work folder) may be damaged: move"
            + " the whole work folder away and start afresh (checkpoints refer to the topic's"
            + " offsets, so they cannot be kept without it).");

    private final String sqlState;
    private final String template;

    Condition(String sqlState, String template) {
      this.sqlState = sqlState;
      this.template = template;
    }

    @Override
    public String conditionName() {
      return name();
    }

    @Override
    public String sqlState() {
      return sqlState;
    }

    @Override
    public String template() {
      return template;
    }
  }

  private DemoErrors() {}

  static TidelineException brokerStartFailed(Path kafkaDir, Path work, Throwable cause) {
    return new TidelineException(
        Condition.DEMO_BROKER_START_FAILED,
        Map.of("kafkaDir", kafkaDir.toString(), "work", work.toString()),
        cause);
  }

  static TidelineException sessionConflict(Path open, Path wanted) {
    return new TidelineException(
        Condition.DEMO_SESSION_CONFLICT,
        Map.of("open", open.toString(), "wanted", wanted.toString()));
  }

  static TidelineException kafkaFailed(String action, String topic, Throwable cause) {
    return new TidelineException(
        Condition.DEMO_KAFKA_FAILED,
        Map.of("action", action, "topic", topic, "reason", String.valueOf(cause.getMessage())),
        cause);
  }
}
