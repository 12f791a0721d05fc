package io.tideline.bench.kafka;

import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.TidelineException;
import java.nio.file.Path;
import java.util.Map;

/** The one place where the Kafka benchmark's failures are worded. */
final class KafkaBenchErrors {
  /** The Kafka benchmark's error conditions. */
  enum Condition implements ErrorCondition {
    KAFKA_BENCH_USAGE("42000", "<problem>.\n<usage>"),
    KAFKA_BENCH_WRONG_ANSWER(
        "HY000",
        "<engine> gave a wrong answer in the <workload> run: <what> was <actual>, expected"
            + " <expected>. Its figures are void; fix the engine (or the benchmark's query) and"
            + " run again."),
    KAFKA_BENCH_QUERY_FAILED(
        "HY000",
        "<engine>'s <workload> query failed: <reason>. Run it alone (--engines <engine>"
            + " --workloads <workload>) to reproduce it."),
    KAFKA_BENCH_RECORDS_LOST(
        "HY000",
        "<engine>'s pass-through query delivered <received> of the <sent> records sent to topic"
            + " <topic> within <seconds> s after the producer stopped. The latency figures are"
            + " void; see the query's error above, or give it more time."),
    KAFKA_BENCH_PEER_FAILED(
        "HY000",
        "The Spark peer failed (exit code <exitCode>) on the Kafka benchmark: <reason>. Its log is"
            + " in <log>.");

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

  private KafkaBenchErrors() {}

  static TidelineException usage(String problem) {
    return new TidelineException(
        Condition.KAFKA_BENCH_USAGE, Map.of("problem", problem, "usage", KafkaBenchSettings.USAGE));
  }

  static TidelineException wrongAnswer(
      String engine, String workload, String what, Object actual, Object expected) {
    return new TidelineException(
        Condition.KAFKA_BENCH_WRONG_ANSWER,
        Map.of(
            "engine",
            engine,
            "workload",
            workload,
            "what",
            what,
            "actual",
            String.valueOf(actual),
            "expected",
            String.valueOf(expected)));
  }

  static TidelineException queryFailed(String engine, String workload, Throwable cause) {
    return new TidelineException(
        Condition.KAFKA_BENCH_QUERY_FAILED,
        Map.of("engine", engine, "workload", workload, "reason", String.valueOf(cause)),
        cause);
  }

  static TidelineException queryFailed(String engine, String workload, String reason) {
    return new TidelineException(
        Condition.KAFKA_BENCH_QUERY_FAILED,
        Map.of("engine", engine, "workload", workload, "reason", reason));
  }

  static TidelineException recordsLost(
      String engine, String topic, long received, long sent, long seconds) {
    return new TidelineException(
        Condition.KAFKA_BENCH_RECORDS_LOST,
        Map.of(
            "engine",
            engine,
            "topic",
            topic,
            "received",
            Long.toString(received),
            "sent",
            Long.toString(sent),
            "seconds",
            Long.toString(seconds)));
  }

  static TidelineException peerFailed(int exitCode, String reason, Path log) {
    return new TidelineException(
        Condition.KAFKA_BENCH_PEER_FAILED,
        Map.of("exitCode", Integer.toString(exitCode), "reason", reason, "log", log.toString()));
  }
}
