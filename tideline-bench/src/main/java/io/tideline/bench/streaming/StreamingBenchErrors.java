package io.tideline.bench.streaming;

import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.TidelineException;
import java.nio.file.Path;
import java.util.Map;

/** The one place where the streaming benchmark's failures are worded. */
final class StreamingBenchErrors {
  /** The streaming benchmark's error conditions. */
  enum Condition implements ErrorCondition {
    STREAMING_BENCH_USAGE("42000", "<problem>.\n<usage>"),
    STREAMING_BENCH_WRONG_ANSWER(
        "HY000",
        "<engine> gave a wrong answer in the <workload> run: <what> was <actual>, expected"
            + " <expected>. Its figures are void; fix the engine (or the benchmark's query) and"
            + " run again."),
    STREAMING_BENCH_QUERY_FAILED(
        "HY000",
        "<engine>'s <workload> query failed: <reason>. Run the workload alone (--engines <engine>"
            + " --workloads <workload>) to reproduce it."),
    STREAMING_BENCH_TIMEOUT(
        "HY000",
        "<engine>'s <workload> query did not <what> within <seconds> s. The machine may be"
            + " overloaded or the engine stuck; see the load average printed above."),
    STREAMING_BENCH_PEER_FAILED(
        "HY000",
        "The Spark peer failed (exit code <exitCode>) on the streaming benchmark: <reason>. Its"
            + " log is in <log>.");

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

  private StreamingBenchErrors() {}

  static TidelineException usage(String problem) {
    return usage(problem, StreamingBenchmark.USAGE);
  }

  /** A usage error of the command whose usage line is {@code usage}. */
  static TidelineException usage(String problem, String usage) {
    return new TidelineException(
        Condition.STREAMING_BENCH_USAGE, Map.of("problem", problem, "usage", usage));
  }

  static TidelineException wrongAnswer(
      String engine, String workload, String what, Object actual, Object expected) {
    return new TidelineException(
        Condition.STREAMING_BENCH_WRONG_ANSWER,
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
        Condition.STREAMING_BENCH_QUERY_FAILED,
        Map.of("engine", engine, "workload", workload, "reason", String.valueOf(cause)),
        cause);
  }

  static TidelineException queryFailed(String engine, String workload, String reason) {
    return new TidelineException(
        Condition.STREAMING_BENCH_QUERY_FAILED,
        Map.of("engine", engine, "workload", workload, "reason", reason));
  }

  static TidelineException timeout(String engine, String workload, String what, long seconds) {
    return new TidelineException(
        Condition.STREAMING_BENCH_TIMEOUT,
        Map.of(
            "engine",
            engine,
            "workload",
            workload,
            "what",
            what,
            "seconds",
            Long.toString(seconds)));
  }

  static TidelineException peerFailed(int exitCode, String reason, Path log) {
    return new TidelineException(
        Condition.STREAMING_BENCH_PEER_FAILED,
        Map.of("exitCode", Integer.toString(exitCode), "reason", reason, "log", log.toString()));
  }
}
