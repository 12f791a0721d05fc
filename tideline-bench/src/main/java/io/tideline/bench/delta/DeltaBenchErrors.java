package io.tideline.bench.delta;

import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.TidelineException;
import java.nio.file.Path;
import java.util.Map;

/** The one place where the Delta benchmark's failures are worded. */
final class DeltaBenchErrors {
  /** The Delta benchmark's error conditions. */
  enum Condition implements ErrorCondition {
    DELTA_BENCH_USAGE("42000", "<problem>.\n<usage>"),
    DELTA_BENCH_WRONG_ANSWER(
        "HY000",
        "<reader> read <writer>'s table of the <run> run (<table>) and found <problems>. The"
            + " figures are void; fix the engine that wrote or read it wrong and run again."),
    DELTA_BENCH_QUERY_FAILED(
        "HY000",
        "<engine>'s <what> failed: <reason>. Run it alone (--engines <engine>) to reproduce it."),
    DELTA_BENCH_PEER_FAILED(
        "HY000",
        "The Spark peer failed (exit code <exitCode>) on the Delta benchmark: <reason>. Its log is"
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

  private DeltaBenchErrors() {}

  static TidelineException usage(String problem) {
    return new TidelineException(
        Condition.DELTA_BENCH_USAGE, Map.of("problem", problem, "usage", DeltaBenchSettings.USAGE));
  }

  static TidelineException wrongAnswer(
      String reader, String writer, String run, Path table, String problems) {
    return new TidelineException(
        Condition.DELTA_BENCH_WRONG_ANSWER,
        Map.of(
            "reader",
            reader,
            "writer",
            writer,
            "run",
            run,
            "table",
            table.toString(),
            "problems",
            problems));
  }

  static TidelineException queryFailed(String engine, String what, Throwable cause) {
    return new TidelineException(
        Condition.DELTA_BENCH_QUERY_FAILED,
        Map.of("engine", engine, "what", what, "reason", String.valueOf(cause)),
        cause);
  }

  static TidelineException queryFailed(String engine, String what, String reason) {
    return new TidelineException(
        Condition.DELTA_BENCH_QUERY_FAILED,
        Map.of("engine", engine, "what", what, "reason", reason));
  }

  static TidelineException peerFailed(int exitCode, String reason, Path log) {
    return new TidelineException(
        Condition.DELTA_BENCH_PEER_FAILED,
        Map.of("exitCode", Integer.toString(exitCode), "reason", reason, "log", log.toString()));
  }
}
