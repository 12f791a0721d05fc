package io.tideline.internal.streaming.sinks.kafka;

import io.tideline.internal.conf.Redaction;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The kafka sink's options, checked as Spark's {@code KafkaSourceProvider.kafkaParamsForProducer}
 * checks them: keys and values are always written with {@code ByteArraySerializer}, so the
 * serializer settings are refused; every other {@code kafka.*} option goes to the producer with the
 * prefix removed. Keys match case-insensitively.
 *
 * <p>Tideline's own options: {@code topic} (the topic of every record, overriding a {@code topic}
 * column, as Spark), {@code transactional} ({@code false} by default; {@code true} turns on the
 * exactly-once mode, see {@link TransactionalKafkaSink}), {@code transactionalIdPrefix} and {@code
 * transactionalCommitTopic}. The exactly-once switch is deliberately not a {@code kafka.*} option:
 * those are Kafka client settings passed through verbatim, and Kafka has no {@code transactional}
 * setting. {@code kafka.transactional} is still accepted as an alias, so a user who writes it gets
 * exactly-once rather than a producer that silently ignores an unknown setting.
 *
 * <p>{@link #toString()} hides secrets: {@code kafka.sasl.jaas.config} and friends carry passwords.
 */
record KafkaSinkOptions(
    Optional<String> topic,
    boolean transactional,
    String transactionalIdPrefix,
    Optional<String> commitTopic,
    Map<String, String> kafkaParams,
    Map<String, String> original) {

  /** The prefix of the transactional ids the exactly-once mode derives from query ids. */
  static final String DEFAULT_TRANSACTIONAL_ID_PREFIX = "tideline-sink";

  private static final String TRANSACTIONAL = "transactional";
  private static final String TRANSACTIONAL_ALIAS = "kafka.transactional";

  KafkaSinkOptions {
    kafkaParams = Map.copyOf(kafkaParams);
    original = Map.copyOf(original);
  }

  /** Checks and parses a sink's options; throws the first problem found, as Spark. */
  static KafkaSinkOptions parse(Map<String, String> options) {
    Map<String, String> lower = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      lower.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
    }
    if (lower.containsKey("kafka." + ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG)) {
      throw KafkaSinkErrors.optionNotSupported(
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
          " as keys are serialized with ByteArraySerializer. Cast the 'key' column to string or"
              + " binary with DataFrame operations instead.");
    }
    if (lower.containsKey("kafka." + ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)) {
      throw KafkaSinkErrors.optionNotSupported(
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
          " as value are serialized with ByteArraySerializer. Serialize the 'value' column with"
              + " DataFrame operations instead, e.g. to_json(struct(\"*\")).");
    }
    if (lower.containsKey("kafka." + ProducerConfig.TRANSACTIONAL_ID_CONFIG)) {
      throw KafkaSinkErrors.optionNotSupported(
          ProducerConfig.TRANSACTIONAL_ID_CONFIG,
          ": the kafka sink sets it. For exactly-once writes set option(\"transactional\","
              + " \"true\"); the transactional id is then derived from the query id, and"
              + " 'transactionalIdPrefix' sets its prefix.");
    }
    if (!lower.containsKey("kafka." + ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
      throw KafkaSinkErrors.bootstrapServersMissing();
    }
    boolean transactional = transactional(lower);
    if (transactional
        && "false"
            .equalsIgnoreCase(
                String.valueOf(lower.get("kafka." + ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG))
                    .trim())) {
      throw KafkaSinkErrors.invalidOption(
          "kafka." + ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
          lower.get("kafka." + ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG),
          "'true' (or unset) with transactional=true: Kafka transactions need the idempotent"
              + " producer");
    }
    Map<String, String> kafkaParams = new TreeMap<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String k = e.getKey().toLowerCase(Locale.ROOT);
      if (k.startsWith("kafka.") && !k.equals(TRANSACTIONAL_ALIAS)) {
        kafkaParams.put(e.getKey().substring("kafka.".length()), e.getValue());
      }
    }
    String prefix =
        Optional.ofNullable(lower.get("transactionalidprefix"))
            .map(String::trim)
            .orElse(DEFAULT_TRANSACTIONAL_ID_PREFIX);
    if (prefix.isEmpty()) {
      throw KafkaSinkErrors.invalidOption(
          "transactionalIdPrefix", prefix, "a non-empty prefix such as 'tideline-sink'");
    }
    Optional<String> commitTopic =
        Optional.ofNullable(lower.get("transactionalcommittopic")).map(String::trim);
    if (commitTopic.isPresent() && commitTopic.get().isEmpty()) {
      throw KafkaSinkErrors.invalidOption(
          "transactionalCommitTopic", "", "a topic name, or no option for the default");
    }
    return new KafkaSinkOptions(
        Optional.ofNullable(lower.get("topic")).map(String::trim),
        transactional,
        prefix,
        commitTopic,
        kafkaParams,
        options);
  }

  String bootstrapServers() {
    for (Map.Entry<String, String> e : kafkaParams.entrySet()) {
      if (e.getKey().equalsIgnoreCase(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
        return e.getValue();
      }
    }
    throw new IllegalStateException("Bug in Tideline: kafka.bootstrap.servers was checked");
  }

  /**
   * The producer's configuration: the user's {@code kafka.*} settings, byte-array serializers, and
   * with {@code transactionalId} a transactional (so idempotent) producer.
   */
  Map<String, Object> producerConfig(Optional<String> transactionalId) {
    Map<String, Object> config = new HashMap<>(kafkaParams);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    transactionalId.ifPresent(id -> config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id));
    return config;
  }

  /**
   * The configuration of the consumer that reads the exactly-once markers back: the user's
   * connection and security settings, {@code read_committed}, and no group (it assigns its one
   * partition and never commits).
   */
  Map<String, Object> markerConsumerConfig() {
    Map<String, Object> config = new HashMap<>();
    for (Map.Entry<String, String> e : kafkaParams.entrySet()) {
      if (isConnectionSetting(e.getKey())) {
        config.put(e.getKey(), e.getValue());
      }
    }
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return config;
  }

  /** The admin client's configuration: the user's connection and security settings. */
  Map<String, Object> adminConfig() {
    Map<String, Object> config = new HashMap<>();
    for (Map.Entry<String, String> e : kafkaParams.entrySet()) {
      if (isConnectionSetting(e.getKey())) {
        config.put(e.getKey(), e.getValue());
      }
    }
    return config;
  }

  /**
   * Whether a producer setting also applies to the marker consumer and the admin client: how to
   * reach and authenticate to the brokers, not how to produce.
   */
  private static boolean isConnectionSetting(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.equals("bootstrap.servers")
        || k.equals("client.dns.lookup")
        || k.equals("security.protocol")
        || k.startsWith("sasl.")
        || k.startsWith("ssl.")
        || k.equals("request.timeout.ms")
        || k.equals("default.api.timeout.ms")
        || k.startsWith("socket.")
        || k.startsWith("reconnect.backoff")
        || k.startsWith("retry.backoff")
        || k.equals("connections.max.idle.ms");
  }

  @Override
  public String toString() {
    return "KafkaSinkOptions" + Redaction.redact(new TreeMap<>(original));
  }

  private static boolean transactional(Map<String, String> lower) {
    String option = lower.containsKey(TRANSACTIONAL) ? "transactional" : "kafka.transactional";
    String value = lower.containsKey(TRANSACTIONAL) ? lower.get(TRANSACTIONAL) : lower.get(option);
    if (value == null) {
      return false;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw KafkaSinkErrors.invalidOption(option, value, "'true' or 'false'");
    };
  }
}
