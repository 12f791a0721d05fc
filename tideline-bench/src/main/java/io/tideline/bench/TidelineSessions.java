package io.tideline.bench;

import io.tideline.Tideline;
import java.nio.file.Path;

/**
 * How the streaming benchmarks start Tideline, so each measures the same session setup: two shuffle
 * partitions (as the Spark peer is configured) and a warehouse inside the run's work folder.
 */
public final class TidelineSessions {
  /** A started session and how long starting it took. */
  public record Started(Tideline tideline, double startSeconds) {}

  private TidelineSessions() {}

  /** Starts a session named {@code appName} whose warehouse lies in {@code workDir}. */
  public static Started start(String appName, Path workDir) {
    long t0 = System.nanoTime();
    Tideline t =
        Tideline.builder()
            .appName(appName)
            .warehouse(workDir.resolve("tideline-warehouse"))
            .config("tideline.shuffle.partitions", "2")
            .getOrCreate();
    return new Started(t, (System.nanoTime() - t0) / 1e9);
  }

  /** Tideline's version from the jar's manifest, or {@code dev} when run from classes. */
  public static String version() {
    String version = Tideline.class.getPackage().getImplementationVersion();
    return version != null ? version : "dev";
  }
}
