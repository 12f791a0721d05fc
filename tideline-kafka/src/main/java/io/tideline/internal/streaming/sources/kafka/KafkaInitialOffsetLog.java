package io.tideline.internal.streaming.sources.kafka;

import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.streaming.checkpoint.CheckpointErrors;
import io.tideline.internal.streaming.checkpoint.LogFormat;
import io.tideline.internal.streaming.checkpoint.MetadataLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the kafka source keeps the offsets it resolved on the query's first start, {@code
 * <checkpoint>/sources/<i>/0}, as Spark's {@code KafkaSourceInitialOffsetWriter}: {@code latest}
 * means "the end as it was when the query first started", so a restart before batch 0 committed
 * must not resolve it again and skip what arrived in between.
 *
 * <p>File format (version 1): the version line, then the offsets as {@link KafkaSourceOffset} JSON
 * on one line:
 *
 * <pre>
 * v1
 * {"orders":{"0":0,"1":17}}
 * </pre>
 */
final class KafkaInitialOffsetLog {

  private final MetadataLog<KafkaSourceOffset> log;

  KafkaInitialOffsetLog(Path metadataPath) {
    this.log = new MetadataLog<>(metadataPath, new Format());
  }

  /**
   * The recorded initial offsets; on the first start, records what {@code resolve} returns. Two
   * racing first starts both return the offsets that won the write.
   */
  KafkaSourceOffset getOrCreate(Supplier<KafkaSourceOffset> resolve) {
    return log.get(0)
        .orElseGet(
            () -> {
              KafkaSourceOffset resolved = resolve.get();
              if (log.add(0, resolved)) {
                return resolved;
              }
              return log.get(0).orElseThrow();
            });
  }

  private static final class Format implements LogFormat<KafkaSourceOffset> {
    @Override
    public int version() {
      return 1;
    }

    @Override
    public void write(KafkaSourceOffset offsets, Writer out) throws IOException {
      out.write(offsets.json());
    }

    @Override
    public KafkaSourceOffset read(int version, BufferedReader body, Path file) throws IOException {
      String line = body.readLine();
      if (line == null || line.isBlank()) {
        throw malformed(file, "the initial offsets are missing");
      }
      try {
        return new KafkaSourceOffset(PartitionOffsetsJson.readOffsets(line.trim()));
      } catch (IllegalArgumentException e) {
        throw malformed(file, e.getMessage());
      }
    }

    private static TidelineException malformed(Path file, String reason) {
      return new TidelineException(
          CheckpointErrors.Condition.MALFORMED_LOG_FILE,
          Map.of("file", file.toString(), "reason", reason));
    }
  }
}
