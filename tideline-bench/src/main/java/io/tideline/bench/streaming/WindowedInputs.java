package io.tideline.bench.streaming;

import io.tideline.Tideline;
import io.tideline.bench.WorkFolder;
import io.tideline.internal.conf.TidelineConf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The windowed benchmark's inputs inside the work folder: the bids as JSON lines and the same rows
 * as Parquet, one Parquet file per JSON file with the same rows in the same order and the same
 * modification time, so both formats split into the same batches; and the two state inputs.
 *
 * <p>The generator ({@link BidEvents}) writes the JSON lines; a Tideline batch query (one split per
 * file) turns each JSON file into its Parquet file. The answers the engines must give come from the
 * generator alone ({@link WindowedAnswer#expected}), so a fault in that conversion shows as a wrong
 * answer rather than passing unseen.
 *
 * @param bids the throughput events
 * @param files how many files they are split over
 * @param json the folder of {@code bids-NNNNN.json}
 * @param parquet the folder of {@code bids-NNNNN.parquet}
 * @param liveKeys the state events, or null when no state workload runs
 * @param stateBuild a Parquet file of every state event: one bid per key
 * @param stateExtra a Parquet file of the first {@link #EXTRA_EVENTS} state events again, for the
 *     restart's first batch
 */
record WindowedInputs(
    BidEvents bids,
    int files,
    Path json,
    Path parquet,
    BidEvents liveKeys,
    Path stateBuild,
    Path stateExtra) {
  /** Bids of the restart's first batch, each on a key the state already holds. */
  static final int EXTRA_EVENTS = 1000;

  /** Writes the inputs under {@code workDir}; {@code stateKeys} 0 skips the state inputs. */
  static WindowedInputs write(Path workDir, BidEvents bids, int files, long stateKeys) {
    Path json = workDir.resolve("bids-json");
    Path parquet = workDir.resolve("bids-parquet");
    bids.writeJson(json, files);
    BidEvents live = null;
    Path build = null;
    Path extra = null;
    Path stateJson = workDir.resolve("state-json");
    if (stateKeys > 0) {
      live = BidEvents.liveKeys(stateKeys, BidEvents.DEFAULT_START_MILLIS);
      live.writeJson(stateJson, 1);
      BidEvents again =
          new BidEvents(
              Math.min(EXTRA_EVENTS, stateKeys),
              live.auctions(),
              live.eventsPerSecond(),
              0,
              live.startMillis());
      again.writeJson(stateJson.resolve("extra"), 1);
    }
    try (Tideline t =
        Tideline.builder()
            .appName("windowed-bench-inputs")
            .warehouse(workDir.resolve("inputs-warehouse"))
            .config(TidelineConf.PARALLELISM, "1")
            .config(TidelineConf.MAX_PARTITION_BYTES, Long.toString(1L << 40))
            .getOrCreate()) {
      for (int f = 0; f < files; f++) {
        Path from = json.resolve(BidEvents.fileName(f, "json"));
        toParquet(t, from, parquet.resolve(BidEvents.fileName(f, "parquet")), workDir);
      }
      if (stateKeys > 0) {
        build = workDir.resolve("state-build").resolve("live-keys.parquet");
        toParquet(t, stateJson.resolve(BidEvents.fileName(0, "json")), build, workDir);
        extra = workDir.resolve("state-extra").resolve("extra-keys.parquet");
        toParquet(
            t, stateJson.resolve("extra").resolve(BidEvents.fileName(0, "json")), extra, workDir);
      }
    }
    return new WindowedInputs(bids, files, json, parquet, live, build, extra);
  }

  /** Rewrites one JSON file as one Parquet file with the same rows, order and mtime. */
  private static void toParquet(Tideline t, Path jsonFile, Path parquetFile, Path workDir) {
    Path staging = workDir.resolve("parquet-staging");
    try {
      t.read()
          .schema(TidelineWindowedEngine.BID_SCHEMA)
          .json(jsonFile.toString())
          .write()
          .mode("overwrite")
          .parquet(staging.toString());
      List<Path> parts;
      try (Stream<Path> listing = Files.list(staging)) {
        parts =
            listing.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
      }
      if (parts.size() != 1) {
        throw new IllegalStateException(
            "Bug in Tideline: writing "
                + jsonFile
                + " as Parquet with one split made "
                + parts.size()
                + " files");
      }
      Files.createDirectories(parquetFile.getParent());
      Files.move(parts.get(0), parquetFile, StandardCopyOption.REPLACE_EXISTING);
      Files.setLastModifiedTime(parquetFile, Files.getLastModifiedTime(jsonFile));
      WorkFolder.deleteRecursively(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + parquetFile, e);
    }
  }

  /** The answers a throughput run may give: see {@link WindowedAnswer#expected}. */
  List<WindowedAnswer> expected(int maxFilesPerTrigger, String outputMode) {
    return WindowedAnswer.expected(bids, files, maxFilesPerTrigger, outputMode);
  }

  /**
   * The restart's first batch: one row per extra bid, each key counted twice (once in the state,
   * once now) with the same price both times.
   */
  WindowedAnswer expectedRecovery() {
    long n = Math.min(EXTRA_EVENTS, liveKeys.events());
    long prices = 0;
    for (long i = 0; i < n; i++) {
      prices += liveKeys.price(i);
    }
    return new WindowedAnswer(n, 2 * n, prices);
  }

  /** Bytes of the JSON input, for the table's header. */
  long jsonBytes() {
    return folderBytes(json);
  }

  long parquetBytes() {
    return folderBytes(parquet);
  }

  private static long folderBytes(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + dir, e);
    }
  }
}
