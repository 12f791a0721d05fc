package io.tideline.internal.streaming.files;

import io.tideline.internal.streaming.files.FileStreamSourceOptions.CleanSourceMode;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The file stream source's {@code cleanSource}: archives or deletes the files of a committed batch,
 * as Spark's {@code FileStreamSourceCleaner}.
 *
 * <p>Archiving moves a file to {@code sourceArchiveDir} followed by the file's own absolute path
 * ({@code /data/in/a.json} with archive {@code /archive} becomes {@code /archive/data/in/a.json}),
 * so files of the same name from different folders never collide. Spark refuses an archive folder
 * whose path, compared component by component with the source path over the shorter of the two,
 * matches it (glob components of the source included): archived files there could match the source
 * pattern and be read again. This refusal happens when the cleaner is created, before any batch
 * runs.
 *
 * <p>Cleaning is best effort, as in Spark: a file that cannot be moved or deleted (already gone,
 * target exists, no permission) is reported in the {@link Result} and the query goes on; the file
 * has been read and is in the source log, so it is never read twice either way.
 */
public final class SourceFileCleaner {

  /** What one {@link #clean} call did. */
  public record Result(List<Path> cleaned, List<Failure> failures) {}

  /** A file that could not be cleaned, and why. */
  public record Failure(Path file, String reason) {}

  private final CleanSourceMode mode;
  private final Optional<Path> archiveDir;

  private SourceFileCleaner(CleanSourceMode mode, Optional<Path> archiveDir) {
    this.mode = mode;
    this.archiveDir = archiveDir;
  }

  /**
   * The cleaner for a source, or empty when {@code cleanSource} is off.
   *
   * @param sourcePath the source folder or glob pattern, as the user gave it
   * @throws io.tideline.internal.errors.TidelineException {@code INVALID_CLEAN_SOURCE_ARCHIVE_DIR}
   *     if the archive folder could hold files the source would read; {@code
   *     CLEAN_SOURCE_ON_SINK_OUTPUT_UNSUPPORTED} if the source folder is a file sink's output
   */
  public static Optional<SourceFileCleaner> create(
      FileStreamSourceOptions options, Path sourcePath) {
    if (options.cleanSource() != CleanSourceMode.OFF) {
      checkNotSinkOutput(sourcePath, options.cleanSource());
    }
    return switch (options.cleanSource()) {
      case OFF -> Optional.empty();
      case DELETE -> Optional.of(new SourceFileCleaner(CleanSourceMode.DELETE, Optional.empty()));
      case ARCHIVE -> {
        Path archive =
            Path.of(options.sourceArchiveDir().orElseThrow()).toAbsolutePath().normalize();
        checkArchiveDir(sourcePath.toAbsolutePath().normalize(), archive);
        yield Optional.of(new SourceFileCleaner(CleanSourceMode.ARCHIVE, Optional.of(archive)));
      }
    };
  }

  /**
   * Refuses cleaning a file sink's output folder, as Spark does: its files are the sink's, listed
   * in its manifest. The source calls this again whenever it finds that its folder became a sink's
   * output, since a sink may start writing there after the query started.
   */
  public static void checkNotSinkOutput(Path sourcePath, CleanSourceMode mode) {
    if (SinkFileIndex.hasMetadata(sourcePath)) {
      throw FileStreamErrors.cleanSourceOnSinkOutput(
          sourcePath, mode.name().toLowerCase(Locale.ROOT));
    }
  }

  /** The mode, {@code ARCHIVE} or {@code DELETE}. */
  public CleanSourceMode mode() {
    return mode;
  }

  /** Where a source file is archived to (for {@code ARCHIVE}). */
  public Path archiveTarget(Path sourceFile) {
    Path absolute = sourceFile.toAbsolutePath().normalize();
    Path base =
        archiveDir.orElseThrow(
            () ->
                new IllegalStateException("Bug in Tideline: no archive dir in " + mode + " mode"));
    Path target = base;
    for (Path part :
        absolute.getRoot() == null ? absolute : absolute.getRoot().relativize(absolute)) {
      target = target.resolve(part.toString());
    }
    return target;
  }

  /** Archives or deletes the files of a committed batch. */
  public Result clean(List<FileEntry> committedFiles) {
    List<Path> cleaned = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (FileEntry entry : committedFiles) {
      Path file = FilePaths.toPath(entry.path());
      try {
        if (mode == CleanSourceMode.DELETE) {
          Files.delete(file);
        } else {
          Path target = archiveTarget(file);
          Files.createDirectories(target.getParent());
          Files.move(file, target);
        }
        cleaned.add(file);
      } catch (IOException | RuntimeException e) {
        failures.add(new Failure(file, String.valueOf(e)));
      }
    }
    return new Result(List.copyOf(cleaned), List.copyOf(failures));
  }

  private static void checkArchiveDir(Path sourcePath, Path archiveDir) {
    int sourceDepth = sourcePath.getNameCount();
    int archiveDepth = archiveDir.getNameCount();
    if (archiveDepth == 0) {
      throw FileStreamErrors.invalidArchiveDir(
          sourcePath, archiveDir, "the archive folder must not be the root folder");
    }
    int depth = Math.min(sourceDepth, archiveDepth);
    for (int i = 0; i < depth; i++) {
      String pattern = sourcePath.getName(i).toString();
      Path part = archiveDir.getName(i);
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      if (!matcher.matches(part)) {
        return;
      }
    }
    throw FileStreamErrors.invalidArchiveDir(
        sourcePath,
        archiveDir,
        "over their first "
            + depth
            + " path components the archive folder matches the source path, so archived files"
            + " could be read again as new input");
  }
}
