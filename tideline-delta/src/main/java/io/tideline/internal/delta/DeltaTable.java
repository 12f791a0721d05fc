package io.tideline.internal.delta;

import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.defaults.engine.hadoopio.HadoopFileIO;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.MetricsReporter;
import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.TableAlreadyExistsException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.transaction.CreateTableTransactionBuilder;
import io.delta.kernel.transaction.DataLayoutSpec;
import io.delta.kernel.utils.CloseableIterable;
import io.tideline.internal.errors.TidelineException;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * One Delta table at a local path, seen through Delta Kernel: its snapshots (latest, at a version,
 * at a timestamp) and its creation. Holds no state beyond the path; every call reads the log anew.
 */
final class DeltaTable {
  /**
   * The engine every table shares: Kernel's default, on Hadoop's local file system, without its
   * logging metrics reporter, which serialises a JSON report of every snapshot, scan and commit
   * (once per micro-batch) only to log it at INFO.
   */
  private static final Engine ENGINE =
      new DefaultEngine(new HadoopFileIO(new Configuration())) {
        @Override
        public List<MetricsReporter> getMetricsReporters() {
          return List.of();
        }
      };

  /** The engine name Kernel records in {@code commitInfo.engineInfo}. */
  static final String ENGINE_INFO = "Tideline";

  private static final Pattern COMMIT_FILE = Pattern.compile("\\d{20}\\.json");

  /**
   * One lock per table folder, held around every commit this JVM makes to the table. Kernel's
   * default log store on the local file system (delta-storage's {@code HDFSLogStore}) checks that
   * {@code NNN.json} does not exist and then renames its temporary file onto it: two writers of one
   * process (a stream and an {@code OPTIMIZE}, two streams) can both pass the check, and the second
   * rename silently replaces the first commit. Under the lock the check and the rename are atomic
   * for writers of this JVM; the loser sees the file and Kernel resolves the conflict as designed.
   * Writers in other processes are not covered (Delta's documented limit for local storage).
   */
  private static final ConcurrentHashMap<Path, Object> COMMIT_LOCKS = new ConcurrentHashMap<>();

  private final Path root;

  private DeltaTable(Path root) {
    this.root = root;
  }

  /** The table at {@code path} (a local path or a {@code file:} URI); it need not exist yet. */
  static DeltaTable at(String path) {
    String p = path.startsWith("file:") ? Path.of(java.net.URI.create(path)).toString() : path;
    return new DeltaTable(Path.of(p).toAbsolutePath().normalize());
  }

  Engine engine() {
    return ENGINE;
  }

  /**
   * Commits {@code txn} with {@code actions} under this table's commit lock (see {@link
   * #COMMIT_LOCKS}); Kernel's conflict resolution and retries run inside it.
   */
  TransactionCommitResult commit(Transaction txn, CloseableIterable<Row> actions)
      throws ConcurrentWriteException {
    synchronized (commitLock()) {
      return txn.commit(ENGINE, actions);
    }
  }

  private Object commitLock() {
    return COMMIT_LOCKS.computeIfAbsent(root, r -> new Object());
  }

  /** The table's folder. */
  Path root() {
    return root;
  }

  /** The path Kernel is given. */
  String kernelPath() {
    return root.toString();
  }

  /** The path users see in messages. */
  String displayPath() {
    return root.toString();
  }

  /** Whether the table has a log with at least one commit. */
  boolean exists() {
    return latest().isPresent();
  }

  /** The latest snapshot, or empty when there is no table at the path. */
  Optional<Snapshot> latest() {
    try {
      return Optional.of(TableManager.loadSnapshot(kernelPath()).build(ENGINE));
    } catch (TableNotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw logFailure(e, -1);
    }
  }

  /**
   * The error for a failure of Kernel reading the log from {@code fromVersion} (negative: from the
   * latest checkpoint): a missing or unreadable commit file when the log has one, named with its
   * version and path, else {@code DELTA_READ_FAILED} with Kernel's reason.
   */
  RuntimeException logFailure(RuntimeException kernelFailure, long fromVersion) {
    return logFailure(kernelFailure, fromVersion, displayPath());
  }

