package io.tideline.connector;

import java.util.List;

/**
 * A batch read whose extent is decided when the query runs, not when the DataFrame is built, as
 * Spark's {@code Scan.toBatch()}: {@code t.read().format("kafka").load()} resolves {@code
 * endingOffsets=latest} at each action, so a second {@code count()} on the same DataFrame sees
 * records written in between.
 *
 * <p>A {@link BatchReadProvider} returns {@code DataFrame.ofPlan(session, new ScanRelation(output,
 * scan))}. The engine calls {@link #planPartitions()} once per physical planning (each action, each
 * {@code explain()}) on the driver thread, then reads each partition in its own task, in parallel.
 */
public interface BatchScan {

  /**
   * The partitions of this read, decided now; each is read by one task. An empty list is an empty
   * result. Failures (unreachable brokers, bad offsets) are thrown from here, before any task runs.
   */
  List<ScanPartition> planPartitions();

  /** What {@code explain()} calls the scan, e.g. {@code KafkaRelation[Subscribe[orders]]}. */
  String description();
}
