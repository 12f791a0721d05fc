package io.tideline.internal.streaming.sources.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * What the kafka source asks the brokers about partitions, as Spark's {@code KafkaOffsetReader}:
 * which partitions exist and their earliest and latest offsets. Every call is bounded by the
 * consumer's {@code default.api.timeout.ms} ({@code kafka.default.api.timeout.ms}, 60 s by
 * default); a broker that does not answer in time, or refuses the credentials, fails with an error
 * naming the source and the brokers.
 *
 * <p>Uses the source's consumer, so runs on the query's stream thread only.
 */
final class KafkaOffsetReader {

  private final Consumer<byte[], byte[]> consumer;
  private final ConsumerStrategy strategy;
  private final Duration timeout;
  private final String source;
  private final String bootstrapServers;

  KafkaOffsetReader(
      Consumer<byte[], byte[]> consumer,
      ConsumerStrategy strategy,
      Duration timeout,
      String source,
      String bootstrapServers) {
    this.consumer = consumer;
    this.strategy = strategy;
    this.timeout = timeout;
    this.source = source;
    this.bootstrapServers = bootstrapServers;
  }

  /** The partitions the strategy selects now. */
  List<TopicPartition> partitions() {
    return call("list the partitions", c -> strategy.partitions(c, timeout));
  }

  /** The earliest available offset of each partition that exists; missing ones are left out. */
  Map<TopicPartition, Long> earliest(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    return new HashMap<>(
        call("fetch the earliest offsets", c -> c.beginningOffsets(partitions, timeout)));
  }

  /** The offset after the last record of each partition that exists. */
  Map<TopicPartition, Long> latest(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    return new HashMap<>(call("fetch the latest offsets", c -> c.endOffsets(partitions, timeout)));
  }

  /** The latest offsets of every partition the strategy selects now. */
  Map<TopicPartition, Long> latest() {
    return latest(partitions());
  }

  private <T> T call(String action, Function<Consumer<byte[], byte[]>, T> request) {
    try {
      return request.apply(consumer);
    } catch (KafkaException e) {
      throw KafkaSourceErrors.offsetFetchFailed(
          action, source, bootstrapServers, timeout.toMillis(), e);
    }
  }
}
