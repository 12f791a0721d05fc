package io.tideline.bench.kafka;

import java.nio.file.Path;
import java.util.Map;

/**
 * An engine under the Kafka benchmark. Both queries read the topic from its earliest offsets:
 *
 * <ul>
 *   <li>throughput: {@code from_json(CAST(value AS STRING), orders)}, {@code amount > 100}, counted
 *       in {@code foreachBatch}, {@code Trigger.AvailableNow}, timed from just before {@code
 *       start()} until the query ends;
 *   <li>pass-through (latency): {@code key, value} from one topic into another with the default
 *       trigger; the harness produces and consumes around it and measures.
 * </ul>
 *
 * <p>Not thread-safe; one engine per harness, closed at the end.
 */
interface KafkaEngine extends AutoCloseable {
  String name();

  String version();

  /** Seconds its session took to start, reported apart from the runs. */
  double sessionStartSeconds();

  /** Runs the throughput query once over {@code topic}. */
  ThroughputRun throughput(
      String bootstrapServers, String topic, long maxOffsetsPerTrigger, Path checkpoint);

  /** Starts the pass-through query; returns once it is started. */
  void startPassThrough(
      String bootstrapServers, String inputTopic, String outputTopic, Path checkpoint);

  /** Stops the pass-through query; returns what it did. */
  PassThroughResult stopPassThrough();

  @Override
  void close();

  /**
   * One throughput run: wall and CPU seconds, the rows counted and the batches that counted them.
   */
  record ThroughputRun(double seconds, double cpuSeconds, long rows, long batches) {}

  /**
   * What a pass-through query did: its batches, and the mean milliseconds of each phase of its
   * progress's {@code durationMs} over its recent batches (where a batch's time goes).
   */
  record PassThroughResult(long batches, Map<String, Double> meanDurationMs) {}
}
