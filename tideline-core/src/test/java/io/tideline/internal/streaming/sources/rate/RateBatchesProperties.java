package io.tideline.internal.streaming.sources.rate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.LongVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * However a run of seconds is cut into batches, the rate source generates every value once, in the
 * second Spark's formula assigns it to, with timestamps inside that batch's seconds.
 */
class RateBatchesProperties {

  private static final long START_MS = 1_700_000_000_000L;

  @Property(tries = 200)
  void consecutiveBatches_generateEachValueOnce_withinTheirSeconds(
      @ForAll @IntRange(min = 1, max = 50) int rowsPerSecond,
      @ForAll @IntRange(min = 0, max = 6) int rampUpSeconds,
      @ForAll @IntRange(min = 1, max = 7) int numPartitions,
      @ForAll @IntRange(min = 1, max = 4) int secondsPerBatch,
      @ForAll @IntRange(min = 1, max = 5) int batchCount,
      @ForAll @IntRange(min = 1, max = 16) int batchSize) {
    RateOptions options =
        RateOptions.parse(
            Map.of(
                "rowsPerSecond", Integer.toString(rowsPerSecond),
                "rampUpTime", rampUpSeconds + "s",
                "numPartitions", Integer.toString(numPartitions)),
            1);
    List<Long> values = new ArrayList<>();
    for (int b = 0; b < batchCount; b++) {
      long startSeconds = (long) b * secondsPerBatch;
      long endSeconds = startSeconds + secondsPerBatch;
      for (Batch batch :
          RateBatches.generate(options, START_MS, startSeconds, endSeconds, batchSize)) {
        assertThat(batch.size()).isBetween(1, batchSize);
        LongVector ts = (LongVector) batch.column(0);
        LongVector vs = (LongVector) batch.column(1);
        for (int i = 0; i < batch.size(); i++) {
          long value = vs.get(i);
          assertThat(value)
              .isGreaterThanOrEqualTo(options.valueAtSecond(startSeconds))
              .isLessThan(options.valueAtSecond(endSeconds));
          assertThat(ts.get(i) / 1000)
              .isBetween(START_MS + startSeconds * 1000, START_MS + endSeconds * 1000);
          values.add(value);
        }
      }
    }
    long total = options.valueAtSecond((long) batchCount * secondsPerBatch);
    values.sort(null);
    assertThat(values).hasSize((int) total);
    for (int i = 0; i < values.size(); i++) {
      assertThat(values.get(i)).isEqualTo(i);
    }
  }
}
