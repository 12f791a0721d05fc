/**
 * The streaming {@code kafka} source, Spark's {@code kafka-0-10-sql} semantics: {@link
 * io.tideline.internal.streaming.sources.kafka.KafkaSourceProvider} checks options and gives the
 * fixed schema at {@code load()}; {@link
 * io.tideline.internal.streaming.sources.kafka.KafkaMicroBatchStream} plans each batch's offsets
 * and reads them into columnar batches. Offsets live in the checkpoint only.
 */
package io.tideline.internal.streaming.sources.kafka;
