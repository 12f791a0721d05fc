package io.tideline.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the Tideline repository's root folder, where the benchmark's sibling modules live. */
final class RepoRoot {
  private RepoRoot() {}

  /**
   * The folder at or above {@code -Dtideline.repo} (default: the working directory) that holds both
   * {@code tideline-spark/} and {@code tideline-bench/}.
   *
   * @throws io.tideline.internal.errors.TidelineException {@code BENCH_REPO_NOT_FOUND}
   */
  static Path find() {
    String configured = System.getProperty("tideline.repo");
    Path start = Path.of(configured != null ? configured : "").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("tideline-spark"))
          && Files.isDirectory(dir.resolve("tideline-bench"))) {
        return dir;
      }
    }
    throw BenchErrors.repoNotFound(start);
  }
}
