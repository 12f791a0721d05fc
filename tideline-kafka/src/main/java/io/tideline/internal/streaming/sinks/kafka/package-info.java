/**
 * The {@code kafka} sink, Spark's {@code kafka-0-10-sql} semantics for streaming ({@code
 * writeStream().format("kafka")}) and batch ({@code write().format("kafka").save()}) writes, plus
 * an opt-in exactly-once mode built on Kafka transactions.
 *
 * <p>{@link io.tideline.internal.streaming.sinks.kafka.KafkaSinkProvider} checks options and the
 * output columns before any data moves; {@link
 * io.tideline.internal.streaming.sinks.kafka.KafkaRecordEncoder} turns each columnar batch into
 * producer records without building rows; {@link
 * io.tideline.internal.streaming.sinks.kafka.KafkaSink} (at-least-once, as Spark) and {@link
 * io.tideline.internal.streaming.sinks.kafka.TransactionalKafkaSink} (exactly-once for {@code
 * read_committed} consumers) hand each micro-batch to one producer per query.
 */
package io.tideline.internal.streaming.sinks.kafka;
