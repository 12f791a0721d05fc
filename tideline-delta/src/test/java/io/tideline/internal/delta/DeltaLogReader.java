package io.tideline.internal.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a table's {@code _delta_log} commit files as JSON, so tests can check the actions. */
final class DeltaLogReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeltaLogReader() {}

  /** The actions of commit {@code version}, one JSON object each. */
  static List<JsonNode> actions(Path table, long version) {
    Path file = table.resolve("_delta_log").resolve(String.format("%020d.json", version));
    try {
      List<JsonNode> out = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          out.add(JSON.readTree(line));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The actions of commit {@code version} of one kind ({@code add}, {@code remove}, ...). */
  static List<JsonNode> actions(Path table, long version, String kind) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode a : actions(table, version)) {
      if (a.has(kind)) {
        out.add(a.get(kind));
      }
    }
    return out;
  }

  /** The number of commits in the log. */
  static long commits(Path table) {
    try (var files = Files.list(table.resolve("_delta_log"))) {
      return files.filter(f -> f.getFileName().toString().matches("\\d{20}\\.json")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
