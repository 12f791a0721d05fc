package io.tideline.internal.streaming.memory;

import io.tideline.Tideline;
import io.tideline.connector.Source;
import io.tideline.internal.streaming.Clock;
import io.tideline.internal.streaming.source.SourceSpec;
import io.tideline.types.StructType;
import java.nio.file.Path;

/**
 * The {@code SourceSpec} of one memory stream: every query on the stream gets a {@link
 * MemorySource} over the same {@link MemoryBuffer}.
 *
 * @param streamId the stream's number in this JVM, which names it in checkpoints
 */
public record MemorySourceSpec(int streamId, StructType schema, MemoryBuffer buffer)
    implements SourceSpec {

  @Override
  public String format() {
    return "memory";
  }

  @Override
  public String identity() {
    return "memory-stream " + streamId;
  }

  @Override
  public Source createSource(Tideline session, Path metadataPath, Clock clock) {
    return new MemorySource(schema, buffer);
  }
}
