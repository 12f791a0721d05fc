package io.tideline.internal.streaming.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of a file sink's output as its manifest lists them, as Spark's {@code
 * MetadataLogFileIndex}: files in the folder that no committed batch recorded (left by a crashed or
 * aborted attempt) are not part of the output.
 */
public final class SinkFileIndex {

  private final List<SinkFileStatus> statuses;

  private SinkFileIndex(List<SinkFileStatus> statuses) {
    this.statuses = statuses;
  }

  /** Whether a folder is a file sink's output, i.e. has a {@code _spark_metadata} folder. */
  public static boolean hasMetadata(Path folder) {
    return Files.isDirectory(folder.resolve(FileStreamSinkLog.METADATA_DIR));
  }

  /** The index of the latest committed state of a sink's manifest. */
  public static SinkFileIndex of(FileStreamSinkLog log) {
    List<SinkFileStatus> live = new ArrayList<>();
    for (SinkFileStatus status : log.allFiles()) {
      if (SinkFileStatus.ADD_ACTION.equals(status.action())) {
        live.add(status);
      }
    }
    return new SinkFileIndex(List.copyOf(live));
  }

  /** The manifest entries of the output's files, in manifest order. */
  public List<SinkFileStatus> statuses() {
    return statuses;
  }

  /**
   * The output's files as a listing for a file stream source reading this sink's folder, which must
   * read the manifest rather than the folder so it never sees uncommitted files.
   */
  public List<SourceFile> asSourceFiles() {
    List<SourceFile> files = new ArrayList<>(statuses.size());
    for (SinkFileStatus status : statuses) {
      files.add(new SourceFile(status.path(), status.size(), status.modificationTime()));
    }
    return files;
  }

  /** The output's files as local paths, in manifest order. */
  public List<Path> files() {
    List<Path> files = new ArrayList<>(statuses.size());
    for (SinkFileStatus status : statuses) {
      files.add(FilePaths.toPath(status.path()));
    }
    return files;
  }
}
