package io.tideline.conformance.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.errors.TidelineException;
import io.tideline.streaming.DataStreamWriter;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.streaming.StreamingQueryProgress;
import io.tideline.streaming.Trigger;
import io.tideline.testkit.spark.OracleAnswer;
import io.tideline.testkit.spark.StreamOracleAnswer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs one {@link StreamCase} in Tideline exactly as the Spark peer runs it (same staged files,
 * same modification times, same trigger discipline) and reports it in the oracle's answer shape.
 */
final class TidelineStreamRun {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Tideline tideline;
  private final Path dataDir;
  private final long baseMtimeMs;
  private final Function<String, DataFrame> tables;

  TidelineStreamRun(
      Tideline tideline, Path dataDir, long baseMtimeMs, Function<String, DataFrame> tables) {
    this.tideline = tideline;
    this.dataDir = dataDir;
    this.baseMtimeMs = baseMtimeMs;
    this.tables = tables;
  }

  /** The modification time of a case's {@code index}-th arriving file, the same in both engines. */
  static long mtimeMs(long baseMtimeMs, int index) {
    return baseMtimeMs + index * 1000L;
  }

  StreamOracleAnswer run(StreamCase c, Path caseDir) {
    String previousAnsi = tideline.conf().get(TidelineConf.ANSI_ENABLED, "true");
    tideline.conf().set(TidelineConf.ANSI_ENABLED, c.ansi().map(String::valueOf).orElse("true"));
    Map<String, String> previousConf = new LinkedHashMap<>();
    c.conf()
        .forEach(
            (sparkKey, value) -> {
              String key = tidelineKey(sparkKey);
              previousConf.put(key, tideline.conf().get(key, null));
              tideline.conf().set(key, value);
            });
    RecordingSink sink = new RecordingSink();
    List<StreamingQueryProgress> progress = new ArrayList<>();
    Optional<OracleAnswer.SparkError> error = Optional.empty();
    Optional<OracleAnswer.SparkError> startError = Optional.empty();
    long failedBatchId = -1;
    StreamingQuery query = null;
    boolean starting = true;
    try {
      Map<String, Path> dirs = new LinkedHashMap<>();
      Map<String, DataFrame> streams = new LinkedHashMap<>();
      for (StreamCase.Input in : c.sources()) {
        Path dir = Files.createDirectories(caseDir.resolve("in").resolve(in.name()));
        dirs.put(in.name(), dir);
        DataFrame stream =
            tideline
                .readStream()
                .format(in.format())
                .schema(in.schemaDdl())
                .options(in.options())
                .load(dir.toString());
        if (in.watermark().isPresent()) {
          stream =
              stream.withWatermark(in.watermark().get().eventTime(), in.watermark().get().delay());
        }
        if (in.dedup().isPresent()) {
          String[] columns = in.dedup().get().columns().toArray(String[]::new);
          stream =
              in.dedup().get().withinWatermark()
                  ? stream.dropDuplicatesWithinWatermark(columns)
                  : stream.dropDuplicates(columns);
        }
        streams.put(in.name(), stream);
      }
      DataFrame df =
          c.pipeline().tideline(n -> streams.containsKey(n) ? streams.get(n) : tables.apply(n));
      if (c.batchCall().isPresent()) {
        return batchCall(c, df, caseDir);
      }
      boolean runPerStep = c.trigger() != StreamCase.Trigger.PROCESS_ALL_AVAILABLE;
      int arrived = 0;
      for (List<StreamCase.Arrival> step : c.steps()) {
        for (StreamCase.Arrival a : step) {
          arrive(
              dataDir.resolve(a.file()),
              dirs.get(a.source()),
              mtimeMs(baseMtimeMs, arrived++) + a.ageShiftMs());
        }
        if (runPerStep) {
          starting = true;
          query =
              writer(df, c, sink, caseDir)
                  .trigger(
                      c.trigger() == StreamCase.Trigger.ONCE
                          ? Trigger.Once()
                          : Trigger.AvailableNow())
                  .start();
          starting = false;
          query.awaitTermination();
          progress.addAll(query.recentProgress());
          query = null;
        } else {
          if (query == null) {
            query = writer(df, c, sink, caseDir).start();
            starting = false;
          }
          query.processAllAvailable();
        }
      }
    } catch (StreamingQueryException e) {
      error = Optional.of(describe(e));
      failedBatchId = e.batchId();
    } catch (RuntimeException e) {
      if (starting) {
        startError = Optional.of(describe(e));
      } else {
        error = Optional.of(describe(e));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not prepare case " + c.id(), e);
    } finally {
      if (query != null) {
        progress.addAll(query.recentProgress());
        query.stop();
      }
      tideline.conf().set(TidelineConf.ANSI_ENABLED, previousAnsi);
      previousConf.forEach(
          (key, value) -> {
            if (value == null) {
              tideline.conf().unset(key);
            } else {
              tideline.conf().set(key, value);
            }
          });
    }
    List<JsonNode> progressJson = new ArrayList<>();
    for (StreamingQueryProgress p : progress) {
      try {
        progressJson.add(MAPPER.readTree(p.json()));
      } catch (IOException e) {
        throw new UncheckedIOException("Tideline wrote progress that is not JSON: " + p.json(), e);
      }
    }
    if (error.isPresent() && failedBatchId < 0) {
      failedBatchId = sink.failedBatchId();
    }
    return new StreamOracleAnswer(
        c.id(), sink.batches(), List.copyOf(progressJson), error, failedBatchId, startError);
  }

  /** A Spark setting's Tideline name: {@code spark.sql.x} is {@code tideline.sql.x}. */
  static String tidelineKey(String sparkKey) {
    return "tideline." + sparkKey.substring("spark.".length());
  }

  /** Calls the case's batch-only method on its streaming DataFrame; Spark refuses each one. */
  private static StreamOracleAnswer batchCall(StreamCase c, DataFrame df, Path caseDir) {
    Optional<OracleAnswer.SparkError> refusal;
    try {
      switch (c.batchCall().get()) {
        case "collect" -> df.collectAsList();
        case "count" -> df.count();
        case "show" -> df.show();
        case "write" -> df.write().format("json").save(caseDir.resolve("out").toString());
        default -> throw new IllegalArgumentException("Unknown batchCall " + c.batchCall().get());
      }
      refusal =
          Optional.of(
              new OracleAnswer.SparkError(
                  Optional.empty(), Map.of(), List.of(), "none", "Tideline accepted the call"));
    } catch (RuntimeException e) {
      refusal = Optional.of(describe(e));
    }
    return new StreamOracleAnswer(c.id(), List.of(), List.of(), Optional.empty(), -1, refusal);
  }

  private static DataStreamWriter writer(DataFrame df, StreamCase c, RecordingSink sink, Path dir) {
    return df.writeStream()
        .sink(sink)
        .queryName(c.folderName())
        .outputMode(c.outputMode())
        .option("checkpointLocation", dir.resolve("checkpoint").toString());
  }

  /** Copies a staged file into a source folder under a hidden name, then renames it in. */
  static void arrive(Path staged, Path dir, long mtimeMs) throws IOException {
    Path tmp = dir.resolve("." + staged.getFileName() + ".tmp");
    Files.copy(staged, tmp, StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(tmp, FileTime.fromMillis(mtimeMs));
    Files.move(tmp, dir.resolve(staged.getFileName()), StandardCopyOption.ATOMIC_MOVE);
  }

  /** A Tideline failure in the oracle's terms: its condition and its causes' conditions. */
  static OracleAnswer.SparkError describe(Throwable failure) {
    Optional<String> condition = Optional.empty();
    List<String> causes = new ArrayList<>();
    boolean first = true;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TidelineException te && te.getCondition() != null) {
        if (first) {
          condition = Optional.of(te.getCondition());
        } else {
          causes.add(te.getCondition());
        }
      }
      first = false;
    }
    return new OracleAnswer.SparkError(
        condition,
        Map.of(),
        causes,
        failure.getClass().getName(),
        String.valueOf(failure.getMessage()));
  }
}
