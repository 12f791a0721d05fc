package io.tideline.cli;

import io.tideline.Tideline;
import io.tideline.delta.DeltaTable;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * How every command names its table: a path, or {@code --table NAME} in the warehouse folder {@code
 * --warehouse DIR} (Spark's layout: {@code DIR/table}, {@code DIR/schema.db/table}).
 */
final class TableOptions {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH",
      description = "The table's folder (the one holding _delta_log).")
  String path;

  @Option(
      names = "--table",
      paramLabel = "NAME",
      description = "The table's name, schema.table or table (schema default).")
  String table;

  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      defaultValue = "warehouse",
      description = "The warehouse folder of --table (default: ${DEFAULT-VALUE}).")
  Path warehouse;

  /** A session for one command; the caller closes it. */
  Tideline session() {
    return Tideline.builder().appName("tideline-cli").warehouse(warehouse).getOrCreate();
  }

  /** The table the options name, after checking that exactly one way was used. */
  DeltaTable open(CommandLine command, Tideline session) {
    if ((path == null) == (table == null)) {
      throw new CommandLine.ParameterException(
          command, "Name the table with a PATH or with --table NAME (one of them).");
    }
    return path != null ? DeltaTable.forPath(session, path) : DeltaTable.forName(session, table);
  }
}
