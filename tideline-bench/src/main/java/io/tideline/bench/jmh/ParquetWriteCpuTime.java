package io.tideline.bench.jmh;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * {@link ParquetWriteBenchmark}'s two writers measured in thread CPU time rather than wall time,
 * for a shared machine: wall-clock throughput there mostly measures the other processes' load,
 * while the CPU time a write takes does not depend on how long the thread waited for a core.
 *
 * <p>Alternates the columnar and the row writer on the same batches (so cache and heap states are
 * alike), discards the first third of the rounds as warm-up, and prints the best and mean CPU
 * milliseconds per write of each. Usage: {@code ParquetWriteCpuTime [ROUNDS (30)] [ROWS (100000)]
 * [DICTIONARY (true)]}.
 */
public final class ParquetWriteCpuTime {
  private ParquetWriteCpuTime() {}

  public static void main(String[] args) throws IOException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    String dictionary = args.length > 2 ? args[2] : "true";
    String[] writers = {"columnar", "row"};
    ParquetWriteBenchmark[] states = new ParquetWriteBenchmark[writers.length];
    for (int i = 0; i < writers.length; i++) {
      states[i] = new ParquetWriteBenchmark();
      states[i].rows = rows;
      states[i].writer = writers[i];
      states[i].dictionary = dictionary;
      states[i].setUp();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
    long[] total = new long[writers.length];
    int measured = 0;
    try {
      for (int r = 0; r < rounds; r++) {
        boolean warmUp = r < rounds / 3;
        for (int i = 0; i < writers.length; i++) {
          long start = threads.getCurrentThreadCpuTime();
          states[i].write();
          long cpu = threads.getCurrentThreadCpuTime() - start;
          if (!warmUp) {
            best[i] = Math.min(best[i], cpu);
            total[i] += cpu;
          }
        }
        if (!warmUp) {
          measured++;
        }
      }
    } finally {
      for (ParquetWriteBenchmark s : states) {
        s.tearDown();
      }
    }
    for (int i = 0; i < writers.length; i++) {
      System.out.printf(
          Locale.ROOT,
          "%-8s %d rows, dictionary %s: best %.1f ms CPU, mean %.1f ms CPU (%d rounds after"
              + " warm-up); best %.0f rows per CPU second%n",
          writers[i],
          rows,
          dictionary,
          best[i] / 1e6,
          total[i] / 1e6 / measured,
          measured,
          rows / (best[i] / 1e9));
    }
  }
}
