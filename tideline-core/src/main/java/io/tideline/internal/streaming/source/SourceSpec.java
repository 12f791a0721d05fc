package io.tideline.internal.streaming.source;

import io.tideline.Tideline;
import io.tideline.connector.Source;
import io.tideline.internal.streaming.Clock;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a {@code StreamingRelation} knows of its source before the query starts: enough to show it
 * in a plan, compare it with the checkpoint, and make the {@link Source} when the query starts.
 */
public interface SourceSpec {

  /** The format name, e.g. {@code memory}, {@code rate}, {@code json}. */
  String format();

  /** The schema the plan was analysed against. */
  StructType schema();

  /**
   * What identifies the source in a checkpoint: the format and the options that choose the data (a
   * path, a topic), never secrets. A restart whose source has another identity is refused.
   */
  String identity();

  /**
   * Makes the source; {@code metadataPath} is {@code <checkpoint>/sources/<index>}, {@code clock}
   * the query's clock.
   */
  Source createSource(Tideline session, Path metadataPath, Clock clock);

  /**
   * Makes the source for a running query; {@code wakeLoop} wakes the query's idle loop (see {@link
   * io.tideline.connector.SourceContext#wakeLoop()}). Specs whose sources cannot learn of new data
   * by themselves ignore it.
   */
  default Source createSource(
      Tideline session, Path metadataPath, Clock clock, Optional<Runnable> wakeLoop) {
    return createSource(session, metadataPath, clock);
  }
}
