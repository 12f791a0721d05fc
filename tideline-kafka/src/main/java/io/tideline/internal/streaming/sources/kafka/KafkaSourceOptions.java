package io.tideline.internal.streaming.sources.kafka;

import io.tideline.internal.conf.Redaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.TopicPartition;

/**
 * The kafka source's options, checked as Spark's {@code KafkaSourceProvider} checks a streaming
 * read: exactly one of {@code assign}/{@code subscribe}/{@code subscribePattern}; {@code
 * kafka.bootstrap.servers} required; the consumer settings the source owns refused with Spark's
 * reasons; every other {@code kafka.*} option passed to the consumer with the prefix removed. Keys
 * match case-insensitively.
 *
 * <p>{@link #toString()} hides secrets: {@code kafka.sasl.jaas.config} and friends carry passwords.
 */
record KafkaSourceOptions(
    ConsumerStrategy strategy,
    StartingOffsets startingOffsets,
    OptionalLong maxOffsetsPerTrigger,
    boolean failOnDataLoss,
    boolean includeHeaders,
    String groupIdPrefix,
    long pollTimeoutMs,
    Map<String, String> kafkaParams,
    Map<String, String> original) {

  private static final String SUBSCRIBE = "subscribe";
  private static final String SUBSCRIBE_PATTERN = "subscribepattern";
  private static final String ASSIGN = "assign";
  private static final List<String> STRATEGIES = List.of(SUBSCRIBE, SUBSCRIBE_PATTERN, ASSIGN);

  /** Options of Spark's that this source refuses for now rather than silently ignoring. */
  private static final Map<String, String> NOT_YET =
      Map.of(
          "startingtimestamp", "use startingOffsets with per-partition offsets instead.",
          "startingoffsetsbytimestamp", "use startingOffsets with per-partition offsets instead.",
          "startingoffsetsbytimestampstrategy", "it only applies with startingTimestamp.",
          "minoffsetspertrigger",
              "every trigger reads what is available, up to" + " maxOffsetsPerTrigger.",
          "maxtriggerdelay", "it only applies with minOffsetsPerTrigger.");

  KafkaSourceOptions {
    kafkaParams = Map.copyOf(kafkaParams);
    original = Map.copyOf(original);
  }

  /** Checks and parses a streaming read's options; throws the first problem found, as Spark. */
  static KafkaSourceOptions parse(Map<String, String> options) {
    Map<String, String> lower = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      lower.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
    }
    if (lower.containsKey("endingoffsets")) {
      throw KafkaSourceErrors.endingInStreaming("offset", "endingOffsets");
    }
    if (lower.containsKey("endingoffsetsbytimestamp")) {
      throw KafkaSourceErrors.endingInStreaming("timestamp", "endingOffsetsByTimestamp");
    }
    ConsumerStrategy strategy = strategy(lower);
    positiveLong(lower, "minpartitions", "minPartitions");
    positiveLong(lower, "maxrecordsperpartition", "maxRecordsPerPartition");
    refuseOwnedConsumerSettings(lower);
    if (!lower.containsKey("kafka.bootstrap.servers")) {
      throw KafkaSourceErrors.bootstrapServersMissing();
    }
    for (Map.Entry<String, String> e : NOT_YET.entrySet()) {
      if (lower.containsKey(e.getKey())) {
        throw KafkaSourceErrors.notYetSupported(originalKey(options, e.getKey()), e.getValue());
      }
    }
    Map<String, String> kafkaParams = new TreeMap<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (e.getKey().toLowerCase(Locale.ROOT).startsWith("kafka.")) {
        kafkaParams.put(e.getKey().substring("kafka.".length()), e.getValue());
      }
    }
    return new KafkaSourceOptions(
        strategy,
        startingOffsets(lower),
        positiveLong(lower, "maxoffsetspertrigger", "maxOffsetsPerTrigger"),
        bool(lower, "failondataloss", "failOnDataLoss", true),
        bool(lower, "includeheaders", "includeHeaders", false),
        Optional.ofNullable(lower.get("groupidprefix")).orElse("spark-kafka-source"),
        positiveLong(lower, "kafkaconsumer.polltimeoutms", "kafkaConsumer.pollTimeoutMs")
            .orElse(120_000L),
        kafkaParams,
        options);
  }

  /** The consumer's {@code group.id} from {@code kafka.group.id}, if the user set one. */
  Optional<String> groupId() {
    return Optional.ofNullable(kafkaParams.get("group.id"));
  }

  String bootstrapServers() {
    for (Map.Entry<String, String> e : kafkaParams.entrySet()) {
      if (e.getKey().equalsIgnoreCase("bootstrap.servers")) {
        return e.getValue();
      }
    }
    throw new IllegalStateException("Bug in Tideline: kafka.bootstrap.servers was checked");
  }

  /** Spark's description of the source: {@code KafkaV2[Subscribe[topic]]}. */
  String description() {
    return "KafkaV2[" + strategy.description() + "]";
  }

  @Override
  public String toString() {
    return "KafkaSourceOptions" + Redaction.redact(new TreeMap<>(original));
  }

  private static ConsumerStrategy strategy(Map<String, String> lower) {
    List<String> found = new ArrayList<>();
    for (String s : STRATEGIES) {
      if (lower.containsKey(s)) {
        found.add(s);
      }
    }
    if (found.isEmpty()) {
      throw KafkaSourceErrors.strategyMissing();
    }
    if (found.size() > 1) {
      throw KafkaSourceErrors.strategyAmbiguous(found);
    }
    String value = lower.get(found.get(0));
    switch (found.get(0)) {
      case ASSIGN -> {
        if (!value.trim().startsWith("{")) {
          throw KafkaSourceErrors.invalidStrategy(
              "assign",
              value,
              "No topicpartitions to assign",
              "Set it to JSON such as {\"topicA\":[0,1],\"topicB\":[2,4]}.");
        }
        try {
          return new ConsumerStrategy.Assign(PartitionOffsetsJson.readPartitions(value));
        } catch (IllegalArgumentException e) {
          throw KafkaSourceErrors.invalidOption(
              "assign", value, "JSON such as {\"topicA\":[0,1],\"topicB\":[2,4]}");
        }
      }
      case SUBSCRIBE -> {
        List<String> topics =
            Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (topics.isEmpty()) {
          throw KafkaSourceErrors.invalidStrategy(
              "subscribe",
              value,
              "No topics to subscribe to",
              "Set it to a comma-separated list of topics.");
        }
        return new ConsumerStrategy.Subscribe(topics);
      }
      default -> {
        String pattern = value.trim();
        if (pattern.isEmpty()) {
          throw KafkaSourceErrors.invalidStrategy(
              "subscribePattern",
              value,
              "Pattern to subscribe is empty",
              "Set it to a Java regular expression matching topic names.");
        }
        try {
          Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
          throw KafkaSourceErrors.invalidOption(
              "subscribePattern", value, "a Java regular expression (" + e.getDescription() + ")");
        }
        return new ConsumerStrategy.SubscribePattern(pattern);
      }
    }
  }

  private static void refuseOwnedConsumerSettings(Map<String, String> lower) {
    if (lower.containsKey("kafka.auto.offset.reset")) {
      throw KafkaSourceErrors.optionNotSupported(
          "auto.offset.reset",
          ". Instead set the source option 'startingoffsets' to 'earliest' or 'latest' to specify"
              + " where to start. Structured Streaming manages which offsets are consumed"
              + " internally, rather than relying on the kafkaConsumer to do it. This will ensure"
              + " that no data is missed when new topics/partitions are dynamically subscribed."
              + " Note that 'startingoffsets' only applies when a new Streaming query is started,"
              + " and that resuming will always pick up from where the query left off. See the"
              + " docs for more details.");
    }
    if (lower.containsKey("kafka.key.deserializer")) {
      throw KafkaSourceErrors.optionNotSupported(
          "key.deserializer",
          " as keys are deserialized as byte arrays with ByteArrayDeserializer. Use DataFrame"
              + " operations to explicitly deserialize the keys.");
    }
    if (lower.containsKey("kafka.value.deserializer")) {
      throw KafkaSourceErrors.optionNotSupported(
          "value.deserializer",
          " as values are deserialized as byte arrays with ByteArrayDeserializer. Use DataFrame"
              + " operations to explicitly deserialize the values.");
    }
    for (String c : List.of("enable.auto.commit", "interceptor.classes")) {
      if (lower.containsKey("kafka." + c)) {
        throw KafkaSourceErrors.optionNotSupported(c, "");
      }
    }
  }

  private static StartingOffsets startingOffsets(Map<String, String> lower) {
    String value = lower.get("startingoffsets");
    if (value == null) {
      return new StartingOffsets.Latest();
    }
    String v = value.trim();
    if (v.equalsIgnoreCase("latest")) {
      return new StartingOffsets.Latest();
    }
    if (v.equalsIgnoreCase("earliest")) {
      return new StartingOffsets.Earliest();
    }
    try {
      Map<TopicPartition, Long> offsets = PartitionOffsetsJson.readOffsets(v);
      for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
        if (e.getValue() < StartingOffsets.EARLIEST) {
          throw new IllegalArgumentException("negative offset for " + e.getKey());
        }
      }
      return new StartingOffsets.Specific(offsets);
    } catch (IllegalArgumentException e) {
      throw KafkaSourceErrors.invalidOption(
          "startingOffsets",
          value,
          "'earliest', 'latest', or JSON such as {\"topicA\":{\"0\":23,\"1\":-1}} with offsets"
              + " >= 0, -2 for earliest and -1 for latest");
    }
  }

  private static OptionalLong positiveLong(Map<String, String> lower, String key, String name) {
    String value = lower.get(key);
    if (value == null) {
      return OptionalLong.empty();
    }
    try {
      long n = Long.parseLong(value.trim());
      if (n > 0) {
        return OptionalLong.of(n);
      }
    } catch (NumberFormatException e) {
      // Reported below with the expectation.
    }
    throw KafkaSourceErrors.invalidOption(name, value, "a positive whole number");
  }

  private static boolean bool(Map<String, String> lower, String key, String name, boolean dflt) {
    String value = lower.get(key);
    if (value == null) {
      return dflt;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw KafkaSourceErrors.invalidOption(name, value, "'true' or 'false'");
    };
  }

  private static String originalKey(Map<String, String> options, String lowerKey) {
    for (String k : options.keySet()) {
      if (k.equalsIgnoreCase(lowerKey)) {
        return k;
      }
    }
    return lowerKey;
  }
}
