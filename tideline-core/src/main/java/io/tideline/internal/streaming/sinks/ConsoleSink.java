package io.tideline.internal.streaming.sinks;

import io.tideline.DataFrame;
import io.tideline.connector.Sink;
import java.io.PrintStream;

/**
 * The {@code console} sink, as Spark's: prints each batch to standard output under Spark's header
 * ({@code Batch: N} between two dashed lines), then the batch as {@code show(numRows, truncate)}
 * prints it. For debugging: nothing is kept. A batch id this sink has already printed is skipped
 * (the sink contract); after a restart, which makes a new sink, the re-run batch is printed again,
 * as Spark's console sink, which gives no fault-tolerance guarantee, does.
 */
public final class ConsoleSink implements Sink {

  private static final String RULE = "-------------------------------------------";

  private final int numRows;
  private final boolean truncate;
  private final PrintStream out;
  private long lastBatchId = -1;

  /**
   * @param numRows the most rows printed per batch (option {@code numRows}, default 20)
   * @param truncate whether cells are cut to 20 characters (option {@code truncate}, default true)
   */
  public ConsoleSink(int numRows, boolean truncate) {
    this(numRows, truncate, System.out);
  }

  /** A console sink printing to {@code out} instead of standard output, for tests. */
  ConsoleSink(int numRows, boolean truncate, PrintStream out) {
    this.numRows = numRows;
    this.truncate = truncate;
    this.out = out;
  }

  @Override
  public void addBatch(long batchId, DataFrame data) {
    if (batchId <= lastBatchId) {
      return;
    }
    String table = data.showString(numRows, truncate ? 20 : 0);
    // One print call per batch, so batches of two queries sharing stdout do not interleave.
    out.print(RULE + "\nBatch: " + batchId + "\n" + RULE + "\n" + table + "\n");
    out.flush();
    lastBatchId = batchId;
  }

  @Override
  public String description() {
    return "ConsoleSink[numRows=" + numRows + ", truncate=" + truncate + "]";
  }

  @Override
  public String toString() {
    return description();
  }
}
