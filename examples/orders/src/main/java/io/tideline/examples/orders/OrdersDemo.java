package io.tideline.examples.orders;

import io.tideline.streaming.StreamingQueryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Tideline's demo: the seed post's Kafka → bronze → silver → gold pipeline on Delta tables, with an
 * embedded Kafka broker and a generator of orders, all kept under one work folder so that a second
 * run resumes where the first stopped. {@code ./run-example} at the repository root builds and
 * starts it.
 *
 * <p>{@link #run(DemoConfig)} is the same run as a method, for tests and other modules.
 */
@Command(
    name = "orders-demo",
    mixinStandardHelpOptions = true,
    version = "Tideline orders demo 0.1.0-SNAPSHOT",
    description = {
      "Runs the seed's orders pipeline: Kafka -> bronze.kafka_orders -> silver.orders ->"
          + " gold.order_counts_5min and gold.hourly_summary (Delta tables).",
      "Ctrl-C stops it cleanly; run it again to resume from the checkpoints."
    })
public final class OrdersDemo implements Callable<Integer> {

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description = "Work folder: broker log, warehouse, checkpoints (default: ${DEFAULT-VALUE}).")
  Path work = DemoConfig.DEFAULT_WORK;

  @Option(
      names = "--rate",
      paramLabel = "N",
      description = "Orders generated per second (default: ${DEFAULT-VALUE}).")
  int rate = 100;

  @Option(
      names = "--duration",
      paramLabel = "TIME",
      converter = DurationConverter.class,
      description = "Stop after this long, e.g. 90s, 5m (default: until Ctrl-C).")
  Duration duration;

  @Option(
      names = "--records",
      paramLabel = "N",
      description = "Generate N orders, then stop generating (the queries keep running).")
  Long records;

  @Option(
      names = "--available-now",
      description =
          "Run every stage once with Trigger.AvailableNow in pipeline order, then exit (for"
              + " scheduled jobs; with --records N, generate N orders first).")
  boolean availableNow;

  @Option(
      names = "--event-step",
      paramLabel = "TIME",
      converter = DurationConverter.class,
      description =
          "Event time between two orders (default: 1200ms; keep it the same for one work folder).")
  Duration eventStep = Orders.DEFAULT_EVENT_STEP;

  /** Runs the demo once with {@code config} and returns what the tables hold. */
  public static DemoResult run(DemoConfig config) throws StreamingQueryException {
    return new DemoRun(config).run();
  }

  public static void main(String[] args) {
    int code =
        new CommandLine(new OrdersDemo())
            .setExecutionExceptionHandler(
                (e, cmd, parsed) -> {
                  // What failed and why, without a stack trace a user would have to read through.
                  cmd.getErr().println("!! " + e.getMessage());
                  for (Throwable c = e.getCause(); c != null && c != c.getCause(); ) {
                    cmd.getErr().println("   caused by: " + c);
                    c = c.getCause();
                  }
                  return 1;
                })
            .execute(args);
    System.exit(code);
  }

  @Override
  public Integer call() throws Exception {
    DemoConfig.Builder b =
        DemoConfig.builder(work).rate(rate).availableNow(availableNow).eventStep(eventStep);
    if (duration != null) {
      b.duration(duration);
    }
    if (records != null) {
      b.records(records);
    }
    DemoRun run = new DemoRun(b.build());
    // Ctrl-C: the hook asks the run to stop and holds the JVM until the queries have stopped and
    // the summary is printed.
    Thread hook =
        new Thread(
            () -> {
              run.stop();
              try {
                run.awaitDone(Duration.ofMinutes(2));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "orders-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      run.run();
      return 0;
    } catch (StreamingQueryException e) {
      return 1;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already stopping because of Ctrl-C: the hook is running, as intended.
      }
    }
  }

  /** Reads {@code 90s}, {@code 1500ms}, {@code 5m}, {@code 1h}, or an ISO-8601 {@code PT90S}. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
      Matcher m = SIMPLE.matcher(value.trim().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        return Duration.parse(value);
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      return switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofSeconds(n);
      };
    }
  }
}
