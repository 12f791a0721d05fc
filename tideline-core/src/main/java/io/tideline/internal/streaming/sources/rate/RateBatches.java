package io.tideline.internal.streaming.sources.rate;

import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates the rows of the rate source for one range of seconds, straight into columnar batches,
 * laid out as Spark lays them out.
 *
 * <p>For the seconds {@code (startSeconds, endSeconds]} the values are {@code rangeStart ..
 * rangeEnd - 1}, where each bound is {@link RateOptions#valueAtSecond} of its second. Partition
 * {@code p} of {@code n} holds the values {@code rangeStart + p}, {@code rangeStart + p + n}, ....
 * The timestamps spread the range evenly over its seconds: value {@code v} gets {@code start +
 * round((v - rangeStart) * msPerValue)} milliseconds, with {@code start} the source's start time
 * plus {@code startSeconds} and {@code msPerValue} the range's length in ms divided by its number
 * of values, computed in double precision and rounded half up exactly as Spark does.
 */
final class RateBatches {

  private RateBatches() {}

  /**
   * The batches of the range, partition by partition, each at most {@code batchSize} rows: the
   * batches of partition 0 first, then of partition 1, and so on. Empty when the range has no rows.
   */
  static List<Batch> generate(
      RateOptions options, long startTimeMs, long startSeconds, long endSeconds, int batchSize) {
    long rangeStart = options.valueAtSecond(startSeconds);
    long rangeEnd = options.valueAtSecond(endSeconds);
    List<Batch> batches = new ArrayList<>();
    if (rangeStart >= rangeEnd) {
      return batches;
    }
    long localStartTimeMs = startTimeMs + startSeconds * 1000L;
    double relativeMsPerValue = (endSeconds - startSeconds) * 1000.0 / (rangeEnd - rangeStart);
    int numPartitions = options.numPartitions();
    for (int p = 0; p < numPartitions; p++) {
      long first = rangeStart + p;
      if (first >= rangeEnd) {
        break;
      }
      long rows = (rangeEnd - 1 - first) / numPartitions + 1;
      for (long done = 0; done < rows; done += batchSize) {
        int n = (int) Math.min(batchSize, rows - done);
        LongVector timestamps = (LongVector) ColumnVector.allocate(DataTypes.TimestampType, n);
        LongVector values = (LongVector) ColumnVector.allocate(DataTypes.LongType, n);
        long[] ts = timestamps.values();
        long[] vs = values.values();
        long value = first + done * numPartitions;
        for (int i = 0; i < n; i++) {
          long relativeMs = Math.round((value - rangeStart) * relativeMsPerValue);
          ts[i] = (localStartTimeMs + relativeMs) * 1000L;
          vs[i] = value;
          value += numPartitions;
        }
        batches.add(new Batch(new ColumnVector[] {timestamps, values}, n));
      }
    }
    return batches;
  }
}
