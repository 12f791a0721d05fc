package io.tideline.bench.delta;

import static io.tideline.functions.col;
import static io.tideline.functions.from_json;

import io.tideline.Tideline;
import io.tideline.bench.DataGen;
import io.tideline.bench.ProcessCpu;
import io.tideline.bench.TidelineOrdersEngine;
import java.nio.file.Path;

/**
 * The machine's parse-and-encode ceiling for the bronze query: the same JSON order lines, with no
 * Kafka and no Delta log, through {@code from_json} into Parquet files by Tideline. The lines are
 * {@link DataGen}'s (the topic's values), written once as text files that the page cache then
 * holds, so a run reads memory; the output has the bronze table's columns ({@code order_time}
 * stands in for the Kafka timestamp, one more timestamp column to encode).
 *
 * <p>A bronze query cannot beat this rate on the same machine: it does the same parsing and
 * encoding, plus fetching from the broker and committing to the Delta log.
 */
final class ParseEncodeCeiling {
  /** Text files the lines are spread over, so both cores get work. */
  static final int FILES = 4;

  private final Tideline t;
  private final Path input;
  private final long records;

  private ParseEncodeCeiling(Tideline t, Path input, long records) {
    this.t = t;
    this.input = input;
    this.records = records;
  }

  /** Writes {@code records} order lines under {@code folder} (untimed) for runs in {@code t}. */
  static ParseEncodeCeiling prepare(Tideline t, Path folder, long records) {
    DataGen.ensure(folder, records, FILES, DataGen.DEFAULT_SEED);
    return new ParseEncodeCeiling(t, folder, records);
  }

  /** The lines each run converts. */
  long records() {
    return records;
  }

  /** Converts every line into Parquet files in the new folder {@code output}, timed. */
  CeilingRun run(Path output) {
    long cpu0 = ProcessCpu.nanos();
    long t0 = System.nanoTime();
    t.read()
        .text(input.toString())
        .select(from_json(col("value"), TidelineOrdersEngine.ORDER_SCHEMA).alias("data"))
        .select(col("data.*"), col("data.order_time").alias("kafka_timestamp"))
        .write()
        .format("parquet")
        .save(output.toString());
    return new CeilingRun(
        (System.nanoTime() - t0) / 1e9, (ProcessCpu.nanos() - cpu0) / 1e9, records);
  }

  /**
   * One ceiling run.
   *
   * @param seconds wall time from the read to the last file closed
   * @param cpuSeconds this JVM's CPU time meanwhile, all threads
   * @param rows lines converted
   */
  record CeilingRun(double seconds, double cpuSeconds, long rows) {
    /** Rows per second of wall time, the whole machine. */
    double rowsPerSecond() {
      return rows / seconds;
    }
  }
}
