package io.tideline.bench.delta;

import java.nio.file.Path;
import java.util.Map;

/**
 * An engine under the Delta benchmark: runs the seed's bronze query and reads Delta tables back.
 *
 * <p>The bronze query: {@code format("kafka")}, {@code subscribe}, {@code startingOffsets} earliest
 * (and {@code maxOffsetsPerTrigger} unless 0) → {@code from_json(CAST(value AS STRING), orders)} →
 * {@code data.*} plus {@code timestamp AS kafka_timestamp} → {@code
 * writeStream.format("delta").outputMode("append")}, {@code Trigger.AvailableNow}, its own
 * checkpoint, into a table that does not exist yet; timed from just before {@code start()} until
 * the query has ended.
 *
 * <p>Not thread-safe; one engine per harness, closed at the end.
 */
interface DeltaEngine extends AutoCloseable {
  String name();

  String version();

  /** Seconds its session took to start, reported apart from the runs. */
  double sessionStartSeconds();

  /** Runs the bronze query once over {@code topic} into a new table at {@code table}. */
  BronzeRun bronze(
      String bootstrapServers,
      String topic,
      long maxOffsetsPerTrigger,
      Path checkpoint,
      Path table);

  /** Reads the Delta table at {@code table} (its latest version) into a checksum. */
  TableChecksum checksum(Path table);

  @Override
  void close();

  /**
   * One bronze run: wall and CPU seconds (the engine's JVM, all threads), its batches, and each
   * {@code durationMs} phase summed over the query's recent progress (where the time went).
   */
  record BronzeRun(double seconds, double cpuSeconds, long batches, Map<String, Long> durationMs) {
    public BronzeRun {
      durationMs = Map.copyOf(durationMs);
    }
  }
}
