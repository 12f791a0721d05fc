package io.tideline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes one benchmark run's figures as JSON, so runs can be compared later without re-reading
 * console output. Files go to {@code tideline-bench/target/bench-results/json-orders-<UTC
 * time>.json}; the format is the object {@link #toJson} builds.
 */
final class ResultFile {
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private ResultFile() {}

  static Path write(Path folder, Instant at, OrdersDataset data, List<EngineMeasurement> results) {
    Path file = folder.resolve("json-orders-" + FILE_TIME.format(at) + ".json");
    try {
      Files.createDirectories(folder);
      new ObjectMapper()
          .writerWithDefaultPrettyPrinter()
          .writeValue(file.toFile(), toJson(at, data, results));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write benchmark results to " + file, e);
    }
  }

  static ObjectNode toJson(Instant at, OrdersDataset data, List<EngineMeasurement> results) {
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.put("benchmark", "json-orders");
    root.put("time", at.toString());
    root.put("cores", Runtime.getRuntime().availableProcessors());
    root.put("records", data.records());
    root.put("files", data.files());
    root.put("bytes", data.bytes());
    ArrayNode engines = root.putArray("engines");
    for (EngineMeasurement m : results) {
      ObjectNode e = engines.addObject();
      e.put("engine", m.engine());
      e.put("version", m.version());
      ArrayNode runs = e.putArray("runSeconds");
      m.runSeconds().forEach(runs::add);
      ArrayNode cpu = e.putArray("runCpuSeconds");
      m.runCpuSeconds().forEach(cpu::add);
      e.put("bestSeconds", m.bestSeconds());
      e.put("medianSeconds", m.medianSeconds());
      e.put("bestRecordsPerSecond", m.bestRecordsPerSecond());
      putNumber(e, "cpuSecondsPerMillionRecords", m.cpuSecondsPerMillionRecords());
      putNumber(e, "sessionStartSeconds", m.sessionStartSeconds());
    }
    return root;
  }

  /** JSON has no NaN: an unknown figure is written as null. */
  private static void putNumber(ObjectNode node, String field, double value) {
    if (Double.isNaN(value)) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }
}
