package io.tideline.bench.jmh;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A JMH counter of input bytes consumed, which JMH reports per second next to the primary score.
 *
 * <p>A benchmark method that takes this state adds the bytes it parsed to {@link #bytes}; JMH then
 * prints a secondary result {@code bytes} in bytes per second per thread, which {@link
 * ThroughputReport} turns into MB/s per core.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class BytesCounter {
  /** Input bytes consumed in the current iteration; JMH reads it, benchmarks add to it. */
  public long bytes;

  @Setup(Level.Iteration)
  public void reset() {
    bytes = 0;
  }
}
