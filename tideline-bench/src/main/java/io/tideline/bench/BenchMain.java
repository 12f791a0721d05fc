package io.tideline.bench;

import io.tideline.internal.errors.TidelineException;
import java.io.PrintStream;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The shape of a benchmark's {@code main}: parse the options, echo the command, run, and exit 2 on
 * a usage or benchmark error (its message only), 1 on anything else (with its stack trace), 0
 * otherwise.
 */
public final class BenchMain {
  private BenchMain() {}

  /**
   * Runs benchmark {@code name} on {@code args} and exits the JVM; the command echoed is the system
   * property {@code tideline.bench.command} (set by the run scripts), else {@code name}.
   */
  public static <S> void run(
      String name, String[] args, Function<String[], S> parse, BiConsumer<S, PrintStream> run) {
    try {
      S settings = parse.apply(args);
      System.out.println(
          "Command: "
              + System.getProperty("tideline.bench.command", name)
              + (args.length == 0 ? "" : " " + String.join(" ", args)));
      run.accept(settings, System.out);
    } catch (TidelineException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    } catch (RuntimeException e) {
      e.printStackTrace();
      System.exit(1);
    }
    // The Tideline session may leave pool threads behind; the figures are out.
    System.exit(0);
  }
}
