package io.tideline.internal.streaming.sources.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the Kafka clients of a kafka read, streaming or batch, from its options, as Spark's {@code
 * kafkaParamsForDriver}/{@code kafkaParamsForExecutors}: the user's {@code kafka.*} settings, with
 * the ones the source owns forced (no auto-commit, no offset reset, byte-array deserializers).
 */
final class KafkaClients {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaClients.class);

  private KafkaClients() {}

  /**
   * A consumer that reads only where it is told. Its group is {@code kafka.group.id} when set, else
   * {@code <groupId>-executor}: Spark's generated {@code <groupIdPrefix>-<uuid>[-<hash>]}.
   */
  static Consumer<byte[], byte[]> consumer(KafkaSourceOptions options, String groupId) {
    return consumer(options, groupId, Map.of());
  }

  private static Consumer<byte[], byte[]> consumer(
      KafkaSourceOptions options, String groupId, Map<String, String> overrides) {
    Map<String, Object> config = new HashMap<>(options.kafkaParams());
    config.putAll(overrides);
    // The checkpoint owns the offsets: nothing may move or commit them behind the source's back.
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    // Records are copied into columns as they arrive, so larger polls only mean fewer round trips
    // through the consumer; Kafka's default of 500 is tuned for per-record processing.
    config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
    // A read only asks for offsets below the latest it was planned with, yet the consumer also
    // prefetches past a partition's end; at the log's end the broker parks that fetch for up to
    // fetch.max.wait.ms (500 ms) and the next batch's fetch queues behind it. Not waiting lets a
    // low-latency stream read each batch in one round trip.
    config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "0");
    config.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, groupId + "-executor");
    try {
      return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    } catch (KafkaException e) {
      throw KafkaSourceErrors.clientCreationFailed(
          "consumer", options.description(), options.bootstrapServers(), e);
    }
  }

  /**
   * The consumer of a {@link KafkaDataWatcher}: the read's settings, except that the broker parks
   * each fetch until a record arrives (Kafka's default {@code fetch.max.wait.ms} of 500 ms,
   * whatever the user set for reads) and returns as little as it can, since the watcher only needs
   * to know that something arrived.
   */
  static Consumer<byte[], byte[]> watcherConsumer(KafkaSourceOptions options, String groupId) {
    Map<String, String> watch = new HashMap<>();
    watch.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "500");
    watch.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
    watch.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, "1");
    watch.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "1");
    watch.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
    return consumer(options, groupId, watch);
  }

  /** An admin client with the connection and security settings of the options. */
  static Admin admin(KafkaSourceOptions options, Duration timeout) {
    Map<String, Object> config = new HashMap<>();
    // Only the settings an admin client knows: connection and security, not the consumer's.
    for (Map.Entry<String, String> e : options.kafkaParams().entrySet()) {
      if (AdminClientConfig.configNames().contains(e.getKey())) {
        config.put(e.getKey(), e.getValue());
      }
    }
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.putIfAbsent(
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000L));
    try {
      return Admin.create(config);
    } catch (KafkaException e) {
      throw KafkaSourceErrors.clientCreationFailed(
          "admin client", options.description(), options.bootstrapServers(), e);
    }
  }

  /** How long one call to the brokers may take: {@code kafka.default.api.timeout.ms}, or 60 s. */
  static Duration apiTimeout(KafkaSourceOptions options) {
    String v = options.kafkaParams().get(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
    long ms = 60_000L;
    if (v != null) {
      try {
        ms = Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        throw KafkaSourceErrors.invalidOption(
            "kafka." + ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, v, "a number of milliseconds");
      }
    }
    return Duration.ofMillis(ms);
  }

  /** Spark's warnings when {@code kafka.group.id} is set (and overrides {@code groupIdPrefix}). */
  static void warnIfCustomGroupId(KafkaSourceOptions options) {
    if (options.groupId().isPresent()) {
      LOG.warn(KafkaSourceErrors.CUSTOM_GROUP_ID_WARNING);
      if (options.original().keySet().stream().anyMatch("groupIdPrefix"::equalsIgnoreCase)) {
        LOG.warn("Option groupIdPrefix will be ignored as option kafka.group.id has been set.");
      }
    }
  }
}
