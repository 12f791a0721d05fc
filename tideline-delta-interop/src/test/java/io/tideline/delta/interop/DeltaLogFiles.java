package io.tideline.delta.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The {@code add} actions of a table's JSON commits, read straight from {@code _delta_log}. */
final class DeltaLogFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeltaLogFiles() {}

  /** One added data file: its path (relative to the table), the commit and its mtime. */
  record Added(String path, long version, long modificationTime) {}

  /** Every file added by the table's JSON commits, in commit and action order. */
  static List<Added> added(Path table) {
    List<Added> out = new ArrayList<>();
    for (long v = 0; Files.exists(commit(table, v)); v++) {
      try {
        for (String line : Files.readAllLines(commit(table, v))) {
          JsonNode add = JSON.readTree(line).get("add");
          if (add != null) {
            out.add(new Added(add.get("path").asText(), v, add.get("modificationTime").asLong()));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /**
   * The order in which Delta's streaming source reads the files of a table's snapshot when it
   * starts without {@code startingVersion}: by modification time, then path.
   */
  static List<Added> inSnapshotStreamOrder(List<Added> files) {
    List<Added> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparingLong(Added::modificationTime).thenComparing(Added::path));
    return sorted;
  }

  private static Path commit(Path table, long version) {
    return table.resolve("_delta_log").resolve(String.format("%020d.json", version));
  }
}
