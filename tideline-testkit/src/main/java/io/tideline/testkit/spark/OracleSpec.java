package io.tideline.testkit.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code sql-oracle} run of the Spark peer: the inputs Spark registers as views and the queries
 * it answers, in the spec format of tideline-spark's README.
 *
 * <p>Inputs here are always files (absolute paths), so a differential test can point Tideline's
 * reader at the very same bytes Spark reads.
 */
public final class OracleSpec {
  private final Map<String, String> conf = new LinkedHashMap<>();
  private final List<Input> inputs = new ArrayList<>();
  private final List<Query> queries = new ArrayList<>();

  /** A file input Spark registers as the temporary view {@code name}. */
  public record Input(
      String name,
      String format,
      Path path,
      Optional<String> schemaDdl,
      Map<String, String> options) {
    public Input {
      options = Map.copyOf(options);
    }
  }

  /**
   * A query: SQL text over the views, with {@code ansi} set for this query only when present (Spark
   * restores the session's value afterwards).
   */
  public record Query(String id, String sql, Optional<Boolean> ansi) {}

  /** Sets a Spark setting for the whole session. */
  public OracleSpec conf(String key, String value) {
    conf.put(key, value);
    return this;
  }

  public OracleSpec input(Input input) {
    inputs.add(input);
    return this;
  }

  public OracleSpec query(Query query) {
    queries.add(query);
    return this;
  }

  public List<Query> queries() {
    return List.copyOf(queries);
  }

  /** The spec as the peer reads it, writing its answers to {@code output}. */
  String toJson(Path output) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    ObjectNode confNode = root.putObject("conf");
    conf.forEach(confNode::put);
    ArrayNode inputsNode = root.putArray("inputs");
    for (Input in : inputs) {
      ObjectNode node = inputsNode.addObject();
      node.put("name", in.name());
      node.put("format", in.format());
      node.put("path", in.path().toAbsolutePath().toString());
      in.schemaDdl().ifPresent(ddl -> node.put("schema", ddl));
      ObjectNode options = node.putObject("options");
      in.options().forEach(options::put);
    }
    ArrayNode queriesNode = root.putArray("queries");
    for (Query q : queries) {
      ObjectNode node = queriesNode.addObject();
      node.put("id", q.id());
      node.put("sql", q.sql());
      q.ansi().ifPresent(ansi -> node.put("ansi", ansi));
    }
    root.put("output", output.toAbsolutePath().toString());
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Bug in Tideline: could not write an oracle spec", e);
    }
  }
}
