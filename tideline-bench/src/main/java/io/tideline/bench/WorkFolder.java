package io.tideline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A benchmark run's temporary folder for inputs and checkpoints, deleted on {@link #close} and, if
 * the run is interrupted (Ctrl-C skips the caller's {@code finally}), by a shutdown hook.
 */
public final class WorkFolder implements AutoCloseable {
  private final Path path;
  private final Thread cleanup;

  private WorkFolder(Path path, Thread cleanup) {
    this.path = path;
    this.cleanup = cleanup;
  }

  /**
   * Makes a new temporary folder named {@code tideline-<name>-bench-...} and registers its
   * shutdown-hook deletion, a thread named {@code <name>-bench-cleanup}.
   */
  public static WorkFolder create(String name) {
    Path path;
    try {
      path = Files.createTempDirectory("tideline-" + name + "-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not make a temporary work folder", e);
    }
    Thread cleanup = new Thread(() -> deleteRecursively(path), name + "-bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    return new WorkFolder(path, cleanup);
  }

  /** The folder. */
  public Path path() {
    return path;
  }

  /** Deletes the folder and drops the shutdown hook. */
  @Override
  public void close() {
    deleteRecursively(path);
    Runtime.getRuntime().removeShutdownHook(cleanup);
  }

  /**
   * Deletes {@code root} and everything under it, if it exists; a failure is reported on standard
   * error rather than thrown, so it never hides a run's own outcome.
   */
  public static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              if (e != null) {
                throw e;
              }
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      System.err.println("Could not delete the work folder " + root + ": " + e);
    }
  }
}
