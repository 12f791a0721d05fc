package io.tideline.bench;

/**
 * An engine that runs the orders benchmark query on a generated data set and times it.
 *
 * <p>Implementations run {@code warmupRuns} untimed runs, then {@code measuredRuns} timed ones,
 * each timed from just before the read to just after the result is collected. Found through {@link
 * java.util.ServiceLoader}, so the harness compiles before the engine it measures does.
 */
public interface OrdersEngine {
  /** The engine's name in the result table, e.g. {@code tideline}. */
  String name();

  EngineMeasurement measure(OrdersDataset data, int warmupRuns, int measuredRuns);
}
