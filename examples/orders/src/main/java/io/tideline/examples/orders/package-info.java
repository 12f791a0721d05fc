/**
 * The seed post's streaming pipeline as Tideline's demo: an embedded Kafka broker, a generator of
 * orders, and four queries chaining Delta tables of the session's catalog — {@code
 * bronze.kafka_orders} (raw Kafka values), {@code silver.orders} (parsed and cleaned), {@code
 * gold.order_counts_5min} (5-minute windows in update mode) and {@code gold.hourly_summary} (hourly
 * windows in append mode).
 *
 * <p>{@link io.tideline.examples.orders.OrdersDemo} is the command ({@code ./run-example}) and
 * {@link io.tideline.examples.orders.OrdersDemo#run(DemoConfig)} the same run as a method.
 */
package io.tideline.examples.orders;
