package io.tideline.internal.delta;

import io.delta.kernel.Operation;
import io.tideline.DataFrame;
import io.tideline.connector.BatchWriteProvider;
import io.tideline.connector.SaveMode;
import java.util.Map;
import java.util.Optional;

/**
 * {@code df.write().format("delta").mode(...).save(path)}, with Delta's save modes: {@code append}
 * adds files, {@code overwrite} replaces every file in one commit, {@code errorifexists} refuses an
 * existing table, {@code ignore} writes nothing to one. Options: {@code mergeSchema}, {@code
 * partitionBy} (comma-separated, until {@code DataFrameWriter.partitionBy} exists), {@code
 * txnAppId} with {@code txnVersion} for idempotent writes, {@code delta.*} table properties.
 */
public final class DeltaBatchWriteProvider implements BatchWriteProvider {
  @Override
  public String shortName() {
    return "delta";
  }

  @Override
  public void write(DataFrame data, SaveMode mode, Map<String, String> options) {
    DeltaOptions opts = new DeltaOptions(options);
    DeltaTable table =
        DeltaTable.at(
            opts.path()
                .orElseThrow(
                    () -> DeltaErrors.pathRequired("df.write().format(\"delta\").save(path)")));
    Optional<DeltaWriter.TxnId> txn = txnId(opts);
    if (mode == SaveMode.ErrorIfExists || mode == SaveMode.Ignore) {
      if (table.exists()) {
        if (mode == SaveMode.Ignore) {
          return;
        }
        throw opts.get("tableName")
            .map(name -> DeltaErrors.tableExists(name, table.displayPath()))
            .orElseGet(() -> DeltaErrors.pathExists(table.displayPath()));
      }
    }
    new DeltaWriter(table)
        .write(
            data,
            new DeltaWriter.Request(
                mode == SaveMode.Overwrite ? DeltaWriter.Mode.OVERWRITE : DeltaWriter.Mode.APPEND,
                opts.partitionBy(),
                opts.tableProperties(options),
                opts.mergeSchema(),
                txn,
                Operation.WRITE,
                "",
                opts.writerOptions()));
  }

  private static Optional<DeltaWriter.TxnId> txnId(DeltaOptions opts) {
    Optional<String> appId = opts.get("txnAppId");
    Optional<String> version = opts.get("txnVersion");
    if (appId.isEmpty() && version.isEmpty()) {
      return Optional.empty();
    }
    if (appId.isEmpty() || version.isEmpty()) {
      throw DeltaErrors.invalidIdempotentWriteOptions(appId.orElse(null), version.orElse(null));
    }
    try {
      return Optional.of(new DeltaWriter.TxnId(appId.get(), Long.parseLong(version.get().trim())));
    } catch (NumberFormatException e) {
      throw DeltaErrors.invalidOption("txnVersion", version.get(), "a whole number");
    }
  }
}
