package io.tideline.spark.peer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Apache Spark as a peer process: runs one named workload in Spark local[2] and prints one result
 * line.
 *
 * <p>Started in its own JVM by the benchmark harness and by differential tests, with {@code java
 * -cp tideline-spark/target/classes:$(cat tideline-spark/target/classpath.txt)
 * io.tideline.spark.peer.SparkPeer WORKLOAD ARGS...}. Standard output carries exactly one line, a
 * JSON object whose {@code workload} field names the workload; logs go to standard error. On
 * failure the line holds an {@code error} object instead of results, and the exit code is 2 for the
 * peer's own failures (usage, spec, input) and 1 for anything else.
 *
 * <p>Workloads:
 *
 * <ul>
 *   <li>{@code json-orders-agg DIR [--warmup N] [--runs N] [--records N] [--conf key=value]...}:
 *       the engine-core benchmark, see {@link JsonOrdersAggregation}; {@code --conf} sets Spark
 *       settings, e.g. to see what a setting is worth;
 *   <li>{@code json-orders-agg-serve DIR [--conf key=value]...}: the same query, one timed run per
 *       {@code run} line on standard input, so a harness can interleave engines; see {@link
 *       JsonOrdersAggregation#serve} for the protocol (its lines come before the final one);
 *   <li>{@code streaming-serve WORKDIR [--conf key=value]...}: the streaming benchmark's
 *       measurements on Structured Streaming, one per command line on standard input; see {@link
 *       StreamingServe} for the protocol and {@link StreamingWorkloads} for the queries;
 *   <li>{@code delta-serve WORKDIR [--conf key=value]...}: Delta Lake reads and writes through
 *       delta-spark, one per command line, for the Delta interoperability tests; see {@link
 *       DeltaServe};
 *   <li>{@code delta-bench-serve WORKDIR [--conf key=value]...}: the Delta benchmark's bronze query
 *       and table checksums, in a session with delta-spark's extensions; see {@link
 *       DeltaBenchServe};
 *   <li>{@code sql-oracle SPEC.json [--output FILE]}: the differential-test oracle, see {@link
 *       SqlOracle};
 *   <li>{@code stream-oracle SPEC.json [--output FILE]}: the streaming differential-test oracle,
 *       see {@link StreamOracle}.
 * </ul>
 */
public final class SparkPeer {
  static final String USAGE =
      "Usage: SparkPeer json-orders-agg DIR [--warmup N] [--runs N] [--records N]"
          + " [--conf key=value]...\n"
          + "       SparkPeer json-orders-agg-serve DIR [--conf key=value]...\n"
          + "       SparkPeer streaming-serve WORKDIR [--conf key=value]...\n"
          + "       SparkPeer delta-serve WORKDIR [--conf key=value]...\n"
          + "       SparkPeer delta-bench-serve WORKDIR [--conf key=value]...\n"
          + "       SparkPeer sql-oracle SPEC.json [--output FILE]\n"
          + "       SparkPeer stream-oracle SPEC.json [--output FILE]";

  private SparkPeer() {}

  public static void main(String[] args) {
    String workload = args.length > 0 ? args[0] : "";
    ObjectNode result;
    int exitCode = 0;
    try {
      result = run(args);
    } catch (PeerException e) {
      result = failure(workload, e.condition().name(), e);
      exitCode = 2;
    } catch (Exception e) {
      result = failure(workload, null, e);
      exitCode = 1;
    }
    System.out.println(result.toString());
    System.out.flush();
    // Spark leaves non-daemon threads behind; the result is out, so end the JVM explicitly.
    System.exit(exitCode);
  }

