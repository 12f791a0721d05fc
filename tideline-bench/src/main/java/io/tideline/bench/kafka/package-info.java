/**
 * The Kafka benchmark ({@code tideline-bench/run-kafka.sh}): Tideline's Kafka source against
 * Spark's, on one embedded broker the harness starts. {@link
 * io.tideline.bench.kafka.KafkaBenchmark} is the main; {@link io.tideline.bench.kafka.KafkaEngine}
 * is an engine under test.
 */
package io.tideline.bench.kafka;
