package io.tideline.cli;

import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.delta.DeltaOptimizeBuilder;
import io.tideline.delta.DeltaTable;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tideline optimize}: compacts a table's small files (Delta's {@code OPTIMIZE}). */
@Command(
    name = "optimize",
    description =
        "Compact the small files of a Delta table, or of the partitions --where selects, into"
            + " larger ones in one commit. Safe while streams append to the table.")
final class OptimizeCommand implements Callable<Integer> {
  @Mixin TableOptions table;

  @Option(
      names = "--where",
      paramLabel = "PREDICATE",
      description = "Only partitions where this SQL condition on partition columns holds.")
  String where;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (Tideline session = table.session()) {
      DeltaTable delta = table.open(spec.commandLine(), session);
      DeltaOptimizeBuilder optimize = delta.optimize();
      if (where != null) {
        optimize = optimize.where(where);
      }
      Row m = optimize.executeCompaction().collectAsList().get(0).getStruct(1);
      PrintWriter out = spec.commandLine().getOut();
      long added = m.getAs("numFilesAdded");
      long removed = m.getAs("numFilesRemoved");
      long considered = m.getAs("totalConsideredFiles");
      if (added == 0) {
        out.printf(
            "Nothing to compact in %s: %d file(s) considered, none small enough to gain from"
                + " a rewrite.%n",
            delta.path(), considered);
      } else {
        long version = optimizeVersion(delta);
        out.printf(
            "Optimized %s at version %d: %d files (%s) rewritten into %d (%s) in %d"
                + " partition(s); %d of %d files left as they were.%n",
            delta.path(),
            version,
            removed,
            Sizes.human(m.getStruct(3).getLong(4)),
            added,
            Sizes.human(m.getStruct(2).getLong(4)),
            m.<Long>getAs("partitionsOptimized"),
            m.<Long>getAs("totalFilesSkipped"),
            considered);
      }
      out.flush();
      return 0;
    }
  }

  /**
   * The version of the {@code OPTIMIZE} just committed: the latest one among the last commits,
   * since streams may have appended after it (the result of {@code executeCompaction}, as
   * delta-spark's, does not carry the version).
   */
  private static long optimizeVersion(DeltaTable delta) {
    for (Row commit : delta.history(100).collectAsList()) {
      if ("OPTIMIZE".equals(commit.getAs("operation"))) {
        return commit.getLong(0);
      }
    }
    return delta.history(1).collectAsList().get(0).getLong(0);
  }
}
