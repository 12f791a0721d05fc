package io.tideline.internal.delta;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.CommitStateUnknownException;
import io.delta.kernel.exceptions.ConcurrentTransactionException;
import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.transaction.UpdateTableTransactionBuilder;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.tideline.DataFrame;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.FileFormat;
import io.tideline.internal.datasource.FileFormats;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.exec.QueryExecution;
import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.Project;
import io.tideline.internal.vector.Batch;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one DataFrame into a Delta table as one commit: the protocol shared by the streaming sink
 * (one call per micro-batch) and {@code df.write().format("delta")}.
 *
 * <p>Protocol of {@link #write}:
 *
 * <ol>
 *   <li>Load the latest snapshot; when there is no table, create it from the data's schema (every
 *       column nullable), {@code partitionBy} and the {@code delta.*} properties, in a commit of
 *       its own: Kernel's create transaction cannot carry a transaction id.
 *   <li>With a transaction id ({@code appId}, {@code version}): if the table already records a
 *       version at or above it for {@code appId}, the write was committed before (a batch re-run
 *       after a crash between the Delta commit and {@code commits/N}): skip it. This check comes
 *       before any file is written.
 *   <li>Enforce the schema ({@link DeltaSchemas#enforce}) and the partition columns.
 *   <li>Open an update transaction carrying the transaction id (and the merged schema). Kernel
 *       refuses to build it when another writer recorded the id in between: skip.
 *   <li>Run the DataFrame; each task writes Parquet files into the table's (partition) folders
 *       under new unique names. Nothing refers to them yet, so readers never see them.
 *   <li>Commit, in one Delta version: the {@code add} actions of the new files (with {@code
 *       numRecords}, {@code minValues}, {@code maxValues} and {@code nullCount} statistics: {@link
 *       DeltaFileStats}), for an overwrite also a {@code remove} of every file of the snapshot read
 *       in step 1 (for a {@link Rewrite}, of the files it names), and the {@code txn} action. A
 *       concurrent commit of the same transaction id makes Kernel throw {@link
 *       ConcurrentTransactionException}: delete our files and skip.
 *   <li>Run Kernel's post-commit hooks (checkpoints every {@code delta.checkpointInterval}
 *       commits); a failing hook is logged and does not fail the write, which is committed.
 * </ol>
 *
 * <p>Recovery: a crash before step 6 leaves unreferenced files (a later {@code VACUUM} removes
 * them); a crash after it leaves a committed version whose {@code txn} makes the re-run skip.
 *
 * <p>Concurrency: commits of this JVM to one table are serialised ({@link DeltaTable#commit}), so
 * Kernel's conflict resolution sees every other writer of the process. One writer per table and
 * transaction id. Kernel's conflict checks cover appends against appends and the transaction id; an
 * overwrite racing another writer's append may lose the append's files (Kernel 4.4.0 detects only
 * delete-vs-delete among removals).
 */
final class DeltaWriter {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaWriter.class);

  /** What one write does. */
  enum Mode {
    /** Adds the data's files. */
    APPEND,
    /** Replaces every file of the table with the data's, in one commit. */
    OVERWRITE
  }

  /**
   * A transaction id: Delta's {@code txn} action, which makes a write idempotent.
   *
   * @param appId the writer's stable id (a streaming query's id)
   * @param version the write's number, increasing (a micro-batch id)
   */
  record TxnId(String appId, long version) {}

  /**
   * One write.
   *
   * @param mode append or overwrite
   * @param partitionBy partition columns requested (empty: keep the table's)
   * @param tableProperties {@code delta.*} properties applied when the write creates the table
   * @param mergeSchema whether new columns of the data are added to the table
   * @param txn the transaction id, if the write must be idempotent
   * @param operation the operation Kernel records in {@code commitInfo}
   * @param where what is writing, for messages (e.g. {@code ", query q (id ...), batch 3"})
   * @param writerOptions the Parquet writer's options (compression)
   */
  record Request(
      Mode mode,
      List<String> partitionBy,
      Map<String, String> tableProperties,
      boolean mergeSchema,
      Optional<TxnId> txn,
      Operation operation,
      String where,
      Map<String, String> writerOptions) {
    Request {
      partitionBy = List.copyOf(partitionBy);
      tableProperties = Map.copyOf(tableProperties);
      writerOptions = Map.copyOf(writerOptions);
    }
  }

  /**
   * What a write did.
   *
   * @param skipped whether the transaction id was committed before, so nothing was written
   * @param version the table version of the commit (the latest version when skipped)
   * @param rows the rows written
   */
  record Result(boolean skipped, long version, long rows) {}

  /**
   * What a write based on a snapshot commits besides its new files: the {@code remove} actions of
   * the snapshot's files that the new files replace (update mode's rewritten files).
   *
   * @param data the rows of the new files
   * @param removes Kernel {@code remove} actions ({@link KernelInternals#removeFile}) of files of
   *     the snapshot the rewrite was computed from
   */
  record Rewrite(DataFrame data, List<Row> removes) {
    Rewrite {
      removes = List.copyOf(removes);
    }
  }

  private final DeltaTable table;

  DeltaWriter(DeltaTable table) {
    this.table = table;
  }

  /** Writes {@code data} as one commit (or skips it); see the class comment for the protocol. */
  Result write(DataFrame data, Request request) {
    return write(data.schema(), snapshot -> data, request);
  }

  /**
   * Writes the DataFrame {@code dataOf} makes from the snapshot the commit is based on, as one
   * commit (or skips it, without calling {@code dataOf}). {@code dataSchema} is the schema checked
   * against the table's and used to create it; the DataFrame must have it, or be the table's
   * columns followed by it (a merge of the data into the snapshot's rows).
   */
  Result write(StructType dataSchema, Function<Snapshot, DataFrame> dataOf, Request request) {
    return rewrite(dataSchema, snapshot -> new Rewrite(dataOf.apply(snapshot), List.of()), request);
  }

  /**
   * Writes the rows {@code rewriteOf} makes from the snapshot the commit is based on and removes
   * the files it names, as one commit (or skips it, without calling {@code rewriteOf}); otherwise
   * as {@link #write(StructType, Function, Request)}.
   */
  Result rewrite(StructType dataSchema, Function<Snapshot, Rewrite> rewriteOf, Request request) {
    Engine engine = table.engine();
    Snapshot snapshot = table.latest().orElseGet(() -> create(dataSchema, request));
    if (request.txn().isPresent() && alreadyCommitted(snapshot, request.txn().get())) {
      return skipped(snapshot, request);
    }
    refuseColumnMapping(snapshot.getTableProperties());
    List<String> partitionColumns = snapshot.getPartitionColumnNames();
    checkPartitioning(request.partitionBy(), partitionColumns);
    StructType tableSchema = DeltaSchemas.fromKernel(snapshot.getSchema(), table.displayPath());
    StructType newSchema =
        DeltaSchemas.enforce(
            tableSchema, dataSchema, request.mergeSchema(), table.displayPath(), request.where());

    Transaction txn;
    try {
      if (newSchema != tableSchema) {
        txn =
            KernelInternals.updateWithNewSchema(
                snapshot,
                DeltaTable.ENGINE_INFO,
                request.operation(),
                DeltaSchemas.toKernel(newSchema, table.displayPath()),
                request.txn().map(TxnId::appId),
                request.txn().map(TxnId::version).orElse(0L));
      } else {
        UpdateTableTransactionBuilder builder =
            snapshot.buildUpdateTableTransaction(DeltaTable.ENGINE_INFO, request.operation());
        if (request.txn().isPresent()) {
          builder =
              builder.withTransactionId(request.txn().get().appId(), request.txn().get().version());
        }
        txn = builder.build(engine);
      }
    } catch (ConcurrentTransactionException e) {
      return skipped(snapshot, request);
    } catch (KernelException e) {
      throw DeltaErrors.writeFailed(
          "data", table.displayPath(), request.where(), e, "fix the cause and run it again.");
    }

    Row txnState = txn.getTransactionState(engine);
    List<DataFile> files = Collections.synchronizedList(new ArrayList<>());
    List<Path> created = Collections.synchronizedList(new ArrayList<>());
    boolean committed = false;
    try {
      Rewrite rewrite = rewriteOf.apply(snapshot);
      writeFiles(rewrite.data(), newSchema, partitionColumns, txnState, request, files, created);
      List<Row> actions = new ArrayList<>();
      if (request.mode() == Mode.OVERWRITE) {
        actions.addAll(
            KernelInternals.removeAllFiles(engine, snapshot, System.currentTimeMillis()));
      }
      actions.addAll(rewrite.removes());
      actions.addAll(appendActions(engine, txnState, files));
      TransactionCommitResult result;
      try {
        result =
            table.commit(txn, CloseableIterable.inMemoryIterable(toCloseableIterator(actions)));
      } catch (ConcurrentTransactionException e) {
        LOG.info(
            "Delta table {}: transaction {} was committed by another writer; skipping{}",
            table.displayPath(),
            request.txn(),
            request.where());
        return skipped(table.latestOrFail(), request);
      } catch (CommitStateUnknownException e) {
        // The commit may have landed: keep the files, a re-run will skip by transaction id.
        committed = true;
        throw DeltaErrors.commitStateUnknown("data", table.displayPath(), request.where(), e);
      }
      committed = true;
      runHooks(result);
      long rows = 0;
      for (DataFile f : files) {
        rows += f.rows();
      }
      return new Result(false, result.getVersion(), rows);
    } catch (ConcurrentWriteException e) {
      throw DeltaErrors.writeFailed(
          "data",
          table.displayPath(),
          request.where(),
          e,
          "another writer changed the table at the same time; run the write again.");
    } catch (TidelineException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw DeltaErrors.writeFailed(
          "data", table.displayPath(), request.where(), e, "fix the cause and run it again.");
    } finally {
      if (!committed) {
        deleteQuietly(created);
      }
    }
  }

  /**
   * Refuses column mapping: the files of such tables name columns by physical names, which
   * Tideline's writer does not use.
   */
  private void refuseColumnMapping(Map<String, String> properties) {
    String mapping = properties.getOrDefault("delta.columnMapping.mode", "none");
    if (!mapping.equalsIgnoreCase("none")) {
      throw DeltaErrors.unsupportedFeature(
          table.displayPath(),
          "column mapping (delta.columnMapping.mode = " + mapping + ")",
          "Write it with Apache Spark, or write to a table without column mapping.");
    }
  }

  /**
   * Creates the table from {@code schema} if there is none yet, as its own commit: {@code
   * toTable(name)} makes a missing table when its query starts, as Spark does, so that a query
   * reading the table can start before the first batch is written.
   */
  void createIfMissing(StructType schema, Request request) {
    if (table.latest().isEmpty()) {
      create(schema, request);
    }
  }

  private Snapshot create(StructType dataSchema, Request request) {
    refuseColumnMapping(request.tableProperties());
    for (String p : request.partitionBy()) {
      if (DeltaSchemas.find(dataSchema, p).isEmpty()) {
        throw DeltaErrors.partitionColumnNotFound(
            table.displayPath(), p, String.join(", ", dataSchema.fieldNames()));
      }
    }
    List<String> partitionBy = new ArrayList<>();
    for (String p : request.partitionBy()) {
      partitionBy.add(DeltaSchemas.find(dataSchema, p).get().name());
    }
    return table.create(dataSchema, partitionBy, request.tableProperties());
  }

  private boolean alreadyCommitted(Snapshot snapshot, TxnId txn) {
    Optional<Long> recorded = snapshot.getLatestTransactionVersion(table.engine(), txn.appId());
    return recorded.isPresent() && recorded.get() >= txn.version();
  }

  private Result skipped(Snapshot snapshot, Request request) {
    LOG.info(
        "Skipping already complete transaction {} of Delta table {}{}",
        request.txn().orElse(null),
        table.displayPath(),
        request.where());
    return new Result(true, snapshot.getVersion(), 0);
  }

  private void checkPartitioning(List<String> requested, List<String> table) {
    if (requested.isEmpty()) {
      return;
    }
    boolean same = requested.size() == table.size();
    for (int i = 0; same && i < requested.size(); i++) {
      same = requested.get(i).equalsIgnoreCase(table.get(i));
    }
    if (!same) {
      throw DeltaErrors.partitionColumnsMismatch(
          this.table.displayPath(), String.join(", ", requested), String.join(", ", table));
    }
  }

  /**
   * Runs the data into Parquet files: the plan projects the data columns (named as in the table)
   * and then the partition columns, which the task writers turn into folders.
   */
  private void writeFiles(
      DataFrame data,
      StructType tableSchema,
      List<String> partitionColumns,
      Row txnState,
      Request request,
      List<DataFile> files,
      List<Path> created) {
    writeFiles(
        data,
        data.session().conf(),
        tableSchema,
        partitionColumns,
        txnState,
        request.writerOptions(),
        files,
        created);
  }

  /**
   * Runs {@code data} into Parquet files of the transaction {@code txnState}, under {@code conf}
   * (which decides how the scans below split into tasks: each task writes its own files), adding
   * the completed files to {@code files} and every file created to {@code created}.
   */
  void writeFiles(
      DataFrame data,
      TidelineConf conf,
      StructType tableSchema,
      List<String> partitionColumns,
      Row txnState,
      Map<String, String> writerOptions,
      List<DataFile> files,
      List<Path> created) {
    LogicalPlan plan = data.logicalPlan();
    List<Expr> dataColumns = new ArrayList<>();
    List<Expr> keyColumns = new ArrayList<>();
    List<StructField> fileFields = new ArrayList<>();
    List<io.delta.kernel.types.DataType> partitionTypes = new ArrayList<>();
    for (String p : partitionColumns) {
      Attribute a = attribute(plan.output(), p);
      keyColumns.add(a);
      partitionTypes.add(
          DeltaSchemas.toKernel(new StructType().add(p, a.dataType()), table.displayPath())
              .at(0)
              .getDataType());
    }
    for (Attribute a : plan.output()) {
      if (keyColumns.contains(a)) {
        continue;
      }
      String name =
          DeltaSchemas.find(tableSchema, a.name()).map(StructField::name).orElse(a.name());
      dataColumns.add(name.equals(a.name()) ? a : new Alias(a, name));
      fileFields.add(new StructField(name, a.dataType(), true));
    }
    List<Expr> projection = new ArrayList<>(dataColumns);
    projection.addAll(keyColumns);
    StructType fileSchema = new StructType(fileFields);
    FileFormat parquet = FileFormats.find("parquet");
    Engine engine = table.engine();
    new QueryExecution(new Project(projection, plan), conf, data.session().pool())
        .runPartitions(
            (partition, input) -> {
              DeltaTaskWriter writer =
                  new DeltaTaskWriter(
                      engine,
                      txnState,
                      parquet,
                      fileSchema,
                      partitionColumns,
                      partitionTypes,
                      writerOptions,
                      conf,
                      partition);
              try (input) {
                try (writer) {
                  Batch b;
                  while ((b = input.next()) != null) {
                    writer.write(b);
                  }
                }
              } finally {
                created.addAll(writer.created());
              }
              files.addAll(writer.files());
            });
  }

  private Attribute attribute(List<Attribute> output, String name) {
    for (Attribute a : output) {
      if (a.name().equalsIgnoreCase(name)) {
        return a;
      }
    }
    List<String> names = new ArrayList<>();
    for (Attribute a : output) {
      names.add(a.name());
    }
    throw DeltaErrors.partitionColumnNotFound(table.displayPath(), name, String.join(", ", names));
  }

  /** Kernel's {@code add} actions of the files, grouped by the write context of their partition. */
  static List<Row> appendActions(Engine engine, Row txnState, List<DataFile> files)
      throws IOException {
    Map<DataWriteContext, List<DataFileStatus>> byContext = new IdentityHashMap<>();
    for (DataFile f : files) {
      byContext
          .computeIfAbsent(f.context(), c -> new ArrayList<>())
          .add(
              new DataFileStatus(
                  f.kernelPath(), f.size(), f.modificationTimeMs(), Optional.of(f.stats())));
    }
    List<Row> actions = new ArrayList<>();
    for (Map.Entry<DataWriteContext, List<DataFileStatus>> e : byContext.entrySet()) {
      try (CloseableIterator<Row> rows =
          Transaction.generateAppendActions(
              engine, txnState, toCloseableIterator(e.getValue()), e.getKey())) {
        while (rows.hasNext()) {
          actions.add(rows.next());
        }
      }
    }
    return actions;
  }

  void runHooks(TransactionCommitResult result) {
    for (PostCommitHook hook : result.getPostCommitHooks()) {
      try {
        hook.threadSafeInvoke(table.engine());
      } catch (IOException | RuntimeException e) {
        LOG.warn(
            "Delta table {}: post-commit hook {} failed after version {} (the commit stands): {}",
            table.displayPath(),
            hook.getType(),
            result.getVersion(),
            e.toString());
      }
    }
  }

  static <T> CloseableIterator<T> toCloseableIterator(List<T> list) {
    java.util.Iterator<T> it = list.iterator();
    return new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public T next() {
        return it.next();
      }

      @Override
      public void close() {}
    };
  }

  static void deleteQuietly(List<Path> files) {
    for (Path f : files) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        LOG.debug("Could not delete the uncommitted file {}", f, e);
      }
    }
  }
}
