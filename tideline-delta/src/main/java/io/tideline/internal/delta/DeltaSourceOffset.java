package io.tideline.internal.delta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideline.connector.Offset;

/**
 * The Delta source's offset, as delta-spark's {@code DeltaSourceOffset}: a position in the table's
 * stream of added files.
 *
 * <p>Stored in the offset log as {@code {"sourceVersion":1,"reservoirId":"<table
 * id>","reservoirVersion":V,"index":I,"isStartingVersion":B}} (delta-spark's format version 1,
 * which both read). {@code reservoirVersion} is a table version; {@code index} the position of an
 * {@code add} among the data-changing adds of that version (or among the snapshot's files sorted by
 * modification time and path, when {@code isStartingVersion}); {@link #BASE_INDEX} is the position
 * before the version's first file. {@code isStartingVersion} says the offset points into the
 * snapshot the query started from rather than into the changes of that version (the name is
 * delta-spark's, kept for its checkpoints).
 *
 * @param reservoirId the table id, which tells a re-created table from the one a checkpoint read
 * @param reservoirVersion the table version
 * @param index the file position within the version, {@link #BASE_INDEX} before the first
 * @param isStartingVersion whether the position is in the starting snapshot
 */
record DeltaSourceOffset(
    String reservoirId, long reservoirVersion, long index, boolean isStartingVersion)
    implements Offset {

  /** The position before a version's first file. */
  static final long BASE_INDEX = -1;

  /** The format version this source writes. */
  static final int SOURCE_VERSION = 1;

  /** delta-spark's newest offset format, which it writes only with schema tracking. */
  private static final int NEWEST_READABLE_VERSION = 3;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public String json() {
    try {
      return "{\"sourceVersion\":"
          + SOURCE_VERSION
          + ",\"reservoirId\":"
          + MAPPER.writeValueAsString(reservoirId)
          + ",\"reservoirVersion\":"
          + reservoirVersion
          + ",\"index\":"
          + index
          + ",\"isStartingVersion\":"
          + isStartingVersion
          + "}";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether this position is before {@code other} in the stream (same table). */
  boolean isBefore(DeltaSourceOffset other) {
    return reservoirVersion < other.reservoirVersion
        || reservoirVersion == other.reservoirVersion && index < other.index;
  }

  /**
   * Parses an offset from the offset log.
   *
   * @throws IllegalArgumentException with the reason when it is not a Delta source offset this
   *     source can read; the caller, who knows the table, reports it
   */
  static DeltaSourceOffset parse(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    for (String field :
        new String[] {"sourceVersion", "reservoirId", "reservoirVersion", "index"}) {
      if (!node.hasNonNull(field)) {
        throw new IllegalArgumentException("the field " + field + " is missing");
      }
    }
    long sourceVersion = node.get("sourceVersion").asLong();
    if (sourceVersion < 1 || sourceVersion == 2 || sourceVersion > NEWEST_READABLE_VERSION) {
      throw new IllegalArgumentException("unknown sourceVersion " + sourceVersion);
    }
    long index = node.get("index").asLong();
    if (sourceVersion == 3 && index < BASE_INDEX) {
      // Version 3's negative indexes mark schema changes tracked by delta-spark's schema log,
      // which this source does not keep: its position cannot be resumed here.
      throw new IllegalArgumentException(
          "index " + index + " of delta-spark's schema tracking is not supported");
    }
    return new DeltaSourceOffset(
        node.get("reservoirId").asText(),
        node.get("reservoirVersion").asLong(),
        index,
        node.path("isStartingVersion").asBoolean(false));
  }
}
