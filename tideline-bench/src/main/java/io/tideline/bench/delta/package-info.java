/**
 * The Delta benchmark (issue 6, item 9; {@code run-delta.sh}): the seed's bronze query, Kafka JSON
 * → {@code from_json} → a Delta table with {@code Trigger.AvailableNow}, in Tideline and in Spark
 * 4.2 with delta-spark 4.4.0 on one embedded broker, every table checked by both engines, and the
 * machine's JSON → Parquet ceiling measured alongside.
 */
package io.tideline.bench.delta;
