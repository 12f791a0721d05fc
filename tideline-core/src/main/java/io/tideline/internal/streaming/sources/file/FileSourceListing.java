package io.tideline.internal.streaming.sources.file;

import io.tideline.internal.streaming.files.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Lists the data files of a file stream source's path in one pass, as Spark's {@code
 * InMemoryFileIndex} over the globbed path: a file is itself; a folder is every file below it; a
 * glob (in any path component) is every file below each match. Names Spark treats as hidden or
 * unfinished are skipped below the path: those starting with {@code .}, those starting with {@code
 * _} unless they contain {@code =} (partition folders), and {@code ._COPYING_} files.
 *
 * <p>With {@code pathGlobFilter}, only files whose name matches that glob are listed, as Spark's
 * {@code PathGlobFilter}, which tests the file name only (folders are walked whatever their names).
 *
 * <p>Files that vanish while being listed are left out rather than failing the listing: they will
 * not be read in this batch, and a later listing decides about them again.
 */
final class FileSourceListing {

  private final Path root;
  private final int globDepth;
  private final PathMatcher matcher;
  private final PathMatcher nameFilter;

  /**
   * @param pattern the absolute, normalised path or glob the user gave
   */
  FileSourceListing(Path pattern) {
    this(pattern, Optional.empty());
  }

  /**
   * @param pattern the absolute, normalised path or glob the user gave
   * @param pathGlobFilter the {@code pathGlobFilter} option: a glob the file name must match
   */
  FileSourceListing(Path pattern, Optional<String> pathGlobFilter) {
    this.nameFilter =
        pathGlobFilter
            .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob))
            .orElse(null);
    int firstGlob = -1;
    for (int i = 0; i < pattern.getNameCount(); i++) {
      if (isGlob(pattern.getName(i).toString())) {
        firstGlob = i;
        break;
      }
    }
    if (firstGlob < 0) {
      this.root = pattern;
      this.globDepth = 0;
      this.matcher = null;
    } else {
      Path base = pattern.getRoot();
      for (int i = 0; i < firstGlob; i++) {
        base = base.resolve(pattern.getName(i).toString());
      }
      this.root = base;
      this.globDepth = pattern.getNameCount() - firstGlob;
      this.matcher =
          FileSystems.getDefault()
              .getPathMatcher("glob:" + pattern.subpath(firstGlob, pattern.getNameCount()));
    }
  }

  /** Whether a path string holds glob characters, as Hadoop's {@code isGlobPath}. */
  static boolean isGlob(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return true;
      }
    }
    return false;
  }

  boolean isGlob() {
    return matcher != null;
  }

  /** The files now present, in no particular order. */
  List<SourceFile> list() {
    List<SourceFile> files = new ArrayList<>();
    if (matcher == null) {
      walk(root, files, nameFilter);
      return files;
    }
    if (!Files.isDirectory(root)) {
      return files;
    }
    List<Path> matches = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          EnumSet.noneOf(FileVisitOption.class),
          globDepth,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (!dir.equals(root) && matches(dir)) {
                matches.add(dir);
                return FileVisitResult.SKIP_SUBTREE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (matches(file)) {
                matches.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path match : matches) {
      walk(match, files, nameFilter);
    }
    return files;
  }

  private boolean matches(Path path) {
    Path relative = root.relativize(path);
    return relative.getNameCount() == globDepth && matcher.matches(relative);
  }

  private static void walk(Path start, List<SourceFile> files, PathMatcher nameFilter) {
    try {
      Files.walkFileTree(
          start,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return dir.equals(start) || !hidden(dir)
                  ? FileVisitResult.CONTINUE
                  : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile()
                  && (file.equals(start) || !hidden(file))
                  && (nameFilter == null || nameFilter.matches(file.getFileName()))) {
                files.add(SourceFile.of(file, attrs));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw new UncheckedIOException(e);
            }
          });
    } catch (NoSuchFileException gone) {
      // The path itself is gone: nothing to list now.
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hidden(Path path) {
    String name = path.getFileName().toString();
    return (name.startsWith("_") && !name.contains("="))
        || name.startsWith(".")
        || name.endsWith("._COPYING_");
  }
}
