package io.tideline.bench.kafka;

import io.tideline.bench.ProcessCpu;
import io.tideline.kafka.EmbeddedKafkaBroker;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The start of a benchmark that reads Kafka: the machine's line (cores, Java, load) and one
 * embedded broker that every engine of the run reads, with how long it took to start.
 */
public final class BenchBroker {
  private BenchBroker() {}

  /** Prints the machine's line, then starts the broker and prints its address. */
  public static EmbeddedKafkaBroker start(PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%d cores, Java %s, load average %.2f%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        ProcessCpu.loadAverage());
    long t0 = System.nanoTime();
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    out.printf(
        Locale.ROOT,
        "Broker %s started in %.1f s%n",
        broker.bootstrapServers(),
        (System.nanoTime() - t0) / 1e9);
    return broker;
  }
}
