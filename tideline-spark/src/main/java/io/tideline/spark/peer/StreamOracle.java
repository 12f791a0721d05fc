package io.tideline.spark.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.StructType;

/**
 * Spark Structured Streaming as the oracle of streaming differential tests: runs each case of a
 * spec as a streaming query over file-source folders into which files "arrive" in steps, and writes
 * what Spark delivered batch by batch.
 *
 * <p>Spec (JSON): {@code conf} (session settings), {@code tables} (static views: {@code name},
 * {@code format}, {@code path}, {@code schema}, {@code options}) and {@code cases}, each with
 * {@code id}, optional {@code ansi}, {@code sources} ({@code name}, {@code format}, {@code schema},
 * {@code options}, {@code dir}: the empty folder the stream reads, optional {@code watermark}:
 * {@code eventTime} and {@code delay} for {@code withWatermark} on the source, which SQL has no
 * form for; optional {@code dedup}: {@code columns} and {@code withinWatermark} for {@code
 * dropDuplicates(columns)} or {@code dropDuplicatesWithinWatermark(columns)} after the watermark,
 * which SQL has no form for either), optional {@code conf} (settings for the case only), {@code
 * sql} over the source and table views, optional {@code queryName}, {@code outputMode}, {@code
 * trigger} ({@code processAllAvailable}: one run, {@code processAllAvailable()} after each step;
 * {@code availableNow} or {@code once}: one run per step with that trigger, on the same
 * checkpoint), {@code checkpoint} and {@code steps}: per step the files that arrive ({@code
 * source}, {@code file} to copy, {@code mtimeMs}), copied under a hidden name and renamed so the
 * source never sees half a file.
 *
 * <p>Each case yields one output line: {@code batches} (per {@code foreachBatch} call: {@code
 * batchId}, {@code schema} DDL, {@code rows} in the peer's value encoding), {@code progress} (every
 * {@code recentProgress} entry's JSON, parsed), and {@code error} (the query's failure as {@link
 * SqlOracle#describe}, plus {@code batchId}, the batch whose delivery failed, or -1) or {@code
 * startError} (a failure of {@code start()} itself, e.g. an output mode Spark refuses). A case with
 * {@code batchCall} ({@code collect}, {@code count}, {@code show}, {@code write}) instead calls
 * that batch-only method on the streaming query and reports Spark's refusal as {@code startError}.
 * A failing case does not stop the others.
 *
 * <p>Cases run {@code parallelism} at a time (default 1), each in a new session of the one Spark
 * context, with its own settings and views: most of a streaming query's time in Spark is latency
 * (start, polling, thread hand-offs), not work, so overlapping cases cuts the suite's time.
 */
final class StreamOracle {
  static final String NAME = "stream-oracle";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StreamOracle() {}

  /** Starts a session, runs every case of {@code specFile} and returns the summary line. */
  static ObjectNode run(Path specFile, Optional<Path> outputOverride) {
    JsonNode spec;
    try {
      spec = MAPPER.readTree(specFile.toFile());
    } catch (IOException e) {
      throw PeerErrors.invalidSpec(specFile, "not readable JSON (" + e.getMessage() + ")", e);
    }
    if (spec == null || !spec.isObject() || !spec.path("cases").isArray()) {
      throw PeerErrors.invalidSpec(specFile, "expected an object with a \"cases\" array");
    }
    Path output =
        outputOverride
            .or(
                () ->
                    spec.hasNonNull("output")
                        ? Optional.of(Path.of(spec.get("output").asText()))
                        : Optional.empty())
            .orElseThrow(
                () ->
                    PeerErrors.invalidSpec(
                        specFile, "no \"output\" in the spec and no --output on the command line"));
    Map<String, String> conf = strings(spec.get("conf"));
    try (PeerSession session = PeerSession.start("tideline-stream-oracle", conf)) {
      SparkSession spark = session.spark();
      int parallelism = Math.max(1, spec.path("parallelism").asInt(1));
      ExecutorService pool = Executors.newFixedThreadPool(parallelism);
      List<ObjectNode> results = new ArrayList<>();
      int failed = 0;
      try {
        List<Future<ObjectNode>> futures = new ArrayList<>();
        for (JsonNode c : spec.get("cases")) {
          futures.add(pool.submit(() -> runCase(caseSession(spark, spec), c)));
        }
        for (Future<ObjectNode> f : futures) {
          ObjectNode result = f.get();
          failed += result.has("error") || result.has("startError") ? 1 : 0;
          results.add(result);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while running the stream cases", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(
            "Bug in the stream oracle: a case crashed instead of answering: " + e.getCause(),
            e.getCause());
      } finally {
        pool.shutdownNow();
      }
      write(output, results);
      ObjectNode summary = JSON.objectNode();
      summary.put("workload", NAME);
      summary.put("engine", "spark");
      summary.put("engineVersion", spark.version());
      summary.put("output", output.toAbsolutePath().toString());
      summary.put("cases", results.size());
      summary.put("failedCases", failed);
      summary.put("sessionStartSeconds", session.startSeconds());
      return summary;
    }
  }