  /** {@link #logFailure(RuntimeException, long)} naming the table as {@code shown}. */
  RuntimeException logFailure(RuntimeException kernelFailure, long fromVersion, String shown) {
    Optional<RuntimeException> diagnosed = DeltaLogCheck.diagnose(this, shown, fromVersion);
    if (diagnosed.isEmpty()) {
      return DeltaErrors.readFailed(shown, kernelFailure);
    }
    diagnosed.get().addSuppressed(kernelFailure);
    return diagnosed.get();
  }

  /** The latest snapshot, or {@code DELTA_MISSING_DELTA_TABLE}. */
  Snapshot latestOrFail() {
    return latest().orElseThrow(() -> DeltaErrors.notADeltaTable(displayPath()));
  }

  /** The snapshot at {@code version}, or {@code DELTA_VERSION_NOT_FOUND}. */
  Snapshot atVersion(long version) {
    Snapshot latest = latestOrFail();
    if (version < 0 || version > latest.getVersion()) {
      throw DeltaErrors.versionNotFound(
          displayPath(), version, earliestVersion(), latest.getVersion());
    }
    try {
      return TableManager.loadSnapshot(kernelPath()).atVersion(version).build(ENGINE);
    } catch (KernelException e) {
      RuntimeException diagnosed = logFailure(e, earliestVersion());
      if (!(diagnosed instanceof TidelineException t)
          || t.condition() == DeltaErrors.Condition.DELTA_READ_FAILED) {
        throw DeltaErrors.versionNotFound(
            displayPath(), version, earliestVersion(), latest.getVersion());
      }
      throw diagnosed;
    }
  }

  /**
   * The snapshot of the latest commit at or before {@code timestampMs}, or Delta's error when the
   * timestamp is after the latest commit or before the earliest one.
   */
  Snapshot atTimestamp(long timestampMs, String shown) {
    Snapshot latest = latestOrFail();
    long latestMs = latest.getTimestamp(ENGINE);
    if (timestampMs > latestMs) {
      throw DeltaErrors.timestampAfterLatest(
          displayPath(), shown, java.time.Instant.ofEpochMilli(latestMs).toString());
    }
    try {
      return TableManager.loadSnapshot(kernelPath()).atTimestamp(timestampMs, latest).build(ENGINE);
    } catch (KernelException e) {
      long earliestMs =
          TableManager.loadSnapshot(kernelPath())
              .atVersion(earliestVersion())
              .build(ENGINE)
              .getTimestamp(ENGINE);
      throw DeltaErrors.timestampBeforeEarliest(
          displayPath(), shown, java.time.Instant.ofEpochMilli(earliestMs).toString());
    }
  }

  /** The smallest version whose commit file is still in the log. */
  long earliestVersion() {
    try (Stream<Path> files = Files.list(root.resolve("_delta_log"))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> COMMIT_FILE.matcher(n).matches())
          .mapToLong(n -> Long.parseLong(n.substring(0, 20)))
          .min()
          .orElse(0);
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Creates the table with {@code schema} (every column nullable, as Delta creates a table from a
   * query), {@code partitionColumns} and {@code properties}, in a commit of its own (version 0),
   * and returns its snapshot. When another writer created it first, returns that table.
   */
  Snapshot create(
      StructType schema, List<String> partitionColumns, Map<String, String> properties) {
    CreateTableTransactionBuilder builder =
        TableManager.buildCreateTableTransaction(
                kernelPath(), DeltaSchemas.toKernel(schema, displayPath()), ENGINE_INFO)
            .withTableProperties(properties);
    if (!partitionColumns.isEmpty()) {
      List<Column> columns = new ArrayList<>();
      for (String c : partitionColumns) {
        columns.add(new Column(c));
      }
      builder = builder.withDataLayoutSpec(DataLayoutSpec.partitioned(columns));
    }
    try {
      synchronized (commitLock()) {
        builder.build(ENGINE).commit(ENGINE, CloseableIterable.emptyIterable());
      }
    } catch (TableAlreadyExistsException e) {
      // Another writer won the race to create it: write into theirs, with its schema checks.
    } catch (KernelException e) {
      throw DeltaErrors.writeFailed(
          "the table's creation", displayPath(), "", e, "check the table properties.");
    }
    return latestOrFail();
  }
}
