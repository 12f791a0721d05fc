package io.tideline.conformance.streaming;

import io.tideline.conformance.Pipeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One streaming differential case: the stream sources it reads, the query over them, how it is
 * triggered and which staged files arrive at each step.
 *
 * @param sources the file sources, by view name
 * @param steps per step, the files that arrive before the engine processes what is available
 * @param ansi ANSI mode for this case, else the session's (on)
 * @param maskedColumns output columns whose values are not compared (non-deterministic, such as
 *     {@code current_timestamp()}); their names and types still are
 * @param batchCall instead of starting the query, call this batch-only method on it ({@code
 *     collect}, {@code count}, {@code show}, {@code write}), which both engines must refuse alike
 * @param conf session settings for this case only, by Spark name (Tideline's {@code tideline.} form
 *     of each is set in Tideline)
 */
record StreamCase(
    String id,
    List<Input> sources,
    Pipeline pipeline,
    String outputMode,
    Trigger trigger,
    Optional<Boolean> ansi,
    List<List<Arrival>> steps,
    Set<String> maskedColumns,
    Optional<String> batchCall,
    Map<String, String> conf) {

  /** How the engines drive the query through the steps. */
  enum Trigger {
    /** One run with the default trigger; {@code processAllAvailable()} after each step. */
    PROCESS_ALL_AVAILABLE,
    /** One {@code Trigger.AvailableNow()} run per step, restarted on the same checkpoint. */
    AVAILABLE_NOW,
    /** One {@code Trigger.Once()} run per step: everything available in one batch. */
    ONCE
  }

  /**
   * A file stream source registered under {@code name}, with {@code withWatermark} applied when
   * {@code watermark} is present, then {@code dropDuplicates} or {@code
   * dropDuplicatesWithinWatermark} when {@code dedup} is.
   */
  record Input(
      String name,
      String format,
      String schemaDdl,
      Map<String, String> options,
      Optional<Watermark> watermark,
      Optional<Dedup> dedup) {}

  /** {@code withWatermark(eventTime, delay)} on a source, before the case's query. */
  record Watermark(String eventTime, String delay) {}

  /**
   * {@code dropDuplicates(columns)} ({@code dropDuplicatesWithinWatermark(columns)} when {@code
   * withinWatermark}) on a source, after its watermark: SQL has no form for either ({@code SELECT
   * DISTINCT} is an aggregation).
   */
  record Dedup(List<String> columns, boolean withinWatermark) {}

  /**
   * A staged file (by name, in the data folder) arriving in the folder of source {@code source},
   * with its modification time moved by {@code ageShiftMs} from the case's regular sequence.
   */
  record Arrival(String source, String file, long ageShiftMs) {}

  /** Whether a source of the case has a watermark (its progress then reports event time). */
  boolean hasWatermark() {
    return sources.stream().anyMatch(in -> in.watermark().isPresent());
  }

  /** The case id as a folder name. */
  String folderName() {
    return id.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  static Builder builder(String id) {
    return new Builder(id);
  }

  /** Builds a case; sources default to {@code maxFilesPerTrigger=1}. */
  static final class Builder {
    private final String id;
    private final Map<String, Input> sources = new LinkedHashMap<>();
    private final List<List<Arrival>> steps = new ArrayList<>();
    private Pipeline pipeline;
    private String outputMode = "append";
    private Trigger trigger = Trigger.PROCESS_ALL_AVAILABLE;
    private Optional<Boolean> ansi = Optional.empty();
    private Set<String> masked = Set.of();
    private Optional<String> batchCall = Optional.empty();
    private final Map<String, String> conf = new LinkedHashMap<>();

    private Builder(String id) {
      this.id = id;
    }

    Builder source(String name, String format, String ddl, String... options) {
      Map<String, String> opts = new LinkedHashMap<>();
      opts.put("maxFilesPerTrigger", "1");
      for (int i = 0; i + 1 < options.length; i += 2) {
        opts.put(options[i], options[i + 1]);
      }
      sources.put(name, new Input(name, format, ddl, opts, Optional.empty(), Optional.empty()));
      return this;
    }

    /** Sets the watermark of a source declared before: {@code withWatermark(eventTime, delay)}. */
    Builder watermark(String source, String eventTime, String delay) {
      Input in = sources.get(source);
      if (in == null) {
        throw new IllegalStateException(
            "Bug in the stream corpus: case " + id + " has no source " + source);
      }
      sources.put(
          source,
          new Input(
              in.name(),
              in.format(),
              in.schemaDdl(),
              in.options(),
              Optional.of(new Watermark(eventTime, delay)),
              in.dedup()));
      return this;
    }

    /**
     * Deduplicates a source declared before, after its watermark: {@code dropDuplicates(columns)},
     * or {@code dropDuplicatesWithinWatermark(columns)} when {@code withinWatermark}.
     */
    Builder dedup(String source, boolean withinWatermark, String... columns) {
      Input in = sources.get(source);
      if (in == null) {
        throw new IllegalStateException(
            "Bug in the stream corpus: case " + id + " has no source " + source);
      }
      sources.put(
          source,
          new Input(
              in.name(),
              in.format(),
              in.schemaDdl(),
              in.options(),
              in.watermark(),
              Optional.of(new Dedup(List.of(columns), withinWatermark))));
      return this;
    }

    /**
     * A step: each file arrives in the source named before it, {@code "src:file"}, or {@code
     * "src:file@-48h"} for a file whose modification time is 48 hours older than its turn.
     */
    Builder step(String... arrivals) {
      List<Arrival> step = new ArrayList<>();
      for (String a : arrivals) {
        int colon = a.indexOf(':');
        int at = a.indexOf('@');
        String file = a.substring(colon + 1, at < 0 ? a.length() : at);
        long shiftMs =
            at < 0 ? 0 : Long.parseLong(a.substring(at + 1, a.length() - 1)) * 3_600_000L;
        step.add(new Arrival(a.substring(0, colon), file, shiftMs));
      }
      steps.add(step);
      return this;
    }

    Builder query(Pipeline pipeline) {
      this.pipeline = pipeline;
      return this;
    }

    Builder outputMode(String mode) {
      this.outputMode = mode;
      return this;
    }

    Builder availableNow() {
      this.trigger = Trigger.AVAILABLE_NOW;
      return this;
    }

    Builder once() {
      this.trigger = Trigger.ONCE;
      return this;
    }

    Builder ansi(boolean on) {
      this.ansi = Optional.of(on);
      return this;
    }

    Builder batchCall(String method) {
      this.batchCall = Optional.of(method);
      return this;
    }

    /**
     * A session setting for this case only, by its Spark name ({@code spark.sql...}); Tideline gets
     * the same setting under its {@code tideline.sql...} name.
     */
    Builder conf(String sparkKey, String value) {
      if (!sparkKey.startsWith("spark.")) {
        throw new IllegalStateException(
            "Bug in the stream corpus: case " + id + " sets " + sparkKey + ", not a Spark key");
      }
      conf.put(sparkKey, value);
      return this;
    }

    Builder mask(String... columns) {
      this.masked = Set.of(columns);
      return this;
    }

    StreamCase build() {
      if (pipeline == null || steps.isEmpty() || sources.isEmpty()) {
        throw new IllegalStateException("Bug in the stream corpus: case " + id + " is incomplete");
      }
      for (List<Arrival> step : steps) {
        for (Arrival a : step) {
          if (!sources.containsKey(a.source())) {
            throw new IllegalStateException(
                "Bug in the stream corpus: case " + id + " has no source " + a.source());
          }
        }
      }
      return new StreamCase(
          id,
          List.copyOf(sources.values()),
          pipeline,
          outputMode,
          trigger,
          ansi,
          List.copyOf(steps),
          masked,
          batchCall,
          Map.copyOf(conf));
    }
  }
}