  /** Collects what the sink sees, keyed by batch id; the stream thread writes, the driver reads. */
  private static final class Recorder implements VoidFunction2<Dataset<Row>, Long> {
    private static final long serialVersionUID = 1L;
    final Map<Long, ObjectNode> batches = new LinkedHashMap<>();
    volatile long failedBatchId = -1;

    @Override
    public void call(Dataset<Row> batch, Long batchId) throws Exception {
      try {
        StructType schema = batch.schema();
        List<Row> rows = batch.collectAsList();
        ObjectNode node = JSON.objectNode();
        node.put("batchId", batchId);
        node.put("schema", schema.toDDL());
        ArrayNode out = node.putArray("rows");
        for (Row row : rows) {
          out.add(SparkValueEncoder.encodeRow(row, schema));
        }
        synchronized (batches) {
          batches.put(batchId, node);
        }
      } catch (Exception e) {
        // Spark throws checked SparkExceptions from Scala too, so catch them all.
        failedBatchId = batchId;
        throw e;
      }
    }
  }

  /**
   * A session of its own for one case: Spark's streaming queries take their settings from the
   * session that starts them, and the views are per session, so cases can run side by side without
   * seeing each other's ANSI mode or stream views.
   */
  private static SparkSession caseSession(SparkSession spark, JsonNode spec) {
    SparkSession session = spark.newSession();
    for (JsonNode table : spec.path("tables")) {
      DataFrameReader reader =
          session
              .read()
              .format(table.get("format").asText())
              .options(strings(table.get("options")));
      if (table.hasNonNull("schema")) {
        reader.schema(StructType.fromDDL(table.get("schema").asText()));
      }
      reader.load(table.get("path").asText()).createOrReplaceTempView(table.get("name").asText());
    }
    return session;
  }