  static ObjectNode run(String[] args) {
    if (args.length < 2) {
      throw PeerErrors.usage("Expected a workload and its input");
    }
    Arguments a = Arguments.parse(args);
    switch (args[0]) {
      case JsonOrdersAggregation.NAME -> {
        a.allowOnly(List.of("--warmup", "--runs", "--records", "--conf"));
        int warmup = a.intOption("--warmup", 1, 0);
        int runs = a.intOption("--runs", 3, 1);
        long records = a.intOption("--records", -1, -1);
        Map<String, String> conf = a.confOptions();
        try (PeerSession session = PeerSession.start("tideline-bench-" + args[0], conf)) {
          return JsonOrdersAggregation.run(session, Path.of(args[1]), warmup, runs, records);
        }
      }
      case JsonOrdersAggregation.SERVE_NAME -> {
        a.allowOnly(List.of("--conf"));
        return serveLoop(
            args[0],
            a.confOptions(),
            Path.of(args[1]),
            (session, dir) -> (in, out) -> JsonOrdersAggregation.serve(session, dir, in, out));
      }
      case StreamingServe.NAME -> {
        a.allowOnly(List.of("--conf"));
        return serveLoop(
            args[0],
            a.confOptions(),
            workDir(args[1]),
            (session, dir) -> new StreamingServe(session, dir)::serve);
      }
      case DeltaServe.NAME -> {
        a.allowOnly(List.of("--conf"));
        return serveLoop(
            args[0],
            DeltaServe.conf(a.confOptions()),
            workDir(args[1]),
            (session, dir) -> new DeltaServe(session, dir)::serve);
      }
      case DeltaBenchServe.NAME -> {
        a.allowOnly(List.of("--conf"));
        return serveLoop(
            args[0],
            DeltaBenchServe.sessionConf(a.confOptions()),
            workDir(args[1]),
            (session, dir) -> new DeltaBenchServe(session, dir)::serve);
      }
      case SqlOracle.NAME -> {
        a.allowOnly(List.of("--output"));
        Path spec = Path.of(args[1]);
        if (!spec.toFile().isFile()) {
          throw PeerErrors.inputNotFound("Spec file", spec);
        }
        return SqlOracle.run(spec, OracleSpec.read(spec, a.option("--output").map(Path::of)));
      }
      case StreamOracle.NAME -> {
        a.allowOnly(List.of("--output"));
        Path spec = Path.of(args[1]);
        if (!spec.toFile().isFile()) {
          throw PeerErrors.inputNotFound("Spec file", spec);
        }
        return StreamOracle.run(spec, a.option("--output").map(Path::of));
      }
      default -> throw PeerErrors.usage("Unknown workload '" + args[0] + "'");
    }
  }

  /** A command loop over standard input and output, as the serve workloads run one. */
  @FunctionalInterface
  private interface ServeLoop {
    void serve(BufferedReader in, PrintStream out) throws IOException;
  }

  private static Path workDir(String arg) {
    Path workDir = Path.of(arg);
    if (!workDir.toFile().isDirectory()) {
      throw PeerErrors.inputNotFound("Work folder", workDir);
    }
    return workDir;
  }

  /**
   * Runs a serve workload: one Spark session, commands read from standard input until {@code quit}
   * or its end, then the final {@code done} event.
   */
  private static ObjectNode serveLoop(
      String workload,
      Map<String, String> conf,
      Path workDir,
      BiFunction<PeerSession, Path, ServeLoop> loop) {
    try (PeerSession session = PeerSession.start("tideline-" + workload, conf)) {
      loop.apply(session, workDir)
          .serve(
              new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
              System.out);
    } catch (IOException e) {
      throw new UncheckedIOException("Lost the harness's commands on standard input", e);
    }
    ObjectNode done = new ObjectMapper().createObjectNode();
    done.put("workload", workload);
    done.put("event", "done");
    return done;
  }

  private static ObjectNode failure(String workload, String condition, Throwable e) {
    ObjectNode result = new ObjectMapper().createObjectNode();
    result.put("workload", workload);
    result.put("engine", "spark");
    ObjectNode error = condition != null ? result.putObject("error") : null;
    if (error != null) {
      error.put("condition", condition);
      error.put("message", e.getMessage());
    } else {
      result.set("error", SqlOracle.describe(e));
    }
    e.printStackTrace(System.err);
    return result;
  }

  /** The options after the workload name and its positional argument. */
  record Arguments(List<String> names, List<String> values) {
    static Arguments parse(String[] args) {
      List<String> names = new ArrayList<>();
      List<String> values = new ArrayList<>();
      for (int i = 2; i < args.length; i++) {
        if (!args[i].startsWith("--") || i + 1 >= args.length) {
          throw PeerErrors.usage(
              "Expected '--option value' pairs after the input, got '" + args[i] + "'");
        }
        names.add(args[i]);
        values.add(args[++i]);
      }
      return new Arguments(names, values);
    }

    void allowOnly(List<String> allowed) {
      for (String name : names) {
        if (!allowed.contains(name)) {
          throw PeerErrors.usage("Unknown option '" + name + "'; this workload takes " + allowed);
        }
      }
    }

    /** Every {@code --conf key=value}, in order; a later key wins. */
    Map<String, String> confOptions() {
      Map<String, String> conf = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i).equals("--conf")) {
          String kv = values.get(i);
          int eq = kv.indexOf('=');
          if (eq <= 0) {
            throw PeerErrors.usage("--conf takes key=value, got '" + kv + "'");
          }
          conf.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
      }
      return conf;
    }

    Optional<String> option(String name) {
      int i = names.lastIndexOf(name);
      return i < 0 ? Optional.empty() : Optional.of(values.get(i));
    }

    int intOption(String name, int defaultValue, int min) {
      Optional<String> text = option(name);
      if (text.isEmpty()) {
        return defaultValue;
      }
      try {
        int value = Integer.parseInt(text.get());
        if (value < min) {
          throw PeerErrors.usage(name + " must be at least " + min + ", got " + value);
        }
        return value;
      } catch (NumberFormatException e) {
        throw PeerErrors.usage(name + " takes a whole number, got '" + text.get() + "'");
      }
    }
  }
}
