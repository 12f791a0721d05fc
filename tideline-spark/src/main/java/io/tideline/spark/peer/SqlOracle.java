package io.tideline.spark.peer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * Spark as the oracle of differential tests: runs a spec's queries and writes what Spark answers.
 *
 * <p>Each query yields one JSON line in the output file, in spec order: either its schema and rows
 * (in Spark's collect order; compare as a multiset unless the query orders its rows), or the error
 * Spark raised, with Spark's condition name, SQL state and message parameters, so a test can check
 * that Tideline fails the same way. A failing query does not stop the ones after it.
 */
final class SqlOracle {
  static final String NAME = "sql-oracle";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private SqlOracle() {}

  /** Starts a session for the spec, runs it and returns the summary line's object. */
  static ObjectNode run(Path specFile, OracleSpec spec) {
    Map<String, String> conf = new HashMap<>(spec.conf());
    spec.ansi().ifPresent(ansi -> conf.put("spark.sql.ansi.enabled", Boolean.toString(ansi)));
    try (PeerSession session = PeerSession.start("tideline-sql-oracle", conf)) {
      SparkSession spark = session.spark();
      for (OracleSpec.Input input : spec.inputs()) {
        register(spark, input);
      }
      List<ObjectNode> results = new ArrayList<>();
      int failed = 0;
      for (OracleSpec.Query query : spec.queries()) {
        ObjectNode result = runQuery(spark, query);
        failed += result.has("error") ? 1 : 0;
        results.add(result);
      }
      write(spec.output(), results);

      ObjectNode summary = JSON.objectNode();
      summary.put("workload", NAME);
      summary.put("engine", "spark");
      summary.put("engineVersion", spark.version());
      summary.put("spec", specFile.toAbsolutePath().toString());
      summary.put("output", spec.output().toAbsolutePath().toString());
      summary.put("queries", results.size());
      summary.put("failedQueries", failed);
      summary.put("sessionStartSeconds", session.startSeconds());
      return summary;
    }
  }

  private static void register(SparkSession spark, OracleSpec.Input input) {
    DataFrameReader reader = spark.read().format(input.format()).options(input.options());
    input.schemaDdl().ifPresent(ddl -> reader.schema(StructType.fromDDL(ddl)));
    Dataset<Row> df;
    if (input.path().isPresent()) {
      Path path = input.path().get();
      if (!Files.exists(path)) {
        throw PeerErrors.inputNotFound("Input '" + input.name() + "'", path);
      }
      df = reader.load(path.toString());
    } else {
      Dataset<String> lines = spark.createDataset(input.lines(), Encoders.STRING());
      df =
          switch (input.format()) {
            case "json" -> reader.json(lines);
            case "csv" -> reader.csv(lines);
            default ->
                throw new IllegalStateException(
                    "Bug in Tideline: OracleSpec let inline lines through for format "
                        + input.format());
          };
    }
    df.createOrReplaceTempView(input.name());
  }

  static ObjectNode runQuery(SparkSession spark, OracleSpec.Query query) {
    ObjectNode result = JSON.objectNode();
    result.put("id", query.id());
    Map<String, Option<String>> previous = new HashMap<>();
    query.conf().forEach((k, v) -> previous.put(k, spark.conf().getOption(k)));
    try {
      query.conf().forEach((k, v) -> spark.conf().set(k, v));
      Dataset<Row> df =
          query.sql().isPresent()
              ? spark.sql(query.sql().get())
              : spark
                  .table(query.input().orElseThrow())
                  .selectExpr(query.select().toArray(new String[0]));
      StructType schema = df.schema();
      List<Row> rows = df.collectAsList();
      result.put("schema", schema.toDDL());
      ArrayNode out = result.putArray("rows");
      for (Row row : rows) {
        out.add(SparkValueEncoder.encodeRow(row, schema));
      }
    } catch (Exception e) {
      // Spark's AnalysisException is a checked exception to Java; both kinds are answers here.
      result.set("error", describe(e));
    } finally {
      previous.forEach(
          (k, old) -> {
            if (old.isDefined()) {
              spark.conf().set(k, old.get());
            } else {
              spark.conf().unset(k);
            }
          });
    }
    return result;
  }

  /**
   * Describes a Spark failure: the outermost condition, which is what a Spark user sees, and the
   * conditions of its causes, since Spark wraps some (a bad record inside {@code FAILED_READ_FILE},
   * for example).
   */
  static ObjectNode describe(Throwable failure) {
    ObjectNode error = JSON.objectNode();
    ArrayNode causes = JSON.arrayNode();
    boolean first = true;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SparkThrowable st && st.getCondition() != null) {
        if (first) {
          error.put("condition", st.getCondition());
          error.put("sqlState", st.getSqlState());
          ObjectNode parameters = error.putObject("parameters");
          st.getMessageParameters().forEach(parameters::put);
          first = false;
        } else {
          causes.add(st.getCondition());
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    if (first) {
      error.putNull("condition");
    }
    error.put("exception", failure.getClass().getName());
    error.put("message", String.valueOf(failure.getMessage()));
    error.set("causeConditions", causes);
    return error;
  }

  private static void write(Path output, List<ObjectNode> results) {
    ObjectMapper mapper = new ObjectMapper();
    try {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
        for (ObjectNode result : results) {
          w.write(mapper.writeValueAsString(result));
          w.write('\n');
        }
      }
    } catch (IOException e) {
      throw PeerErrors.outputFailed(output, e);
    }
  }
}
