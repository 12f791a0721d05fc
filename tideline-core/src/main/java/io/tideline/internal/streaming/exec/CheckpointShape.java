package io.tideline.internal.streaming.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a checkpoint's query looked like when it first ran: its sources' identities in plan order
 * and its stateful operators in id order. Kept in {@code <checkpoint>/tideline-query}, written once
 * (atomically, while the checkpoint lock is held) at the first start; a restart whose query differs
 * is refused naming the difference, instead of reading offsets or state that belong to another
 * query.
 *
 * <p>File format (version 1), no newline after the last line:
 *
 * <pre>
 * v1
 * {"sources":["memory-stream 3","json {path=/in}"],"statefulOperators":["aggregate [k]"]}
 * </pre>
 *
 * @param sources each source's {@code SourceSpec.identity()}, in plan order
 * @param statefulOperators each stateful operator's description, in operator id order
 */
public record CheckpointShape(List<String> sources, List<String> statefulOperators) {

  /** The version this Tideline writes and the newest it reads. */
  public static final int VERSION = 1;

  /** The file name under the checkpoint. */
  public static final String FILE_NAME = "tideline-query";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public CheckpointShape {
    sources = List.copyOf(sources);
    statefulOperators = List.copyOf(statefulOperators);
  }

  /**
   * Compares this (the running query's) shape with the checkpoint's, writing it there if the
   * checkpoint has none yet.
   *
   * @throws io.tideline.internal.errors.TidelineException {@code
   *     STREAMING_CHECKPOINT_QUERY_CHANGED} naming the first difference, or {@code
   *     INVALID_LOG_VERSION.MAX_SUPPORTED_VERSION} for a file of a newer Tideline
   */
  public void checkOrRecord(Path checkpoint) {
    Optional<CheckpointShape> recorded = read(checkpoint);
    if (recorded.isEmpty()) {
      write(checkpoint);
      return;
    }
    differenceFrom(recorded.get())
        .ifPresent(
            change -> {
              throw QueryErrors.queryChanged(checkpoint, change);
            });
  }

  /** How this shape differs from {@code before}, or empty if it does not. */
  Optional<String> differenceFrom(CheckpointShape before) {
    if (before.sources.size() != sources.size()) {
      return Optional.of(
          "the query had "
              + count(before.sources.size(), "source")
              + " "
              + before.sources
              + ", now "
              + sources.size()
              + " "
              + sources);
    }
    for (int i = 0; i < sources.size(); i++) {
      if (!before.sources.get(i).equals(sources.get(i))) {
        return Optional.of(
            "source " + i + " was " + before.sources.get(i) + ", is now " + sources.get(i));
      }
    }
    if (before.statefulOperators.size() != statefulOperators.size()) {
      return Optional.of(
          "the query had "
              + count(before.statefulOperators.size(), "stateful operator")
              + describe(before.statefulOperators)
              + ", now "
              + statefulOperators.size()
              + describe(statefulOperators));
    }
    for (int i = 0; i < statefulOperators.size(); i++) {
      if (!before.statefulOperators.get(i).equals(statefulOperators.get(i))) {
        return Optional.of(
            "stateful operator "
                + i
                + " was "
                + before.statefulOperators.get(i)
                + ", is now "
                + statefulOperators.get(i));
      }
    }
    return Optional.empty();
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String describe(List<String> operators) {
    return operators.isEmpty() ? "" : " (" + String.join(", ", operators) + ")";
  }

  /** The shape recorded in {@code checkpoint}, or empty if there is none. */
  public static Optional<CheckpointShape> read(Path checkpoint) {
    Path file = checkpoint.resolve(FILE_NAME);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw QueryErrors.malformed(file, "it cannot be read: " + e, e);
    }
    int newline = text.indexOf('\n');
    String versionLine = newline < 0 ? text : text.substring(0, newline);
    int version;
    try {
      version =
          versionLine.startsWith("v") ? Integer.parseInt(versionLine.substring(1).trim()) : -1;
    } catch (NumberFormatException e) {
      version = -1;
    }
    if (version <= 0) {
      throw QueryErrors.malformed(
          file, "failed to read the version from the first line '" + versionLine + "'", null);
    }
    if (version > VERSION) {
      throw QueryErrors.newerVersion(file, version, VERSION);
    }
    try {
      JsonNode body = MAPPER.readTree(newline < 0 ? "" : text.substring(newline + 1));
      return Optional.of(
          new CheckpointShape(
              strings(body, "sources", file), strings(body, "statefulOperators", file)));
    } catch (IOException e) {
      throw QueryErrors.malformed(file, "the body is not JSON: " + e.getMessage(), e);
    }
  }

  private static List<String> strings(JsonNode body, String field, Path file) {
    JsonNode array = body == null ? null : body.get(field);
    if (array == null || !array.isArray()) {
      throw QueryErrors.malformed(file, "field '" + field + "' is missing", null);
    }
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private void write(Path checkpoint) {
    Path file = checkpoint.resolve(FILE_NAME);
    Path temp = checkpoint.resolve("." + FILE_NAME + "." + UUID.randomUUID() + ".tmp");
    ObjectNode body = MAPPER.createObjectNode();
    ArrayNode s = body.putArray("sources");
    sources.forEach(s::add);
    ArrayNode ops = body.putArray("statefulOperators");
    statefulOperators.forEach(ops::add);
    try {
      Files.createDirectories(checkpoint);
      Files.writeString(temp, "v" + VERSION + "\n" + MAPPER.writeValueAsString(body));
      // The checkpoint lock is held, so nobody else writes this file meanwhile.
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw QueryErrors.writeFailed(file, e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // A stray temporary file is harmless: nothing reads it.
      }
    }
  }
}
