package io.tideline.internal.delta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.CommitStateUnknownException;
import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.utils.CloseableIterable;
import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.delta.DeltaScan.ScanFile;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.Union;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delta's {@code OPTIMIZE} (bin-packing compaction): rewrites the small files of a table, or of the
 * partitions a predicate selects, into larger ones, in one commit that changes no row.
 *
 * <p>Protocol of {@link #execute}:
 *
 * <ol>
 *   <li>Read the latest snapshot {@code V} and list its files (Kernel's log replay).
 *   <li>Keep the files of the partitions the predicates select, then those smaller than {@code
 *       tideline.delta.optimize.minFileSize}; per partition, sorted by size, pack them into bins of
 *       at most {@code tideline.delta.optimize.maxFileSize} bytes. A bin of one file is dropped:
 *       rewriting it alone would gain nothing (a partition with one small file is skipped).
 *   <li>No bin: return the metrics without a commit (an already compact table stays as it is).
 *   <li>Open an update transaction on {@code V}; read each bin with Tideline's Parquet reader and
 *       write it as one new file (one task per bin, bins in parallel) with the Delta task writer,
 *       under new unique names nothing refers to yet.
 *   <li>Check that the files hold as many rows as the {@code numRecords} of the files they replace.
 *   <li>Commit one version: an {@code add} per new file and a {@code remove} per rewritten file,
 *       all with {@code dataChange = false} (Delta streaming readers skip the commit), and a {@code
 *       commitInfo} with operation {@code OPTIMIZE}, Delta's parameters ({@code predicate}, {@code
 *       zOrderBy}, {@code auto}) and metrics.
 * </ol>
 *
 * <p>Concurrency: safe while other writers append. Appends only add files, so the bins (files of
 * {@code V}) stay valid; when an append commits first, Kernel's conflict resolution finds no file
 * removed by both commits and rebases this one onto the new version. A concurrent commit that
 * removed a file of a bin (an overwrite, another {@code OPTIMIZE}) fails this one with {@code
 * DELTA_CONCURRENT_DELETE_DELETE} (a metadata or protocol change: {@code DELTA_METADATA_CHANGED},
 * {@code DELTA_PROTOCOL_CHANGED}): nothing is committed, the new files are deleted. Every row is
 * thus in the table exactly once at every version, and only files read from {@code V} are removed.
 * Commits of this process to the table are serialised ({@link DeltaTable#commit}), so a stream of
 * the same JVM and this commit never both write version {@code N}.
 *
 * <p>Why not retry after a delete-delete conflict: the bins' rows may no longer be in the table (an
 * overwrite replaced them), so committing their rewrite would bring them back. delta-spark aborts
 * in that case too; running {@code OPTIMIZE} again compacts the table as it now is.
 *
 * <p>Recovery: a crash before the commit leaves unreferenced files (as any failed write; {@code
 * VACUUM} removes them); after it, the table is compacted.
 */
public final class DeltaOptimize {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaOptimize.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Files smaller than this many bytes are compacted: Delta's {@code optimize.minFileSize}. */
  public static final String MIN_FILE_SIZE = "tideline.delta.optimize.minFileSize";

  /** The largest file a compaction writes, in bytes: Delta's {@code optimize.maxFileSize}. */
  public static final String MAX_FILE_SIZE = "tideline.delta.optimize.maxFileSize";

  /** Delta's default for both sizes: 1 GiB. */
  static final long DEFAULT_FILE_SIZE = 1024L * 1024 * 1024;

  private final Tideline session;
  private final DeltaTable table;
  private final List<String> predicates;
  private final Runnable beforeCommit;
  private final long startMs = System.currentTimeMillis();

  private DeltaOptimize(
      Tideline session, DeltaTable table, List<String> predicates, Runnable beforeCommit) {
    this.session = session;
    this.table = table;
    this.predicates = List.copyOf(predicates);
    this.beforeCommit = beforeCommit;
  }

  /**
   * Compacts the table at {@code path} (see the class comment) and returns delta-spark's result:
   * one row with the table's {@code path} and the {@code metrics} struct.
   *
   * @param predicates partition predicates (Spark SQL text on partition columns), all of which must
   *     hold for a partition to be compacted; empty for the whole table
   */
  public static DataFrame execute(Tideline session, String path, List<String> predicates) {
    return execute(session, path, predicates, () -> {});
  }

  /**
   * {@link #execute(Tideline, String, List)}, running {@code beforeCommit} after the new files are
   * written and before the commit: how tests put a concurrent commit exactly there.
   */
  static DataFrame execute(
      Tideline session, String path, List<String> predicates, Runnable beforeCommit) {
    return new DeltaOptimize(session, DeltaTable.at(path), predicates, beforeCommit).run();
  }

  private DataFrame run() {
    Snapshot snapshot = table.latestOrFail();
    List<String> partitionColumns = snapshot.getPartitionColumnNames();
    for (String p : predicates) {
      DeltaPartitionFilter.verify(table.displayPath(), p, partitionColumns);
    }
    refuseUnsupportedFeatures(snapshot);
    long minFileSize = sizeConf(MIN_FILE_SIZE);
    long maxFileSize = sizeConf(MAX_FILE_SIZE);
    StructType tableSchema = DeltaSchemas.fromKernel(snapshot.getSchema(), table.displayPath());

    Map<Map<String, String>, List<ScanFile>> byPartition = new LinkedHashMap<>();
    for (ScanFile f : DeltaScan.files(table, snapshot)) {
      byPartition.computeIfAbsent(f.partitionValues(), k -> new ArrayList<>()).add(f);
    }
    Set<Map<String, String>> selected =
        DeltaPartitionFilter.matching(
            session,
            tableSchema,
            partitionColumns,
            new ArrayList<>(byPartition.keySet()),
            predicates);
    long considered = 0;
    List<List<ScanFile>> bins = new ArrayList<>();
    int partitionsOptimized = 0;
    for (Map<String, String> partition : selected) {
      List<ScanFile> files = byPartition.get(partition);
      considered += files.size();
      List<List<ScanFile>> partitionBins = binPack(files, minFileSize, maxFileSize);
      if (!partitionBins.isEmpty()) {
        partitionsOptimized++;
        bins.addAll(partitionBins);
      }
    }
    List<DataFile> written = new ArrayList<>();
    List<ScanFile> removed = new ArrayList<>();
    bins.forEach(removed::addAll);
    if (bins.isEmpty()) {
      LOG.info("OPTIMIZE of Delta table {}: nothing to compact", table.displayPath());
    } else {
      long version = commit(snapshot, tableSchema, bins, removed, written);
      LOG.info(
          "OPTIMIZE of Delta table {} committed version {}: {} files rewritten into {}",
          table.displayPath(),
          version,
          removed.size(),
          written.size());
    }
    return OptimizeMetrics.of(
            written,
            removed,
            partitionsOptimized,
            bins.size(),
            considered,
            startMs,
            System.currentTimeMillis())
        .toDataFrame(session, table.displayPath());
  }

  /**
   * Refuses what a bin-packing rewrite would break: row tracking (rewritten rows must keep their
   * row ids, which needs materialised row-id columns) and clustered tables (whose {@code OPTIMIZE}
   * clusters rather than packs). Column mapping and deletion vectors are refused by the scan.
   */
  private void refuseUnsupportedFeatures(Snapshot snapshot) {
    List<String> features = KernelInternals.detail(snapshot).tableFeatures();
    if (features.contains("rowTracking")) {
      throw DeltaErrors.unsupportedFeature(
          table.displayPath(),
          "row tracking, whose row ids OPTIMIZE must preserve",
          "Run OPTIMIZE with Apache Spark.");
    }
    if (features.contains("clustering")) {
      throw DeltaErrors.unsupportedFeature(
          table.displayPath(),
          "liquid clustering, whose OPTIMIZE clusters rather than compacts",
          "Run OPTIMIZE with Apache Spark.");
    }
  }

  /**
   * The bins of one partition: its files below {@code minFileSize}, smallest first, cut into groups
   * of at most {@code maxFileSize} bytes, keeping groups of two files or more (Delta's rule).
   */
  static List<List<ScanFile>> binPack(List<ScanFile> files, long minFileSize, long maxFileSize) {
    List<ScanFile> small = new ArrayList<>();
    for (ScanFile f : files) {
      if (f.size() < minFileSize) {
        small.add(f);
      }
    }
    small.sort(Comparator.comparingLong(ScanFile::size));
    List<List<ScanFile>> bins = new ArrayList<>();
    List<ScanFile> current = new ArrayList<>();
    long currentSize = 0;
    for (ScanFile f : small) {
      if (!current.isEmpty() && currentSize + f.size() > maxFileSize) {
        bins.add(current);
        current = new ArrayList<>();
        currentSize = 0;
      }
      current.add(f);
      currentSize += f.size();
    }
    if (!current.isEmpty()) {
      bins.add(current);
    }
    bins.removeIf(b -> b.size() < 2);
    return bins;
  }

  /** Steps 4 to 6 of the protocol; returns the committed version. */
  private long commit(
      Snapshot snapshot,
      StructType tableSchema,
      List<List<ScanFile>> bins,
      List<ScanFile> removed,
      List<DataFile> written) {
    Engine engine = table.engine();
    AtomicReference<Map<String, String>> operationMetrics = new AtomicReference<>(Map.of());
    Transaction txn;
    try {
      txn =
          KernelInternals.updateRecordingOperation(
              snapshot,
              DeltaTable.ENGINE_INFO,
              "OPTIMIZE",
              operationParameters(predicates),
              operationMetrics::get);
    } catch (KernelException e) {
      throw DeltaErrors.writeFailed(
          "OPTIMIZE", table.displayPath(), "", e, "fix the cause and run it again.");
    }
    Row txnState = txn.getTransactionState(engine);
    List<DataFile> files = Collections.synchronizedList(new ArrayList<>());
    List<Path> created = Collections.synchronizedList(new ArrayList<>());
    boolean committed = false;
    try {
      DeltaScan.checkReadable(table, snapshot);
      List<LogicalPlan> scans = new ArrayList<>();
      for (List<ScanFile> bin : bins) {
        List<Path> paths = new ArrayList<>();
        bin.forEach(f -> paths.add(f.path()));
        Map<Map<String, String>, List<Path>> partition = new LinkedHashMap<>();
        partition.put(bin.get(0).partitionValues(), paths);
        scans.add(DeltaScan.planFiles(tableSchema, snapshot.getPartitionColumnNames(), partition));
      }
      LogicalPlan plan = scans.size() == 1 ? scans.get(0) : new Union(scans);
      new DeltaWriter(table)
          .writeFiles(
              DataFrame.ofPlan(session, plan),
              onePartitionPerBin(session.conf()),
              tableSchema,
              snapshot.getPartitionColumnNames(),
              txnState,
              Map.of(),
              files,
              created);
      checkRowCounts(removed, files);
      written.addAll(files);
      operationMetrics.set(OptimizeMetrics.of(written, removed, 0, 0, 0, startMs, 0).forLog());
      beforeCommit.run();
      long now = System.currentTimeMillis();
      List<Row> actions = new ArrayList<>();
      for (Row add : DeltaWriter.appendActions(engine, txnState, files)) {
        actions.add(KernelInternals.withoutDataChange(add));
      }
      for (ScanFile f : removed) {
        actions.add(KernelInternals.removeWithoutDataChange(f.add(), now));
      }
      TransactionCommitResult result;
      try {
        result =
            table.commit(
                txn, CloseableIterable.inMemoryIterable(DeltaWriter.toCloseableIterator(actions)));
      } catch (CommitStateUnknownException e) {
        committed = true;
        throw DeltaErrors.commitStateUnknown("OPTIMIZE", table.displayPath(), "", e);
      }
      committed = true;
      new DeltaWriter(table).runHooks(result);
      return result.getVersion();
    } catch (ConcurrentWriteException e) {
      throw DeltaErrors.concurrentChange("OPTIMIZE", table.displayPath(), e);
    } catch (TidelineException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw DeltaErrors.writeFailed(
          "OPTIMIZE", table.displayPath(), "", e, "fix the cause and run it again.");
    } finally {
      if (!committed) {
        DeltaWriter.deleteQuietly(created);
      }
    }
  }

  /**
   * The session's configuration with file scans that never split or spread a bin: each bin's scan
   * is one task, so each bin becomes one file (Delta coalesces each bin to one partition).
   */
  private static TidelineConf onePartitionPerBin(TidelineConf conf) {
    TidelineConf copy = new TidelineConf(conf.asMap());
    copy.set(TidelineConf.PARALLELISM, "1");
    copy.set(TidelineConf.MAX_PARTITION_BYTES, Long.toString(Long.MAX_VALUE));
    return copy;
  }

  /**
   * Refuses to commit when the new files do not hold exactly the rows of the files they replace
   * (when those record {@code numRecords}): a compaction must never lose or duplicate a row.
   */
  private void checkRowCounts(List<ScanFile> removed, List<DataFile> written) {
    long expected = 0;
    for (ScanFile f : removed) {
      Optional<Long> n = new AddFile(f.add()).getNumRecords();
      if (n.isEmpty()) {
        return;
      }
      expected += n.get();
    }
    long actual = 0;
    for (DataFile f : written) {
      actual += f.rows();
    }
    if (actual != expected) {
      throw DeltaErrors.bug(
          table.displayPath(),
          "OPTIMIZE read "
              + actual
              + " rows from files whose add actions record "
              + expected
              + "; nothing was committed");
    }
  }

  /** Delta's {@code OPTIMIZE} parameters, JSON-encoded values as Delta writes them. */
  private static Map<String, String> operationParameters(List<String> predicates) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      out.put("predicate", JSON.writeValueAsString(predicates));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings is always JSON", e);
    }
    out.put("zOrderBy", "[]");
    out.put("auto", "false");
    return out;
  }

  private long sizeConf(String key) {
    String value = session.conf().get(key, Long.toString(DEFAULT_FILE_SIZE)).trim();
    try {
      long bytes = Long.parseLong(value);
      if (bytes > 0) {
        return bytes;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw DeltaErrors.invalidOption(key, value, "a positive number of bytes");
  }
}
