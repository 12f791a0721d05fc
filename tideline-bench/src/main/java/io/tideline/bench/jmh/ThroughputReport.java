package io.tideline.bench.jmh;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs JMH benchmarks and prints their input throughput in MB/s per core.
 *
 * <p>Takes JMH's own command-line options (a benchmark regex, {@code -f}, {@code -wi}, ...). After
 * JMH's usual report it prints, for every benchmark that counts its input with {@link
 * BytesCounter}, the bytes per second divided by the thread count, in MB/s (10^6 bytes).
 */
public final class ThroughputReport {
  private ThroughputReport() {}

  public static void main(String[] args) throws RunnerException, CommandLineOptionException {
    CommandLineOptions options = new CommandLineOptions(args);
    Collection<RunResult> results = new Runner(options).run();
    System.out.println();
    System.out.println("Input throughput (MB/s per core, 1 MB = 10^6 bytes):");
    for (RunResult run : results) {
      Map<String, Result> secondary = run.getSecondaryResults();
      Result bytes = secondary.get("bytes");
      if (bytes == null) {
        continue;
      }
      int threads = run.getParams().getThreads();
      String params =
          run.getParams().getParamsKeys().stream()
              .map(k -> k + "=" + run.getParams().getParam(k))
              .reduce((a, b) -> a + "," + b)
              .map(s -> " (" + s + ")")
              .orElse("");
      System.out.printf(
          Locale.ROOT,
          "  %-70s %8.1f MB/s ± %.1f%n",
          run.getParams().getBenchmark() + params,
          bytes.getScore() / threads / 1e6,
          bytes.getScoreError() / threads / 1e6);
    }
  }
}
