package io.tideline.internal.delta;

import io.delta.kernel.Snapshot;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.exceptions.KernelEngineException;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the streaming source knows of a table's log: the commits it has read, by version, and the
 * files of the snapshot a query starts from. Each commit file is read once (through Kernel) and
 * kept until the query has committed past it.
 *
 * <p>Why a cache and a probe rather than Kernel on every trigger: asking Kernel for the latest
 * version lists the whole {@code _delta_log} folder and replays from the last checkpoint. An idle
 * table needs none of that: {@link #refresh} looks for the next commit file (one {@code stat}) and,
 * when it is not there, at the folder's modification time, so a gap in the versions (a missing
 * commit file while later ones appeared) is still noticed and reported instead of waiting forever.
 *
 * <p>Not thread-safe: the query's stream thread calls it.
 */
final class DeltaChangeLog {
  private static final Pattern COMMIT_FILE = Pattern.compile("\\d{20}\\.json");

  private final DeltaTable table;
  private final String shown;
  private final Path logDir;
  private final TreeMap<Long, DeltaCommitFiles> commits = new TreeMap<>();

  /** The newest version known to exist. */
  private long latestVersion;

  /** The log folder's modification time when it was last listed for a gap. */
  private long listedLogDirMtime = Long.MIN_VALUE;

  private long snapshotVersion = -1;
  private List<AddedFile> snapshotFiles;

  DeltaChangeLog(DeltaTable table, String shown, long latestVersion) {
    this.table = table;
    this.shown = shown;
    this.logDir = table.root().resolve("_delta_log");
    this.latestVersion = latestVersion;
  }

  /** The newest version known, without looking at the log. */
  long latestVersion() {
    return latestVersion;
  }

  /**
   * Reads the commits that appeared since the last call and returns the newest version. Costs one
   * file-system check, two when the log folder changed, when no commit appeared.
   */
  long refresh() {
    if (!Files.exists(DeltaLogCheck.commitFile(table.root(), latestVersion + 1))
        && !gapAppeared()) {
      return latestVersion;
    }
    // Kernel fails on a gap; the failure names the missing version and file.
    for (DeltaCommitFiles c : DeltaCommitFiles.readFrom(table, shown, latestVersion + 1)) {
      commits.put(c.version(), c);
      latestVersion = Math.max(latestVersion, c.version());
    }
    return latestVersion;
  }

  /** Whether commit files after the next version exist while the next one does not. */
  private boolean gapAppeared() {
    long mtime;
    try {
      mtime = Files.getLastModifiedTime(logDir).toMillis();
    } catch (IOException e) {
      return false;
    }
    if (mtime == listedLogDirMtime) {
      return false;
    }
    listedLogDirMtime = mtime;
    try (Stream<Path> files = Files.list(logDir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> COMMIT_FILE.matcher(n).matches())
          .anyMatch(n -> Long.parseLong(n.substring(0, 20)) > latestVersion + 1);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The commit of {@code version}: from memory, or read with every later commit when this instance
   * has not read it (after a restart).
   */
  DeltaCommitFiles commit(long version) {
    DeltaCommitFiles c = commits.get(version);
    if (c != null) {
      return c;
    }
    for (DeltaCommitFiles read : DeltaCommitFiles.readFrom(table, shown, version)) {
      commits.put(read.version(), read);
      latestVersion = Math.max(latestVersion, read.version());
    }
    c = commits.get(version);
    if (c == null) {
      throw DeltaErrors.bug(
          table.displayPath(),
          "the streaming source needs version "
              + version
              + " but the log ends at "
              + latestVersion);
    }
    return c;
  }

  /** Forgets the commits before {@code version}: the query will not ask for them again. */
  void forgetBefore(long version) {
    commits.headMap(version).clear();
    if (snapshotFiles != null && snapshotVersion < version) {
      snapshotFiles = null;
      snapshotVersion = -1;
    }
  }

  /**
   * The files of the snapshot at {@code version} in delta-spark's order for a starting snapshot: by
   * modification time, then path, so an offset's index means the same file after a restart.
   */
  List<AddedFile> snapshotFiles(long version) {
    if (snapshotFiles != null && snapshotVersion == version) {
      return snapshotFiles;
    }
    Snapshot snapshot = table.atVersion(version);
    List<AddedFile> files = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> scanFiles =
        snapshot.getScanBuilder().build().getScanFiles(table.engine())) {
      while (scanFiles.hasNext()) {
        try (CloseableIterator<Row> rows = scanFiles.next().getRows()) {
          while (rows.hasNext()) {
            Row scanFile = rows.next();
            Row add = scanFile.getStruct(scanFile.getSchema().indexOf("add"));
            DeltaScan.checkNoDeletionVector(table, add);
            files.add(
                new AddedFile(
                    add.getString(add.getSchema().indexOf("path")),
                    DeltaScan.toMap(add.getMap(add.getSchema().indexOf("partitionValues"))),
                    add.getLong(add.getSchema().indexOf("size")),
                    add.getLong(add.getSchema().indexOf("modificationTime"))));
          }
        }
      }
    } catch (IOException e) {
      throw DeltaErrors.readFailed(shown, e);
    } catch (KernelException | KernelEngineException e) {
      // Kernel reads the log lazily: a bad commit file may only show while listing the files.
      throw table.logFailure(e, -1, shown);
    }
    files.sort(
        Comparator.comparingLong(AddedFile::modificationTime).thenComparing(AddedFile::path));
    snapshotFiles = List.copyOf(files);
    snapshotVersion = version;
    return snapshotFiles;
  }
}