  private static ObjectNode runCase(SparkSession spark, JsonNode c) {
    ObjectNode result = JSON.objectNode();
    result.put("id", c.get("id").asText());
    Map<String, String> caseConf = strings(c.get("conf"));
    if (c.hasNonNull("ansi")) {
      caseConf.put("spark.sql.ansi.enabled", Boolean.toString(c.get("ansi").asBoolean()));
    }
    Recorder recorder = new Recorder();
    List<StreamingQueryProgress> progress = new ArrayList<>();
    try {
      caseConf.forEach((k, v) -> spark.conf().set(k, v));
      for (JsonNode source : c.get("sources")) {
        Files.createDirectories(Path.of(source.get("dir").asText()));
        DataStreamReader reader =
            spark
                .readStream()
                .format(source.get("format").asText())
                .options(strings(source.get("options")));
        if (source.hasNonNull("schema")) {
          reader = reader.schema(StructType.fromDDL(source.get("schema").asText()));
        }
        Dataset<Row> stream = reader.load(source.get("dir").asText());
        if (source.hasNonNull("watermark")) {
          JsonNode watermark = source.get("watermark");
          stream =
              stream.withWatermark(
                  watermark.get("eventTime").asText(), watermark.get("delay").asText());
        }
        if (source.hasNonNull("dedup")) {
          stream = deduplicate(stream, source.get("dedup"));
        }
        stream.createOrReplaceTempView(source.get("name").asText());
      }
      if (c.hasNonNull("batchCall")) {
        result.set("startError", batchCall(spark, c));
        return finish(result, recorder, progress);
      }
      String trigger = c.path("trigger").asText("processAllAvailable");
      boolean runPerStep = trigger.equals("availableNow") || trigger.equals("once");
      StreamingQuery query = null;
      boolean starting = false;
      try {
        for (JsonNode files : c.get("steps")) {
          arrive(c, files);
          if (runPerStep) {
            starting = true;
            query = start(spark, c, recorder, trigger);
            starting = false;
            query.awaitTermination();
            progress.addAll(List.of(query.recentProgress()));
            query = null;
          } else {
            if (query == null) {
              starting = true;
              query = start(spark, c, recorder, trigger);
              starting = false;
            }
            query.processAllAvailable();
          }
        }
      } catch (Exception e) {
        ObjectNode error = SqlOracle.describe(e);
        if (starting) {
          result.set("startError", error);
        } else {
          error.put("batchId", recorder.failedBatchId);
          result.set("error", error);
        }
      } finally {
        if (query != null) {
          progress.addAll(List.of(query.recentProgress()));
          query.stop();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not prepare case " + c.get("id").asText(), e);
    } catch (Exception e) {
      // Analysis of the case's SQL failed before any query started.
      result.set("startError", SqlOracle.describe(e));
    }
    return finish(result, recorder, progress);
  }

  /**
   * {@code dropDuplicates(columns)}, or {@code dropDuplicatesWithinWatermark(columns)} when the
   * spec's {@code withinWatermark} is true, on a source after its watermark.
   */
  private static Dataset<Row> deduplicate(Dataset<Row> stream, JsonNode dedup) {
    List<String> columns = new ArrayList<>();
    dedup.get("columns").forEach(c -> columns.add(c.asText()));
    String first = columns.get(0);
    String[] rest = columns.subList(1, columns.size()).toArray(String[]::new);
    return dedup.path("withinWatermark").asBoolean(false)
        ? stream.dropDuplicatesWithinWatermark(first, rest)
        : stream.dropDuplicates(first, rest);
  }

  /** Adds what the sink recorded and the progress to a case's result line. */
  private static ObjectNode finish(
      ObjectNode result, Recorder recorder, List<StreamingQueryProgress> progress) {
    ArrayNode batches = result.putArray("batches");
    synchronized (recorder.batches) {
      recorder.batches.values().forEach(batches::add);
    }
    ArrayNode progressOut = result.putArray("progress");
    for (StreamingQueryProgress p : progress) {
      try {
        progressOut.add(MAPPER.readTree(p.json()));
      } catch (IOException e) {
        throw new UncheckedIOException("Spark wrote progress that is not JSON: " + p.json(), e);
      }
    }
    return result;
  }

  /**
   * Calls a batch-only method ({@code collect}, {@code count}, {@code show}, {@code write}) on the
   * case's streaming query, which Spark refuses; returns the refusal, or a description of the
   * call's unexpected success.
   */
  private static ObjectNode batchCall(SparkSession spark, JsonNode c) {
    try {
      Dataset<Row> df = spark.sql(c.get("sql").asText());
      switch (c.get("batchCall").asText()) {
        case "collect" -> df.collectAsList();
        case "count" -> df.count();
        case "show" -> df.show();
        case "write" -> df.write().format("json").save(c.get("checkpoint").asText() + "-out");
        default ->
            throw new IllegalArgumentException("Unknown batchCall " + c.get("batchCall").asText());
      }
      ObjectNode none = JSON.objectNode();
      none.putNull("condition");
      none.put("exception", "none");
      none.put("message", "Spark accepted the call");
      none.putArray("causeConditions");
      return none;
    } catch (Exception e) {
      return SqlOracle.describe(e);
    }
  }

  private static StreamingQuery start(
      SparkSession spark, JsonNode c, Recorder recorder, String trigger) throws Exception {
    Dataset<Row> df = spark.sql(c.get("sql").asText());
    var writer =
        df.writeStream()
            .outputMode(c.path("outputMode").asText("append"))
            .option("checkpointLocation", c.get("checkpoint").asText())
            .foreachBatch(recorder);
    if (c.hasNonNull("queryName")) {
      writer = writer.queryName(c.get("queryName").asText());
    }
    if (trigger.equals("availableNow")) {
      writer = writer.trigger(Trigger.AvailableNow());
    } else if (trigger.equals("once")) {
      writer = writer.trigger(Trigger.Once());
    }
    return writer.start();
  }

  /** Copies one step's files into their source folders, each appearing at once by a rename. */
  private static void arrive(JsonNode c, JsonNode files) throws IOException {
    Map<String, Path> dirs = new HashMap<>();
    for (JsonNode source : c.get("sources")) {
      dirs.put(source.get("name").asText(), Path.of(source.get("dir").asText()));
    }
    for (JsonNode file : files) {
      Path from = Path.of(file.get("file").asText());
      Path dir = dirs.get(file.get("source").asText());
      Path tmp = dir.resolve("." + from.getFileName() + ".tmp");
      Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.setLastModifiedTime(tmp, FileTime.fromMillis(file.get("mtimeMs").asLong()));
      Files.move(tmp, dir.resolve(from.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node != null) {
      node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    }
    return map;
  }

  private static void write(Path output, List<ObjectNode> results) {
    try {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
        for (ObjectNode result : results) {
          w.write(MAPPER.writeValueAsString(result));
          w.write('\n');
        }
      }
    } catch (IOException e) {
      throw PeerErrors.outputFailed(output, e);
    }
  }
}
