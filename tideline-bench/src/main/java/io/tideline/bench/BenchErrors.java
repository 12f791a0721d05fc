package io.tideline.bench;

import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.TidelineException;
import java.nio.file.Path;
import java.util.Map;

/** The one place where the benchmark harness's failures are worded. */
final class BenchErrors {
  /** The harness's error conditions. */
  enum Condition implements ErrorCondition {
    BENCH_USAGE("42000", "<problem>.\n<usage>"),
    BENCH_PEER_NOT_BUILT(
        "HY000",
        "The Spark peer is not built: <missing> does not exist. Build it first with"
            + " 'mvn -q -pl tideline-spark -am compile' from the repository root (or run"
            + " tideline-bench/run-json-orders.sh, which builds what it needs)."),
    BENCH_REPO_NOT_FOUND(
        "HY000",
        "Cannot find the Tideline repository root above <start> (a folder holding tideline-spark/"
            + " and tideline-bench/). Run from inside the repository or pass"
            + " -Dtideline.repo=/path/to/repo."),
    BENCH_PEER_FAILED(
        "HY000",
        "The Spark peer failed (exit code <exitCode>) on workload <workload>: <reason>. Its log is"
            + " in <log>."),
    BENCH_RESULTS_DIFFER(
        "HY000",
        "<engine> computed a different answer than expected on <input>:\n<differences>\nThe"
            + " throughput figures are void until the engines agree.");

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

  private BenchErrors() {}

  static TidelineException usage(String problem, String usage) {
    return new TidelineException(Condition.BENCH_USAGE, Map.of("problem", problem, "usage", usage));
  }

  static TidelineException peerNotBuilt(Path missing) {
    return new TidelineException(
        Condition.BENCH_PEER_NOT_BUILT, Map.of("missing", missing.toString()));
  }

  static TidelineException repoNotFound(Path start) {
    return new TidelineException(Condition.BENCH_REPO_NOT_FOUND, Map.of("start", start.toString()));
  }

  static TidelineException peerFailed(String workload, int exitCode, String reason, Path log) {
    return new TidelineException(
        Condition.BENCH_PEER_FAILED,
        Map.of(
            "workload",
            workload,
            "exitCode",
            Integer.toString(exitCode),
            "reason",
            reason,
            "log",
            log.toString()));
  }

  static TidelineException resultsDiffer(String engine, Path input, String differences) {
    return new TidelineException(
        Condition.BENCH_RESULTS_DIFFER,
        Map.of("engine", engine, "input", input.toString(), "differences", differences));
  }
}
