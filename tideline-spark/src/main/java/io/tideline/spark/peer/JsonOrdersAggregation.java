package io.tideline.spark.peer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The engine-core benchmark's query on Spark: JSON order lines, filtered, grouped, summed, counted.
 *
 * <p>{@code read.schema(orders).json(dir).filter(amount > 100).groupBy(product).agg(sum(amount),
 * count(*))}, collected to the driver. Each run is timed from just before the read to just after
 * the collect, so the figure covers listing, parsing, filtering, the shuffle and the collect, but
 * not the session start, which is reported on its own. Each run also reports the CPU time the whole
 * JVM spent in it, which a busy machine inflates less than wall time. Warm-up runs let the JIT
 * compile Spark's code paths (and its generated code) before the measured runs.
 */
final class JsonOrdersAggregation {
  static final String NAME = "json-orders-agg";
  static final String SERVE_NAME = "json-orders-agg-serve";

  /** The seed post's order schema. */
  static final StructType ORDER_SCHEMA =
      new StructType()
          .add("order_id", DataTypes.StringType)
          .add("customer_id", DataTypes.StringType)
          .add("product", DataTypes.StringType)
          .add("amount", DataTypes.DoubleType)
          .add("order_time", DataTypes.TimestampType);

  private JsonOrdersAggregation() {}

  /**
   * Runs the workload and returns its result object.
   *
   * @param records the number of input lines if the caller knows it, or a negative number to have
   *     Spark count them in an untimed pass
   */
  static ObjectNode run(
      PeerSession session, Path dir, int warmupRuns, int measuredRuns, long records) {
    if (!Files.isDirectory(dir)) {
      throw PeerErrors.inputNotFound("Order folder", dir);
    }
    SparkSession spark = session.spark();
    String input = dir.toAbsolutePath().toString();
    long inputRecords = records >= 0 ? records : spark.read().text(input).count();

    for (int i = 0; i < warmupRuns; i++) {
      runOnce(spark, input);
    }
    double[] seconds = new double[measuredRuns];
    double[] cpuSeconds = new double[measuredRuns];
    List<Row> rows = List.of();
    for (int i = 0; i < measuredRuns; i++) {
      long cpu0 = ProcessCpu.nanos();
      long t0 = System.nanoTime();
      rows = runOnce(spark, input);
      seconds[i] = (System.nanoTime() - t0) / 1e9;
      cpuSeconds[i] = (ProcessCpu.nanos() - cpu0) / 1e9;
    }

    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode result = json.objectNode();
    result.put("workload", NAME);
    result.put("engine", "spark");
    result.put("engineVersion", spark.version());
    result.put("input", input);
    result.put("records", inputRecords);
    result.put("sessionStartSeconds", session.startSeconds());
    result.put("warmupRuns", warmupRuns);
    ArrayNode runs = result.putArray("runSeconds");
    Arrays.stream(seconds).forEach(runs::add);
    ArrayNode cpu = result.putArray("runCpuSeconds");
    Arrays.stream(cpuSeconds).forEach(cpu::add);
    double best = Arrays.stream(seconds).min().orElseThrow();
    double median = median(seconds);
    result.put("seconds", best);
    result.put("medianSeconds", median);
    result.put("recordsPerSecond", inputRecords / best);
    result.put("medianRecordsPerSecond", inputRecords / median);
    putRows(result, rows);
    return result;
  }

  /**
   * Serves timed runs on request: the harness's way to interleave Spark's runs with Tideline's, so
   * that both engines see the same load on a shared machine.
   *
   * <p>Protocol, one JSON object a line on {@code out}: first {@code {"event":"ready",
   * "engineVersion", "sessionStartSeconds"}}; then for each line {@code run} read from {@code in},
   * one {@code {"event":"run","seconds","cpuSeconds","rows"}}; a line {@code quit} or the end of
   * {@code in} ends the loop. Any other line is answered with a {@code PEER_USAGE} error line.
   */
  static void serve(PeerSession session, Path dir, BufferedReader in, PrintStream out)
      throws IOException {
    if (!Files.isDirectory(dir)) {
      throw PeerErrors.inputNotFound("Order folder", dir);
    }
    SparkSession spark = session.spark();
    String input = dir.toAbsolutePath().toString();
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode ready = json.objectNode();
    ready.put("workload", SERVE_NAME);
    ready.put("event", "ready");
    ready.put("engine", "spark");
    ready.put("engineVersion", spark.version());
    ready.put("sessionStartSeconds", session.startSeconds());
    emit(out, ready);
    String command;
    while ((command = in.readLine()) != null && !command.trim().equals("quit")) {
      ObjectNode result = json.objectNode();
      result.put("workload", SERVE_NAME);
      if (!command.trim().equals("run")) {
        result.put("event", "error");
        ObjectNode error = result.putObject("error");
        error.put("condition", PeerErrorCondition.PEER_USAGE.name());
        error.put("message", "Unknown command '" + command + "'; send 'run' or 'quit'");
        emit(out, result);
        continue;
      }
      long cpu0 = ProcessCpu.nanos();
      long t0 = System.nanoTime();
      List<Row> rows = runOnce(spark, input);
      result.put("event", "run");
      result.put("seconds", (System.nanoTime() - t0) / 1e9);
      result.put("cpuSeconds", (ProcessCpu.nanos() - cpu0) / 1e9);
      putRows(result, rows);
      emit(out, result);
    }
  }

  private static void emit(PrintStream out, ObjectNode line) {
    out.println(line.toString());
    out.flush();
  }

  private static void putRows(ObjectNode result, List<Row> rows) {
    ArrayNode out = result.putArray("rows");
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(r -> r.getString(0)));
    for (Row row : sorted) {
      ObjectNode o = out.addObject();
      o.put("product", row.getString(0));
      o.put("sum_amount", row.getDouble(1));
      o.put("count", row.getLong(2));
    }
  }

  private static List<Row> runOnce(SparkSession spark, String input) {
    return spark
        .read()
        .schema(ORDER_SCHEMA)
        .json(input)
        .filter(col("amount").gt(100))
        .groupBy("product")
        .agg(sum("amount"), count(lit(1)))
        .collectAsList();
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
