package io.tideline.internal.streaming.checkpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The end offsets of one batch, one per source in the plan's source order, with the batch's
 * metadata: the content of an {@code offsets/<batchId>} file.
 *
 * <p>Offsets are the sources' own JSON, kept as text: the log never interprets them. A source that
 * has no offset yet (it has never produced data) is recorded as {@code null}, written as {@code -}.
 *
 * @param offsets each source's end offset JSON, {@code null} where the source has none
 * @param metadata the batch metadata; empty only in files written by very old Spark versions
 */
public record OffsetSeq(List<String> offsets, Optional<OffsetSeqMetadata> metadata) {

  public OffsetSeq {
    // List.copyOf refuses nulls, and null is how a source without an offset is recorded.
    offsets = Collections.unmodifiableList(new ArrayList<>(offsets));
  }

  public OffsetSeq(List<String> offsets, OffsetSeqMetadata metadata) {
    this(offsets, Optional.of(metadata));
  }

  /** The offset JSON of the source at {@code index}, or empty if it has none. */
  public Optional<String> offset(int index) {
    return Optional.ofNullable(offsets.get(index));
  }

  /** The number of sources. */
  public int size() {
    return offsets.size();
  }
}
