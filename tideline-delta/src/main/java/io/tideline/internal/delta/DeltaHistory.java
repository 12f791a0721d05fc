package io.tideline.internal.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.types.StructType;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Delta's {@code DESCRIBE HISTORY}: one row per commit still in the log, latest first, from each
 * commit's {@code commitInfo} action, with the columns of delta-spark's history that a log written
 * outside Databricks can hold (no {@code job} or {@code notebook}).
 *
 * <p>As Delta does, a commit's {@code timestamp} is its file's modification time, made strictly
 * increasing across versions (the time {@code timestampAsOf} resolves against), unless the table
 * has in-commit timestamps, in which case it is the recorded {@code inCommitTimestamp}. Columns the
 * log does not record (Kernel writes no {@code readVersion} or {@code isolationLevel}) are null.
 */
public final class DeltaHistory {
  /** The schema of the history, in delta-spark's column order. */
  public static final StructType SCHEMA =
      StructType.fromDDL(
          "version BIGINT, timestamp TIMESTAMP, userId STRING, userName STRING, operation STRING,"
              + " operationParameters MAP<STRING, STRING>, clusterId STRING, readVersion BIGINT,"
              + " isolationLevel STRING, isBlindAppend BOOLEAN,"
              + " operationMetrics MAP<STRING, STRING>, userMetadata STRING, engineInfo STRING");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern COMMIT_FILE = Pattern.compile("\\d{20}\\.json");

  private DeltaHistory() {}

  /**
   * The history of the table at {@code path}, latest commit first, at most {@code limit} commits
   * ({@code limit <= 0}: all), or {@code DELTA_MISSING_DELTA_TABLE}.
   */
  public static DataFrame of(Tideline session, String path, int limit) {
    DeltaTable table = DeltaTable.at(path);
    table.latestOrFail();
    TreeMap<Long, Path> commits = commitFiles(table);
    // Only the commits shown are read (a streamed table has thousands); as in Delta, timestamps
    // are made increasing within that range.
    Map<Long, Path> shown = commits;
    if (limit > 0 && commits.size() > limit) {
      long from = commits.lastKey() - limit + 1;
      shown = commits.tailMap(commits.ceilingKey(from), true);
    }
    List<Row> rows = new ArrayList<>();
    long previousMs = Long.MIN_VALUE;
    List<Row> ascending = new ArrayList<>();
    for (Map.Entry<Long, Path> e : shown.entrySet()) {
      JsonNode info = commitInfo(table, e.getValue());
      long ms = timestampMs(table, e.getValue(), info);
      // Delta's rule: commit timestamps only go forward, whatever the file system says.
      if (ms <= previousMs) {
        ms = previousMs + 1;
      }
      previousMs = ms;
      ascending.add(row(e.getKey(), ms, info));
    }
    for (int i = ascending.size() - 1; i >= 0; i--) {
      if (limit > 0 && rows.size() >= limit) {
        break;
      }
      rows.add(ascending.get(i));
    }
    return session.createDataFrame(rows, SCHEMA);
  }

  private static TreeMap<Long, Path> commitFiles(DeltaTable table) {
    TreeMap<Long, Path> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(table.root().resolve("_delta_log"))) {
      files
          .filter(f -> COMMIT_FILE.matcher(f.getFileName().toString()).matches())
          .forEach(f -> out.put(Long.parseLong(f.getFileName().toString().substring(0, 20)), f));
    } catch (IOException e) {
      throw DeltaErrors.readFailed(table.displayPath(), e);
    }
    return out;
  }

  /**
   * The commit's {@code commitInfo} (an empty object when it has none); writers put it first, so
   * the read stops at it instead of parsing every action of a large commit.
   */
  private static JsonNode commitInfo(DeltaTable table, Path commit) {
    try (BufferedReader in = Files.newBufferedReader(commit, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.contains("\"commitInfo\"")) {
          JsonNode action = JSON.readTree(line);
          if (action.has("commitInfo")) {
            return action.get("commitInfo");
          }
        }
      }
      return JSON.createObjectNode();
    } catch (IOException e) {
      throw DeltaErrors.readFailed(table.displayPath(), e);
    }
  }

  private static long timestampMs(DeltaTable table, Path commit, JsonNode info) {
    if (info.hasNonNull("inCommitTimestamp")) {
      return info.get("inCommitTimestamp").asLong();
    }
    try {
      return Files.getLastModifiedTime(commit).toMillis();
    } catch (IOException e) {
      throw DeltaErrors.readFailed(table.displayPath(), e);
    }
  }

  private static Row row(long version, long timestampMs, JsonNode info) {
    return Row.of(
        version,
        Instant.ofEpochMilli(timestampMs),
        text(info, "userId"),
        text(info, "userName"),
        text(info, "operation"),
        map(info.get("operationParameters")),
        text(info, "clusterId"),
        info.hasNonNull("readVersion") ? info.get("readVersion").asLong() : null,
        text(info, "isolationLevel"),
        info.hasNonNull("isBlindAppend") ? info.get("isBlindAppend").asBoolean() : null,
        info.hasNonNull("operationMetrics") ? map(info.get("operationMetrics")) : null,
        text(info, "userMetadata"),
        text(info, "engineInfo"));
  }

  private static String text(JsonNode info, String field) {
    return info.hasNonNull(field) ? info.get(field).asText() : null;
  }

  /**
   * A JSON object as a string map: strings as they are, other values (Spark writes some parameters
   * as JSON booleans or numbers) as their JSON text.
   */
  private static Map<String, String> map(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || !node.isObject()) {
      return out;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode v = f.getValue();
      out.put(f.getKey(), v.isNull() ? null : v.isTextual() ? v.asText() : v.toString());
    }
    return out;
  }
}
