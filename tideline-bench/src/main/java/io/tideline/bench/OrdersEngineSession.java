package io.tideline.bench;

/**
 * A started engine that runs the orders benchmark query on request. Used by one thread.
 *
 * <p>Each {@link #run()} builds the query afresh, from the read to the collected rows, and times
 * exactly that: session start is measured once, apart. Closing stops the session and releases what
 * it holds (threads, a child process).
 */
public interface OrdersEngineSession extends AutoCloseable {
  /** The engine's version, for the report. */
  String version();

  /** Seconds the engine took to start its session. */
  double sessionStartSeconds();

  /** Runs the query once and returns its timing and answer. */
  RunResult run();

  @Override
  void close();
}
