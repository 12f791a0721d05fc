package io.tideline.internal.delta;

import io.delta.kernel.CommitActions;
import io.delta.kernel.CommitRangeBuilder;
import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.Transaction;
import io.delta.kernel.commit.CommitFailedException;
import io.delta.kernel.commit.CommitMetadata;
import io.delta.kernel.commit.CommitResponse;
import io.delta.kernel.commit.Committer;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.DeltaLogActionUtils.DeltaAction;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.internal.TransactionImpl;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.internal.actions.CommitInfo;
import io.delta.kernel.internal.actions.Metadata;
import io.delta.kernel.internal.actions.Protocol;
import io.delta.kernel.internal.actions.SetTransaction;
import io.delta.kernel.internal.actions.SingleAction;
import io.delta.kernel.internal.data.GenericRow;
import io.delta.kernel.internal.tablefeatures.TableFeature;
import io.delta.kernel.internal.types.DataTypeJsonSerDe;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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
 *   <li>{@code OPTIMIZE} commits only rewrite files: their {@code add} and {@code remove} actions
 *       carry {@code dataChange = false} (Kernel's public API always writes {@code true}), so Delta
 *       streaming readers skip them; and their {@code commitInfo} says {@code OPTIMIZE} with its
 *       parameters and metrics, which Kernel's {@code Operation} enum cannot express.
 *   <li>{@code detail()} shows the table id, creation time and protocol versions, which Kernel's
 *       public {@code Snapshot} does not expose.
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

  /**
   * The {@code remove} action (with {@code dataChange = false}, deleted at {@code deletionTimeMs})
   * of the file whose {@code add} action is {@code add} (a scan file's {@code add} struct): a file
   * rewritten without changing the table's rows.
   */
  static Row removeWithoutDataChange(Row add, long deletionTimeMs) {
    Row remove = new AddFile(add).toRemoveFileRow(false, Optional.of(deletionTimeMs));
    return SingleAction.createRemoveFileSingleAction(remove);
  }

  /**
   * A copy of {@code addAction} (a single-action row with an {@code add}, as Kernel's {@code
   * generateAppendActions} returns) with {@code dataChange = false}.
   */
  static Row withoutDataChange(Row addAction) {
    Row add = addAction.getStruct(SingleAction.ADD_FILE_ORDINAL);
    StructType schema = add.getSchema();
    Map<Integer, Object> values = new HashMap<>();
    for (int i = 0; i < schema.length(); i++) {
      if (!add.isNullAt(i)) {
        values.put(i, valueAt(add, i, schema.at(i)));
      }
    }
    values.put(schema.indexOf("dataChange"), false);
    return SingleAction.createAddFileSingleAction(new GenericRow(schema, values));
  }

  private static Object valueAt(Row row, int i, StructField field) {
    if (field.getDataType() instanceof StringType) {
      return row.getString(i);
    } else if (field.getDataType() instanceof LongType) {
      return row.getLong(i);
    } else if (field.getDataType() instanceof IntegerType) {
      return row.getInt(i);
    } else if (field.getDataType() instanceof BooleanType) {
      return row.getBoolean(i);
    } else if (field.getDataType() instanceof MapType) {
      return row.getMap(i);
    } else if (field.getDataType() instanceof StructType) {
      return row.getStruct(i);
    }
    throw new IllegalStateException("add action field " + field + " of an unexpected type");
  }

  /**
   * An update transaction on {@code snapshot} whose commit records {@code operation} (Delta's name,
   * e.g. {@code OPTIMIZE}) with {@code parameters} and the metrics {@code metrics} computes when
   * the commit is written, instead of Kernel's operation names. Everything else is Kernel's: the
   * commit protocol, conflict resolution (a concurrent commit that only adds files is rebased over;
   * one that removes a file this transaction removes fails it), post-commit hooks.
   */
  static Transaction updateRecordingOperation(
      Snapshot snapshot,
      String engineInfo,
      String operation,
      Map<String, String> parameters,
      java.util.function.Supplier<Map<String, String>> metrics) {
    SnapshotImpl s = (SnapshotImpl) snapshot;
    Committer kernels = s.getCommitter();
    Committer recording =
        new Committer() {
          @Override
          public CommitResponse commit(
              Engine engine, CloseableIterator<Row> actions, CommitMetadata metadata)
              throws CommitFailedException {
            CommitInfo kernel = metadata.getCommitInfo();
            CommitInfo ours =
                new CommitInfo(
                    kernel.getInCommitTimestamp(),
                    kernel.getTimestamp(),
                    kernel.getEngineInfo(),
                    Optional.of(operation),
                    parameters,
                    Optional.of(false),
                    kernel.getTxnId(),
                    metrics.get());
            Row commitInfo = SingleAction.createCommitInfoSingleAction(ours.toRow());
            return kernels.commit(
                engine,
                actions.map(a -> a.isNullAt(SingleAction.COMMIT_INFO_ORDINAL) ? a : commitInfo),
                metadata);
          }
        };
    return new TransactionImpl(
        false,
        s.getDataPath(),
        Optional.of(s),
        engineInfo,
        Operation.MANUAL_UPDATE,
        Optional.empty(),
        Optional.empty(),
        recording,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        0,
        System::currentTimeMillis);
  }

  /**
   * What {@code DESCRIBE DETAIL} shows of a snapshot beyond Kernel's public API.
   *
   * @param id the table's id ({@code metaData.id})
   * @param name the table's name, if the log records one
   * @param description the table's description, if any
   * @param createdAtMs when the table was created ({@code metaData.createdTime}), if recorded
   * @param minReaderVersion the protocol's reader version
   * @param minWriterVersion the protocol's writer version
   * @param tableFeatures the table features the protocol supports, sorted
   */
  record TableDetail(
      String id,
      Optional<String> name,
      Optional<String> description,
      Optional<Long> createdAtMs,
      int minReaderVersion,
      int minWriterVersion,
      List<String> tableFeatures) {}

  /** The table id, creation time and protocol of {@code snapshot}. */
  static TableDetail detail(Snapshot snapshot) {
    SnapshotImpl s = (SnapshotImpl) snapshot;
    Metadata metadata = s.getMetadata();
    Protocol protocol = s.getProtocol();
    // As delta-spark's DESCRIBE DETAIL: a legacy protocol (1, 2) lists the features its versions
    // imply (appendOnly, invariants), a table-features protocol the ones it names.
    Set<String> features = new TreeSet<>();
    for (TableFeature f : protocol.getImplicitlyAndExplicitlySupportedFeatures()) {
      features.add(f.featureName());
    }
    return new TableDetail(
        metadata.getId(),
        metadata.getName(),
        metadata.getDescription(),
        metadata.getCreatedTime(),
        protocol.getMinReaderVersion(),
        protocol.getMinWriterVersion(),
        List.copyOf(features));
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
