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

/** {@code tideline show}: a table's rows, printed as {@code DataFrame.show} prints them. */
@Command(name = "show", description = "Print the rows of a Delta table, as DataFrame.show does.")
final class ShowCommand implements Callable<Integer> {
  @Mixin TableOptions table;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "At most N rows (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--version",
      paramLabel = "V",
      description = "The table as of version V (time travel) instead of the latest.")
  Long version;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (Tideline session = table.session()) {
      DeltaTable delta = table.open(spec.commandLine(), session);
      DataFrame rows =
          version == null
              ? delta.toDF()
              : session.read().format("delta").option("versionAsOf", version).load(delta.path());
      spec.commandLine().getOut().print(rows.showString(limit, 20));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
