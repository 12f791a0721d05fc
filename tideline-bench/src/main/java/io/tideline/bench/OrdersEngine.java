package io.tideline.bench;

/**
 * An engine under test in the orders benchmark. Found through {@link java.util.ServiceLoader}, so
 * the harness compiles before the engine it measures does.
 */
public interface OrdersEngine {
  /** The engine's name in the result table, e.g. {@code tideline}. */
  String name();

  /**
   * Starts the engine's session on {@code data}; the harness then asks it for runs, interleaved
   * with the other engines' runs, and closes it.
   */
  OrdersEngineSession start(OrdersDataset data);
}
