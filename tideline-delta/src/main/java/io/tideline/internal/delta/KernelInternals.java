package io.tideline.internal.delta;

import io.delta.kernel.CommitActions;
import io.delta.kernel.CommitRangeBuilder;
import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.DeltaLogActionUtils.DeltaAction;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.internal.TransactionImpl;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.internal.actions.Metadata;
import io.delta.kernel.internal.actions.SetTransaction;
import io.delta.kernel.internal.actions.SingleAction;
import io.delta.kernel.internal.types.DataTypeJsonSerDe;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every call Tideline makes into Delta Kernel's internal classes ({@code io.delta.kernel.internal},
 * not a public API of Kernel 4.4.0), in one place so a Kernel upgrade touches one file.
 *
 * <p>Why internals at all:
 *
 * <ul>
 *   <li>Kernel's public transaction API only appends. Complete mode and {@code mode("overwrite")}
 *       must remove every file of the table in the same commit that adds the new ones, and Kernel
 *       has no public way to build a {@code remove} action.
 *   <li>Kernel's public schema evolution ({@code withUpdatedSchema}) refuses tables without column
 *       mapping, which is every table Spark creates by default. {@code mergeSchema} only appends
 *       nullable top-level columns, which needs no column mapping (Spark does the same), so the
 *       transaction is built with the new {@code metaData} directly.
 *   <li>The streaming source reads each commit's actions with the public {@code
 *       CommitRange.getCommitActions}, whose set of action types is an internal enum; the table's
 *       id (the {@code metaData} id, which tells a replaced table from the one a checkpoint read)
 *       and a {@code metaData} action's schema string are only reachable through internal classes.
 * </ul>
 */
final class KernelInternals {
  private KernelInternals() {}

  /**
   * One {@code remove} action (with {@code dataChange = true}, deleted at {@code deletionTimeMs})
   * for every file of {@code snapshot}, as rows Kernel's {@code Transaction.commit} takes.
   */
  static List<Row> removeAllFiles(Engine engine, Snapshot snapshot, long deletionTimeMs) {
    List<Row> removes = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> scanFiles =
        snapshot.getScanBuilder().build().getScanFiles(engine)) {
      while (scanFiles.hasNext()) {
        try (CloseableIterator<Row> rows = scanFiles.next().getRows()) {
          while (rows.hasNext()) {
            Row scanFile = rows.next();
            Row add = scanFile.getStruct(scanFile.getSchema().indexOf("add"));
            Row remove = new AddFile(add).toRemoveFileRow(true, Optional.of(deletionTimeMs));
            removes.add(SingleAction.createRemoveFileSingleAction(remove));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return removes;
  }

  /**
   * An update transaction on {@code snapshot} whose commit also writes {@code snapshot}'s metadata
   * with {@code newSchema} (the old schema plus nullable top-level columns; the caller checked it),
   * and the transaction id when given. Kernel still detects a concurrent commit of the same
   * transaction id and concurrent metadata changes at commit time.
   */
  static Transaction updateWithNewSchema(
      Snapshot snapshot,
      String engineInfo,
      Operation operation,
      io.delta.kernel.types.StructType newSchema,
      Optional<String> appId,
      long version) {
    SnapshotImpl s = (SnapshotImpl) snapshot;
    Metadata metadata = s.getMetadata().withNewSchema(newSchema);
    Optional<SetTransaction> txn =
        appId.map(id -> new SetTransaction(id, version, Optional.of(System.currentTimeMillis())));
    return new TransactionImpl(
        false,
        s.getDataPath(),
        Optional.of(s),
        engineInfo,
        operation,
        Optional.empty(),
        Optional.of(metadata),
        s.getCommitter(),
        txn,
        Optional.empty(),
        Optional.empty(),
        0,
        System::currentTimeMillis);
  }

  /** The actions the streaming source reads from each commit. */
  private static final Set<DeltaAction> SOURCE_ACTIONS =
      Set.of(DeltaAction.ADD, DeltaAction.REMOVE, DeltaAction.METADATA, DeltaAction.PROTOCOL);

  /**
   * The commits of the table at {@code tablePath} from {@code startVersion} to the latest, each
   * with its {@code add}, {@code remove}, {@code metaData} and {@code protocol} actions. Kernel
   * lists the log once and checks that the versions are contiguous.
   */
  static CloseableIterator<CommitActions> commitActions(
      Engine engine, String tablePath, long startVersion) {
    return TableManager.loadCommitRange(
            tablePath, CommitRangeBuilder.CommitBoundary.atVersion(startVersion))
        .build(engine)
        .getCommitActions(engine, SOURCE_ACTIONS);
  }

  /** The table's id: the {@code id} of its {@code metaData}, new when a table is re-created. */
  static String tableId(Snapshot snapshot) {
    return snapshot.getMetadata().getId();
  }

  /** A {@code metaData} action's {@code schemaString} as Kernel's schema. */
  static io.delta.kernel.types.StructType parseSchema(String schemaString) {
    return DataTypeJsonSerDe.deserializeStructType(schemaString);
  }
}
