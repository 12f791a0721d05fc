package io.tideline.internal.delta;

import io.delta.kernel.CommitRangeBuilder;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.exceptions.KernelException;
import io.tideline.Tideline;
import io.tideline.connector.Source;
import io.tideline.connector.SourceContext;
import io.tideline.connector.SourceProvider;
import io.tideline.types.StructType;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the {@code delta} streaming source ({@link DeltaSource}): {@code
 * readStream().format("delta").load(path)}, and {@code readStream().table(name)}, which loads the
 * catalog's path with the option {@code tableName} so messages name the table.
 *
 * <p>The schema is the table's at {@code load()}; a missing table, a user schema or bad options
 * fail there. The start of the stream ({@code startingVersion}, {@code startingTimestamp}) is
 * resolved when the query starts, against the table as it is then.
 */
public final class DeltaSourceProvider implements SourceProvider {
  @Override
  public String shortName() {
    return "delta";
  }

  @Override
  public StructType sourceSchema(
      Tideline session, Map<String, String> options, Optional<StructType> userSchema) {
    DeltaSourceOptions opts = DeltaSourceOptions.of(options);
    DeltaTable table = DeltaTable.at(opts.path());
    if (userSchema.isPresent()) {
      throw DeltaErrors.schemaDuringRead(table.displayPath());
    }
    Snapshot snapshot = latest(table, opts);
    DeltaScan.checkReadable(table, snapshot);
    return DeltaSchemas.fromKernel(snapshot.getSchema(), table.displayPath());
  }

  @Override
  public Source createSource(SourceContext context) {
    DeltaSourceOptions opts = DeltaSourceOptions.of(context.options());
    DeltaTable table = DeltaTable.at(opts.path());
    Snapshot initial = latest(table, opts);
    DeltaScan.checkReadable(table, initial);
    String shown = shown(table, opts);
    Optional<Long> startingVersion = startingVersion(context.session(), table, opts, initial);
    return new DeltaSource(table, shown, opts, context.schema(), initial, startingVersion);
  }

  /** The table as messages name it: {@code name (path)} when read by name, else the path. */
  static String shown(DeltaTable table, DeltaSourceOptions opts) {
    return opts.tableName()
        .map(n -> n + " (" + table.displayPath() + ")")
        .orElse(table.displayPath());
  }

  private static Snapshot latest(DeltaTable table, DeltaSourceOptions opts) {
    return table
        .latest()
        .orElseThrow(
            () ->
                opts.tableName().isPresent()
                    ? DeltaErrors.tableNotFound(opts.tableName().get(), table.displayPath())
                    : DeltaErrors.notADeltaTable(table.displayPath()));
  }

  /**
   * The first version the stream reads when it starts from a commit: {@code startingVersion} (a
   * version, or {@code latest}: the version after the latest, so only new commits), or the first
   * commit at or after {@code startingTimestamp}, as delta-spark; empty to start from the snapshot.
   */
  private static Optional<Long> startingVersion(
      Tideline session, DeltaTable table, DeltaSourceOptions opts, Snapshot latest) {
    if (opts.startingVersion().isPresent()) {
      String v = opts.startingVersion().get();
      if (v.equalsIgnoreCase("latest")) {
        return Optional.of(latest.getVersion() + 1);
      }
      long version = Long.parseLong(v);
      if (version > latest.getVersion()) {
        throw DeltaErrors.versionNotFound(
            table.displayPath(), version, table.earliestVersion(), latest.getVersion());
      }
      return Optional.of(version);
    }
    if (opts.startingTimestamp().isPresent()) {
      String text = opts.startingTimestamp().get();
      long ms = DeltaBatchReadProvider.parseTimestampMs(text, session.conf().sessionTimeZone());
      long latestMs = latest.getTimestamp(table.engine());
      if (ms > latestMs) {
        throw DeltaErrors.timestampAfterLatest(
            table.displayPath(), text, Instant.ofEpochMilli(latestMs).toString());
      }
      try {
        return Optional.of(
            TableManager.loadCommitRange(
                    table.kernelPath(), CommitRangeBuilder.CommitBoundary.atTimestamp(ms, latest))
                .build(table.engine())
                .getStartVersion());
      } catch (KernelException e) {
        throw table.logFailure(e, table.earliestVersion(), shown(table, opts));
      }
    }
    return Optional.empty();
  }
}
