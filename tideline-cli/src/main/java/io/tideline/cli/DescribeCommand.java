package io.tideline.cli;

import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.delta.DeltaTable;
import io.tideline.internal.delta.DeltaDetail;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tideline describe}: a table's detail (Delta's {@code DESCRIBE DETAIL}) and schema. */
@Command(name = "describe", description = "Show the detail and the schema of a Delta table.")
final class DescribeCommand implements Callable<Integer> {
  @Mixin TableOptions table;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (Tideline session = table.session()) {
      DeltaTable delta = table.open(spec.commandLine(), session);
      Row detail = delta.detail().collectAsList().get(0);
      PrintWriter out = spec.commandLine().getOut();
      String[] names = detail.schema().fieldNames();
      int width = 0;
      for (String n : names) {
        width = Math.max(width, n.length());
      }
      for (int i = 0; i < names.length; i++) {
        Object v = detail.get(i);
        if (names[i].equals("sizeInBytes") && v != null) {
          v = v + " (" + Sizes.human((Long) v) + ")";
        }
        out.printf("%-" + width + "s  %s%n", names[i], v == null ? "" : v);
      }
      out.println();
      out.println("Schema:");
      // The log's schema, not the read plan's: that marks partition columns not nullable.
      out.print(DeltaDetail.schema(delta.path()).treeString());
      out.flush();
      return 0;
    }
  }
}
