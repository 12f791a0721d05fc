package io.tideline.spark.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one {@code sql-oracle} run does: the inputs to register, the queries to run, where results
 * go. Parsed from the JSON spec file documented in the module README; relative paths resolve
 * against the spec file's folder.
 */
record OracleSpec(
    Optional<Boolean> ansi,
    Map<String, String> conf,
    List<Input> inputs,
    List<Query> queries,
    Path output) {

  /** A table registered as a temporary view, read from files or from inline text lines. */
  record Input(
      String name,
      String format,
      Optional<Path> path,
      List<String> lines,
      Optional<String> schemaDdl,
      Map<String, String> options) {}

  /**
   * A query: either SQL text over the registered views, or a list of expressions selected from one
   * input (the form differential expression tests use), with settings that hold for this query only
   * (say, ANSI off for one query of an otherwise ANSI spec).
   */
  record Query(
      String id,
      Optional<String> sql,
      Optional<String> input,
      List<String> select,
      Map<String, String> conf) {}

  static OracleSpec read(Path specFile, Optional<Path> outputOverride) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(specFile.toFile());
    } catch (IOException e) {
      throw PeerErrors.invalidSpec(specFile, "not readable JSON (" + e.getMessage() + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw PeerErrors.invalidSpec(specFile, "the top level must be a JSON object");
    }
    Path base = specFile.toAbsolutePath().getParent();
    Optional<Boolean> ansi =
        root.hasNonNull("ansi") ? Optional.of(root.get("ansi").asBoolean()) : Optional.empty();
    Map<String, String> conf = stringMap(root.get("conf"));

    List<Input> inputs = new ArrayList<>();
    for (JsonNode in : iterable(root.get("inputs"))) {
      String name = required(specFile, in, "name", "inputs[]");
      Optional<Path> path = optionalText(in, "path").map(base::resolve);
      List<String> lines = new ArrayList<>();
      for (JsonNode line : iterable(in.get("lines"))) {
        lines.add(line.asText());
      }
      if (path.isPresent() == in.has("lines")) {
        throw PeerErrors.invalidSpec(
            specFile, "input '" + name + "' needs exactly one of \"path\" and \"lines\"");
      }
      String format = optionalText(in, "format").orElse("json");
      if (!lines.isEmpty() && !format.equals("json") && !format.equals("csv")) {
        throw PeerErrors.invalidSpec(
            specFile,
            "input '"
                + name
                + "' gives inline \"lines\" in format '"
                + format
                + "'; inline lines work for json and csv only");
      }
      inputs.add(
          new Input(
              name, format, path, lines, optionalText(in, "schema"), stringMap(in.get("options"))));
    }

    List<Query> queries = new ArrayList<>();
    for (JsonNode q : iterable(root.get("queries"))) {
      String id = required(specFile, q, "id", "queries[]");
      Optional<String> sql = optionalText(q, "sql");
      List<String> select = new ArrayList<>();
      for (JsonNode e : iterable(q.get("select"))) {
        select.add(e.asText());
      }
      Optional<String> input = optionalText(q, "input");
      boolean selectForm = input.isPresent() && !select.isEmpty();
      if (sql.isPresent() == selectForm) {
        throw PeerErrors.invalidSpec(
            specFile,
            "query '" + id + "' needs either \"sql\", or \"input\" with a non-empty \"select\"");
      }
      Map<String, String> queryConf = stringMap(q.get("conf"));
      if (q.hasNonNull("ansi")) {
        queryConf.put("spark.sql.ansi.enabled", Boolean.toString(q.get("ansi").asBoolean()));
      }
      queries.add(new Query(id, sql, input, select, queryConf));
    }
    if (queries.isEmpty()) {
      throw PeerErrors.invalidSpec(specFile, "\"queries\" is missing or empty");
    }

    Path output =
        outputOverride
            .or(() -> optionalText(root, "output").map(base::resolve))
            .orElseThrow(
                () ->
                    PeerErrors.invalidSpec(
                        specFile, "no \"output\" in the spec and no --output on the command line"));
    return new OracleSpec(ansi, conf, inputs, queries, output);
  }

  private static String required(Path specFile, JsonNode node, String field, String where) {
    return optionalText(node, field)
        .orElseThrow(
            () -> PeerErrors.invalidSpec(specFile, where + " entry without \"" + field + "\""));
  }

  private static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }

  private static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node != null) {
      node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    }
    return map;
  }

  private static Iterable<JsonNode> iterable(JsonNode node) {
    return node == null ? List.of() : node;
  }
}
