package io.tideline.internal.streaming.sources.kafka;

import io.tideline.internal.conf.Redaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kafka source's options, checked as Spark's {@code KafkaSourceProvider} checks them: exactly
 * one of {@code assign}/{@code subscribe}/{@code subscribePattern}; {@code kafka.bootstrap.servers}
 * required; the consumer settings the source owns refused with Spark's reasons; every other {@code
 * kafka.*} option passed to the consumer with the prefix removed. Keys match case-insensitively.
 * {@link #parse} checks a streaming read, {@link #parseBatch} a batch read.
 *
 * <p>{@link #toString()} hides secrets: {@code kafka.sasl.jaas.config} and friends carry passwords.
 *
 * @param startingOffsets where a new stream or a batch read starts
 * @param endingOffsets where a batch read ends ({@link OffsetRangeLimit.Latest} for a stream)
 * @param maxTriggerDelayMs how long a stream holds back a batch below {@code minOffsetsPerTrigger}
 */
record KafkaSourceOptions(
    ConsumerStrategy strategy,
    OffsetRangeLimit startingOffsets,
    OffsetRangeLimit endingOffsets,
    OptionalLong maxOffsetsPerTrigger,
    OptionalLong minOffsetsPerTrigger,
    long maxTriggerDelayMs,
    OptionalInt minPartitions,
    OptionalLong maxRecordsPerPartition,
    boolean failOnDataLoss,
    boolean includeHeaders,
    String groupIdPrefix,
    long pollTimeoutMs,
    Map<String, String> kafkaParams,
    Map<String, String> original) {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaSourceOptions.class);

  private static final String SUBSCRIBE = "subscribe";
  private static final String SUBSCRIBE_PATTERN = "subscribepattern";
  private static final String ASSIGN = "assign";
  private static final List<String> STRATEGIES = List.of(SUBSCRIBE, SUBSCRIBE_PATTERN, ASSIGN);

  /** Spark's default {@code maxTriggerDelay}, {@code 15m}. */
  static final long DEFAULT_MAX_TRIGGER_DELAY_MS = 15 * 60 * 1000L;

  /** The name of {@link #taskReadMinOffsets}'s option. */
  static final String TASK_READ_MIN_OFFSETS = "tideline.taskReadMinOffsets";

  KafkaSourceOptions {
    kafkaParams = Map.copyOf(kafkaParams);
    original = Map.copyOf(original);
  }

  /** Checks and parses a streaming read's options; throws the first problem found, as Spark. */
  static KafkaSourceOptions parse(Map<String, String> options) {
    Map<String, String> lower = lower(options);
    if (lower.containsKey("endingoffsets")) {
      throw KafkaSourceErrors.endingInStreaming("offset", "endingOffsets");
    }
    if (lower.containsKey("endingoffsetsbytimestamp")) {
      throw KafkaSourceErrors.endingInStreaming("timestamp", "endingOffsetsByTimestamp");
    }
    if (lower.containsKey("endingtimestamp")) {
      // Spark accepts and ignores it in a stream; say so rather than stay silent.
      LOG.warn("endingTimestamp option ignored in streaming queries");
    }
    General general = general(lower);
    OffsetRangeLimit starting =
        rangeLimit(
            lower,
            "startingtimestamp",
            "startingoffsetsbytimestamp",
            "startingoffsets",
            new OffsetRangeLimit.Latest());
    return build(
        general, starting, new OffsetRangeLimit.Latest(), lower, "spark-kafka-source", options);
  }

  /**
   * Checks and parses a batch read's options ({@code t.read().format("kafka")}), as Spark's {@code
   * validateBatchOptions}: the start defaults to earliest and may not be latest, the end defaults
   * to latest and may not be earliest; the trigger options are ignored with a warning.
   */
  static KafkaSourceOptions parseBatch(Map<String, String> options) {
    Map<String, String> lower = lower(options);
    OffsetRangeLimit starting =
        rangeLimit(
            lower,
            "startingtimestamp",
            "startingoffsetsbytimestamp",
            "startingoffsets",
            new OffsetRangeLimit.Earliest());
    if (starting instanceof OffsetRangeLimit.Latest) {
      throw KafkaSourceErrors.batchStartLatest("starting offset");
    }
    if (starting instanceof OffsetRangeLimit.Specific s) {
      for (Map.Entry<TopicPartition, Long> e : sorted(s.offsets())) {
        if (e.getValue() == OffsetRangeLimit.LATEST) {
          throw KafkaSourceErrors.batchStartLatest("startingOffsets for " + e.getKey());
        }
      }
    }
    OffsetRangeLimit ending =
        rangeLimit(
            lower,
            "endingtimestamp",
            "endingoffsetsbytimestamp",
            "endingoffsets",
            new OffsetRangeLimit.Latest());
    if (ending instanceof OffsetRangeLimit.Earliest) {
      throw KafkaSourceErrors.batchEndEarliest("ending offset");
    }
    if (ending instanceof OffsetRangeLimit.Specific s) {
      for (Map.Entry<TopicPartition, Long> e : sorted(s.offsets())) {
        if (e.getValue() == OffsetRangeLimit.EARLIEST) {
          throw KafkaSourceErrors.batchEndEarliest("ending offset for " + e.getKey());
        }
      }
    }
    General general = general(lower);
    for (String ignored :
        List.of("maxOffsetsPerTrigger", "minOffsetsPerTrigger", "maxTriggerDelay")) {
      if (lower.containsKey(ignored.toLowerCase(Locale.ROOT))) {
        LOG.warn("{} option ignored in batch queries", ignored);
      }
    }
    checkOffsetLimitValidity(starting, ending);
    return build(general, starting, ending, lower, "spark-kafka-relation", options);
  }

  /** The options every read shares, checked in Spark's order. */
  private record General(
      ConsumerStrategy strategy, OptionalInt minPartitions, OptionalLong maxRecordsPerPartition) {}

  private static General general(Map<String, String> lower) {
    ConsumerStrategy strategy = strategy(lower);
    OptionalLong minPartitions = positiveLong(lower, "minpartitions", "minPartitions");
    OptionalLong maxRecords =
        positiveLong(lower, "maxrecordsperpartition", "maxRecordsPerPartition");
    if (minPartitions.isPresent() && minPartitions.getAsLong() > Integer.MAX_VALUE) {
      throw KafkaSourceErrors.invalidOption(
          "minPartitions", lower.get("minpartitions"), "a positive whole number of partitions");
    }
    refuseOwnedConsumerSettings(lower);
    if (!lower.containsKey("kafka.bootstrap.servers")) {
      throw KafkaSourceErrors.bootstrapServersMissing();
    }
    OptionalLong min = positiveLong(lower, "minoffsetspertrigger", "minOffsetsPerTrigger");
    OptionalLong max = positiveLong(lower, "maxoffsetspertrigger", "maxOffsetsPerTrigger");
    if (min.isPresent() && max.isPresent() && min.getAsLong() > max.getAsLong()) {
      throw KafkaSourceErrors.minOffsetsAboveMax(min.getAsLong(), max.getAsLong());
    }
    return new General(
        strategy,
        minPartitions.isPresent()
            ? OptionalInt.of((int) minPartitions.getAsLong())
            : OptionalInt.empty(),
        maxRecords);
  }

  private static KafkaSourceOptions build(
      General general,
      OffsetRangeLimit starting,
      OffsetRangeLimit ending,
      Map<String, String> lower,
      String defaultGroupIdPrefix,
      Map<String, String> options) {
    Map<String, String> kafkaParams = new TreeMap<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (e.getKey().toLowerCase(Locale.ROOT).startsWith("kafka.")) {
        kafkaParams.put(e.getKey().substring("kafka.".length()), e.getValue());
      }
    }
    String delay = lower.get("maxtriggerdelay");
    return new KafkaSourceOptions(
        general.strategy(),
        starting,
        ending,
        positiveLong(lower, "maxoffsetspertrigger", "maxOffsetsPerTrigger"),
        positiveLong(lower, "minoffsetspertrigger", "minOffsetsPerTrigger"),
        delay == null ? DEFAULT_MAX_TRIGGER_DELAY_MS : timeStringMs("maxTriggerDelay", delay),
        general.minPartitions(),
        general.maxRecordsPerPartition(),
        bool(lower, "failondataloss", "failOnDataLoss", true),
        bool(lower, "includeheaders", "includeHeaders", false),
        Optional.ofNullable(lower.get("groupidprefix")).orElse(defaultGroupIdPrefix),
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

  /**
   * Tideline's internal option {@code tideline.taskReadMinOffsets}: a stream batch of at least this
   * many offsets is read by tasks when its plan runs, not by the source's consumer in {@code
   * getBatch} ({@link KafkaMicroBatchStream}). Not Spark's; for tests and benchmarks that compare
   * the two reads without a batch of that size.
   */
  long taskReadMinOffsets(long defaultMinOffsets) {
    return positiveLong(lower(original), "tideline.taskreadminoffsets", TASK_READ_MIN_OFFSETS)
        .orElse(defaultMinOffsets);
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

  /**
   * Spark's {@code getKafkaOffsetRangeLimit}: a global timestamp wins over timestamps per
   * partition, which win over offsets.
   */
  private static OffsetRangeLimit rangeLimit(
      Map<String, String> lower,
      String globalTimestampKey,
      String byTimestampKey,
      String offsetsKey,
      OffsetRangeLimit dflt) {
    OffsetRangeLimit.TimestampStrategy onNoMatch = timestampStrategy(lower);
    String global = lower.get(globalTimestampKey);
    if (global != null) {
      try {
        return new OffsetRangeLimit.GlobalTimestamp(Long.parseLong(global.trim()), onNoMatch);
      } catch (NumberFormatException e) {
        throw KafkaSourceErrors.invalidOption(
            name(globalTimestampKey), global, "a single long value (epoch milliseconds)");
      }
    }
    String byTimestamp = lower.get(byTimestampKey);
    if (byTimestamp != null) {
      try {
        return new OffsetRangeLimit.SpecificTimestamps(
            PartitionOffsetsJson.readOffsets(byTimestamp.trim()), onNoMatch);
      } catch (IllegalArgumentException e) {
        throw KafkaSourceErrors.invalidOption(
            name(byTimestampKey),
            byTimestamp,
            "JSON such as {\"topicA\":{\"0\":1700000000000,\"1\":1700000000000}} with a"
                + " timestamp in epoch milliseconds per partition");
      }
    }
    String value = lower.get(offsetsKey);
    if (value == null) {
      return dflt;
    }
    String v = value.trim();
    if (v.equalsIgnoreCase("latest")) {
      return new OffsetRangeLimit.Latest();
    }
    if (v.equalsIgnoreCase("earliest")) {
      return new OffsetRangeLimit.Earliest();
    }
    try {
      Map<TopicPartition, Long> offsets = PartitionOffsetsJson.readOffsets(v);
      for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
        if (e.getValue() < OffsetRangeLimit.EARLIEST) {
          throw new IllegalArgumentException("negative offset for " + e.getKey());
        }
      }
      return new OffsetRangeLimit.Specific(offsets);
    } catch (IllegalArgumentException e) {
      throw KafkaSourceErrors.invalidOption(
          name(offsetsKey),
          value,
          "'earliest', 'latest', or JSON such as {\"topicA\":{\"0\":23,\"1\":-1}} with offsets"
              + " >= 0, -2 for earliest and -1 for latest");
    }
  }

  private static OffsetRangeLimit.TimestampStrategy timestampStrategy(Map<String, String> lower) {
    String v = lower.get("startingoffsetsbytimestampstrategy");
    if (v == null) {
      return OffsetRangeLimit.TimestampStrategy.ERROR;
    }
    try {
      return OffsetRangeLimit.TimestampStrategy.valueOf(v.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw KafkaSourceErrors.invalidOption(
          "startingOffsetsByTimestampStrategy", v, "'error' or 'latest'");
    }
  }

  /**
   * Spark's {@code checkOffsetLimitValidity}: explicit start and end offsets (or timestamps) must
   * name the same partitions, and no start may be past its end.
   */
  private static void checkOffsetLimitValidity(OffsetRangeLimit start, OffsetRangeLimit end) {
    Map<TopicPartition, Long> from = null;
    Map<TopicPartition, Long> until = null;
    String type = null;
    if (start instanceof OffsetRangeLimit.Specific s
        && end instanceof OffsetRangeLimit.Specific e) {
      from = s.offsets();
      until = e.offsets();
      type = "offset";
    } else if (start instanceof OffsetRangeLimit.SpecificTimestamps s
        && end instanceof OffsetRangeLimit.SpecificTimestamps e) {
      from = s.timestamps();
      until = e.timestamps();
      type = "timestamp";
    }
    if (from == null) {
      return;
    }
    if (!from.keySet().equals(until.keySet())) {
      throw KafkaSourceErrors.startEndPartitionsMismatch(from.keySet(), until.keySet());
    }
    for (Map.Entry<TopicPartition, Long> e : sorted(from)) {
      long s = e.getValue();
      long u = until.get(e.getKey());
      // Negative values are the earliest/latest markers: only known offsets compare.
      if (s > u && s >= 0 && u >= 0) {
        throw KafkaSourceErrors.unresolvedStartAfterEnd(type, s, u, e.getKey());
      }
    }
  }

  /**
   * Spark's {@code timeStringAsMs}: a whole number with an optional unit ({@code us}, {@code ms},
   * {@code s}, {@code m}/{@code min}, {@code h}, {@code d}); no unit means milliseconds.
   */
  static long timeStringMs(String option, String value) {
    java.util.regex.Matcher m =
        Pattern.compile("(-?[0-9]+)([a-z]+)?").matcher(value.trim().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      try {
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        Long ms =
            switch (unit) {
              case "us" -> n / 1000;
              case "ms" -> n;
              case "s" -> Math.multiplyExact(n, 1000L);
              case "m", "min" -> Math.multiplyExact(n, 60_000L);
              case "h" -> Math.multiplyExact(n, 3_600_000L);
              case "d" -> Math.multiplyExact(n, 86_400_000L);
              default -> null;
            };
        if (ms != null && ms >= 0) {
          return ms;
        }
      } catch (NumberFormatException | ArithmeticException e) {
        // Reported below with the expectation.
      }
    }
    throw KafkaSourceErrors.invalidOption(
        option,
        value,
        "a duration such as '15m', '30s' or '500ms' (a bare number is milliseconds)");
  }

  private static List<Map.Entry<TopicPartition, Long>> sorted(Map<TopicPartition, Long> m) {
    List<Map.Entry<TopicPartition, Long>> out = new ArrayList<>(m.entrySet());
    out.sort(Map.Entry.comparingByKey(KafkaSourceOffset.ORDER));
    return out;
  }

  private static String name(String lowerKey) {
    return switch (lowerKey) {
      case "startingtimestamp" -> "startingTimestamp";
      case "endingtimestamp" -> "endingTimestamp";
      case "startingoffsetsbytimestamp" -> "startingOffsetsByTimestamp";
      case "endingoffsetsbytimestamp" -> "endingOffsetsByTimestamp";
      case "startingoffsets" -> "startingOffsets";
      case "endingoffsets" -> "endingOffsets";
      default -> lowerKey;
    };
  }

  private static Map<String, String> lower(Map<String, String> options) {
    Map<String, String> lower = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      lower.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
    }
    return lower;
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
}
