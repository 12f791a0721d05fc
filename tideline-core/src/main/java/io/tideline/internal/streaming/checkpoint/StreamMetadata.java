package io.tideline.internal.streaming.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * The query's identity, kept in {@code <checkpoint>/metadata}: the query id that stays the same
 * across restarts from one checkpoint. Written once, when the query first starts, and never
 * overwritten.
 *
 * <p>File format (version 1):
 *
 * <pre>
 * v1
 * {"id":"ce011fdc-8762-4dcb-84eb-a77333e28109"}
 * </pre>
 *
 * <p>Spark writes the JSON line alone, without a version line; such files are read as version 1, so
 * a Spark checkpoint's query id carries over. Tideline always writes the version line, as every
 * other checkpoint file, so a future format change can be detected.
 *
 * @param id the query id
 */
public record StreamMetadata(UUID id) {

  /** The version this Tideline writes and the newest it reads. */
  public static final int VERSION = 1;

  /** The file name under the checkpoint. */
  public static final String FILE_NAME = "metadata";

  /** The metadata of a checkpoint, or empty if the query never started there. */
  public static Optional<StreamMetadata> read(Path checkpoint) {
    Path file = checkpoint.resolve(FILE_NAME);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw CheckpointErrors.readFailed(file, e);
    }
    String json = text.trim();
    if (!json.startsWith("{")) {
      int newline = json.indexOf('\n');
      String versionLine = newline < 0 ? json : json.substring(0, newline);
      int version = MetadataLog.readVersion(versionLine, file);
      if (version > VERSION) {
        throw CheckpointErrors.unsupportedLogVersion(file, version, VERSION);
      }
      json = newline < 0 ? "" : json.substring(newline + 1).trim();
    }
    ObjectNode object = CheckpointJson.parseObject(json, file, "the query metadata");
    JsonNode id = object.get("id");
    if (id == null || !id.isTextual()) {
      throw CheckpointErrors.malformedLogFile(file, "field 'id' (the query id) is missing");
    }
    try {
      return Optional.of(new StreamMetadata(UUID.fromString(id.asText())));
    } catch (IllegalArgumentException e) {
      throw CheckpointErrors.malformedLogFile(
          file, "field 'id' is not a UUID: '" + id.asText() + "'", e);
    }
  }

  /**
   * The metadata of a checkpoint, writing a new one with {@code newId} if there is none yet. When
   * two starts race, both end up with the id of whichever wrote the file first.
   */
  public static StreamMetadata getOrCreate(Path checkpoint, UUID newId) {
    Optional<StreamMetadata> existing = read(checkpoint);
    if (existing.isPresent()) {
      return existing.get();
    }
    StreamMetadata created = new StreamMetadata(newId);
    Path file = checkpoint.resolve(FILE_NAME);
    try {
      if (AtomicFiles.createNew(
          file,
          out ->
              out.write(
                  ("v" + VERSION + "\n{\"id\":\"" + newId + "\"}")
                      .getBytes(StandardCharsets.UTF_8)))) {
        return created;
      }
    } catch (IOException e) {
      throw CheckpointErrors.writeFailed(file, e);
    }
    return read(checkpoint)
        .orElseThrow(
            () ->
                CheckpointErrors.malformedLogFile(
                    file, "the file disappeared after it was created"));
  }
}
