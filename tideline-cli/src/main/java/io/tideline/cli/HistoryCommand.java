package io.tideline.cli;

import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.delta.DeltaTable;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tideline history}: a table's commits, latest first (Delta's {@code DESCRIBE HISTORY}). */
@Command(name = "history", description = "Show the commits of a Delta table, latest first.")
final class HistoryCommand implements Callable<Integer> {
  @Mixin TableOptions table;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "At most N commits (default: ${DEFAULT-VALUE}; 0 for all).")
  int limit;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (Tideline session = table.session()) {
      DeltaTable delta = table.open(spec.commandLine(), session);
      DataFrame history = limit > 0 ? delta.history(limit) : delta.history();
      DataFrame shown =
          history.select(
              "version",
              "timestamp",
              "operation",
              "operationParameters",
              "operationMetrics",
              "engineInfo");
      int rows = (int) Math.min(Integer.MAX_VALUE - 1, shown.count());
      spec.commandLine().getOut().print(shown.showString(Math.max(rows, 1), 0));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
