package io.tideline.internal.streaming.sources.kafka;

import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.TidelineException;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * The factory of every user-facing failure of the {@code kafka} source. Wording lives here, with
 * Spark's condition names ({@code KAFKA_DATA_LOSS.*}) and Spark's texts where Spark has them; tests
 * assert the {@link Condition} and its parameters.
 */
public final class KafkaSourceErrors {

  /** Spark's instruction appended to a data-loss failure. */
  static final String FAIL_ON_DATA_LOSS_TRUE_HINT =
      "Some data may have been lost because they are not available in Kafka any more; either the"
          + " data was aged out by Kafka or the topic may have been deleted before all the data in"
          + " the topic was processed. If you don't want your streaming query to fail on such"
          + " cases, set the source option 'failOnDataLoss' to 'false'.";

  /** Spark's note logged instead of failing when {@code failOnDataLoss} is false. */
  static final String FAIL_ON_DATA_LOSS_FALSE_HINT =
      "Some data may have been lost because they are not available in Kafka any more; either the"
          + " data was aged out by Kafka or the topic may have been deleted before all the data in"
          + " the topic was processed. If you want your streaming query to fail on such cases, set"
          + " the source option 'failOnDataLoss' to 'true'.";

  /** Spark's warning when {@code kafka.group.id} is set. */
  static final String CUSTOM_GROUP_ID_WARNING =
      "Kafka option 'kafka.group.id' has been set on this query, it is not recommended to set this"
          + " option. This option is unsafe to use since multiple concurrent queries or sources"
          + " using the same group id will interfere with each other as they are part of the same"
          + " consumer group. Restarted queries may also suffer interference from the previous run"
          + " having the same group id. The user should have only one query per group id, and/or"
          + " set the option 'kafka.session.timeout.ms' to be very small so that the Kafka"
          + " consumers from the previous query are marked dead by the Kafka group coordinator"
          + " before the restarted query starts running.";

  /** The kafka source's error conditions. */
  public enum Condition implements ErrorCondition {
    KAFKA_SOURCE_USER_SCHEMA_UNSUPPORTED(
        "0A000",
        "Kafka source has a fixed schema and cannot be set with a custom one. Remove the"
            + " schema(...) call and deserialize 'key' and 'value' with DataFrame operations, e.g."
            + " selectExpr(\"CAST(value AS STRING)\") or from_json."),
    KAFKA_STRATEGY_MISSING(
        "42K06",
        "One of the following options must be specified for Kafka source: subscribe,"
            + " subscribepattern, assign. See the docs for more details."),
    KAFKA_STRATEGY_AMBIGUOUS(
        "42K06",
        "Only one of the following options can be specified for Kafka source: subscribe,"
            + " subscribepattern, assign. Found <found>. See the docs for more details."),
    KAFKA_INVALID_STRATEGY(
        "42K06", "<problem> as specified value for option '<option>' is '<value>'. <hint>"),
    KAFKA_OPTION_NOT_SUPPORTED("0A000", "Kafka option '<option>' is not supported<reason>"),
    KAFKA_BOOTSTRAP_SERVERS_MISSING(
        "42K06",
        "Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer, e.g."
            + " option(\"kafka.bootstrap.servers\", \"host1:9092,host2:9092\")."),
    KAFKA_ENDING_OFFSETS_IN_STREAMING(
        "42K06",
        "ending <what> not valid in streaming queries: remove the option '<option>', or read the"
            + " topic as a batch with read().format(\"kafka\")."),
    KAFKA_BATCH_START_OFFSET_LATEST(
        "42K06",
        "<what> can't be latest for batch queries on Kafka. Start a batch read at 'earliest', an"
            + " offset or a timestamp, or read the topic with readStream() to follow its end."),
    KAFKA_BATCH_END_OFFSET_EARLIEST(
        "42K06",
        "<what> can't be earliest for batch queries on Kafka. End a batch read at 'latest', an"
            + " offset or a timestamp."),
    KAFKA_MIN_OFFSETS_ABOVE_MAX(
        "42K06",
        "The value of minOffsetPerTrigger(<min>) is higher than the"
            + " maxOffsetsPerTrigger(<max>). Lower minOffsetsPerTrigger or raise"
            + " maxOffsetsPerTrigger."),
    MISMATCHED_TOPIC_PARTITIONS_BETWEEN_START_OFFSET_AND_END_OFFSET(
        "42K06",
        "The specified start offset and end offset should have the same topic-partitions."
            + " Topic-partitions for start offset: <tpsForStartOffset>, topic-partitions for end"
            + " offset: <tpsForEndOffset>."),
    UNRESOLVED_START_OFFSET_GREATER_THAN_END_OFFSET(
        "42K06",
        "The specified start <offsetType> <startOffset> is greater than the end <offsetType>"
            + " <endOffset> for topic <topic> partition <partition>."),
    RESOLVED_START_OFFSET_GREATER_THAN_END_OFFSET(
        "22000",
        "The resolved start offset <startOffset> is greater than the resolved end offset"
            + " <endOffset> for topic <topic> partition <partition> (<source>). The start may be"
            + " set past the end (a start timestamp with an end offset, an end timestamp with a"
            + " start offset, or a start past 'latest'), or the topic partition is damaged."),
    KAFKA_TIMESTAMP_OFFSET_DOES_NOT_MATCH_ASSIGNED(
        "KD000",
        "Partitions specified for Kafka timestamp based <position> offsets don't match what are"
            + " assigned. Maybe topic partitions are created or deleted while the query is"
            + " running, or you didn't specify all the partitions. Specified:"
            + " <specifiedPartitions> Assigned: <assignedPartitions>."),
    KAFKA_NO_OFFSET_FOR_TIMESTAMP(
        "22000",
        "No offset matched from request of topic-partition <topicPartition> and timestamp"
            + " <timestamp> (<source>): no record is that recent. Set"
            + " 'startingOffsetsByTimestampStrategy' to 'latest' to start at the end instead, or"
            + " use an earlier timestamp."),
    INVALID_KAFKA_SOURCE_OPTION(
        "42K06",
        "Invalid value '<value>' for the kafka source option '<option>': expected <expected>."),
    KAFKA_START_OFFSET_DOES_NOT_MATCH_ASSIGNED(
        "KD000",
        "If startingOffsets contains specific offsets, you must specify all TopicPartitions. Use"
            + " -1 for latest, -2 for earliest. Specified: <specifiedPartitions>. Assigned:"
            + " <assignedPartitions>."),
    MALFORMED_KAFKA_SOURCE_OFFSET(
        "KD002",
        "The kafka source offset '<offset>' in the checkpoint is not of the form"
            + " {\"topic\":{\"partition\":offset}}. The checkpoint may have been edited or damaged;"
            + " restore it from a backup or start the query with a new checkpointLocation."),
    KAFKA_OFFSET_FETCH_FAILED(
        "08000",
        "Cannot <action> for <source> from the brokers <bootstrapServers> within <timeoutMs> ms:"
            + " <cause>. Check that the brokers are reachable from this machine and that"
            + " 'kafka.bootstrap.servers' and the kafka.security/sasl options are right."),
    KAFKA_CLIENT_CREATION_FAILED(
        "22023",
        "Cannot create the Kafka <client> of <source> for the brokers <bootstrapServers>: <cause>."
            + " Check the kafka.* options of the source; with SASL/PLAIN, 'kafka.sasl.jaas.config'"
            + " reads: org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"...\" password=\"...\"; (the closing semicolon"
            + " included)."),
    KAFKA_AUTHENTICATION_FAILED(
        "28000",
        "The Kafka brokers <bootstrapServers> refused the connection of <source>: <cause>. <hint>"),
    KAFKA_DATA_LOSS_PARTITIONS_DELETED(
        "22000", "Partitions <partitions> are gone (<source>). <hint>"),
    KAFKA_DATA_LOSS_INITIAL_OFFSET_NOT_FOUND_FOR_PARTITIONS(
        "22000", "Cannot find earliest offsets of partitions <partitions> (<source>). <hint>"),
    KAFKA_DATA_LOSS_ADDED_PARTITION_DOES_NOT_START_FROM_OFFSET_ZERO(
        "22000",
        "Added partition <topicPartition> starts from <startOffset> instead of 0 (<source>)."
            + " <hint>"),
    KAFKA_DATA_LOSS_PARTITION_OFFSET_CHANGED(
        "22000",
        "Partition <topicPartition>'s offset was changed from <prevOffset> to <newOffset>"
            + " (<source>). <hint>"),
    KAFKA_DATA_LOSS_COULD_NOT_READ_OFFSET_RANGE(
        "22000",
        "Cannot fetch records in [<startOffset>, <endOffset>) of <topicPartition> (<source>): the"
            + " earliest available offset is <earliestOffset>. <hint>"),
    KAFKA_READ_TIMEOUT(
        "08000",
        "Timed out after <timeoutMs> ms reading offsets [<startOffset>, <endOffset>) of"
            + " <topicPartition> (<source>) at offset <position>. Check that the brokers"
            + " <bootstrapServers> are up, or raise 'kafkaConsumer.pollTimeoutMs'.");

    private final String sqlState;
    private final String template;

    Condition(String sqlState, String template) {
      this.sqlState = sqlState;
      this.template = template;
    }

    /** Spark's name: the data-loss family is {@code KAFKA_DATA_LOSS.<SUBCLASS>}. */
    @Override
    public String conditionName() {
      String n = name();
      return n.startsWith("KAFKA_DATA_LOSS_")
          ? "KAFKA_DATA_LOSS." + n.substring("KAFKA_DATA_LOSS_".length())
          : n;
    }

    @Override
    public String sqlState() {
      return sqlState;
    }

    @Override
    public String template() {
      return template;
    }
  }

  private KafkaSourceErrors() {}

  static TidelineException userSchemaUnsupported() {
    return new TidelineException(Condition.KAFKA_SOURCE_USER_SCHEMA_UNSUPPORTED, Map.of());
  }

  static TidelineException strategyMissing() {
    return new TidelineException(Condition.KAFKA_STRATEGY_MISSING, Map.of());
  }

  static TidelineException strategyAmbiguous(Collection<String> found) {
    return new TidelineException(
        Condition.KAFKA_STRATEGY_AMBIGUOUS, Map.of("found", String.join(", ", found)));
  }

  static TidelineException invalidStrategy(
      String option, String value, String problem, String hint) {
    return new TidelineException(
        Condition.KAFKA_INVALID_STRATEGY,
        Map.of("option", option, "value", value, "problem", problem, "hint", hint));
  }

  static TidelineException optionNotSupported(String kafkaOption, String reason) {
    return new TidelineException(
        Condition.KAFKA_OPTION_NOT_SUPPORTED, Map.of("option", kafkaOption, "reason", reason));
  }

  static TidelineException bootstrapServersMissing() {
    return new TidelineException(Condition.KAFKA_BOOTSTRAP_SERVERS_MISSING, Map.of());
  }

  static TidelineException endingInStreaming(String what, String option) {
    return new TidelineException(
        Condition.KAFKA_ENDING_OFFSETS_IN_STREAMING, Map.of("what", what, "option", option));
  }

  static TidelineException batchStartLatest(String what) {
    return new TidelineException(Condition.KAFKA_BATCH_START_OFFSET_LATEST, Map.of("what", what));
  }

  static TidelineException batchEndEarliest(String what) {
    return new TidelineException(Condition.KAFKA_BATCH_END_OFFSET_EARLIEST, Map.of("what", what));
  }

  static TidelineException minOffsetsAboveMax(long min, long max) {
    return new TidelineException(
        Condition.KAFKA_MIN_OFFSETS_ABOVE_MAX,
        Map.of("min", Long.toString(min), "max", Long.toString(max)));
  }

  static TidelineException startEndPartitionsMismatch(
      Collection<TopicPartition> start, Collection<TopicPartition> end) {
    return new TidelineException(
        Condition.MISMATCHED_TOPIC_PARTITIONS_BETWEEN_START_OFFSET_AND_END_OFFSET,
        Map.of("tpsForStartOffset", partitions(start), "tpsForEndOffset", partitions(end)));
  }

  static TidelineException unresolvedStartAfterEnd(
      String offsetType, long start, long end, TopicPartition tp) {
    return new TidelineException(
        Condition.UNRESOLVED_START_OFFSET_GREATER_THAN_END_OFFSET,
        Map.of(
            "offsetType", offsetType,
            "startOffset", Long.toString(start),
            "endOffset", Long.toString(end),
            "topic", tp.topic(),
            "partition", Integer.toString(tp.partition())));
  }

  static TidelineException resolvedStartAfterEnd(
      long start, long end, TopicPartition tp, String source) {
    return new TidelineException(
        Condition.RESOLVED_START_OFFSET_GREATER_THAN_END_OFFSET,
        Map.of(
            "startOffset", Long.toString(start),
            "endOffset", Long.toString(end),
            "topic", tp.topic(),
            "partition", Integer.toString(tp.partition()),
            "source", source));
  }

  static TidelineException timestampOffsetDoesNotMatchAssigned(
      boolean starting, Collection<TopicPartition> specified, Collection<TopicPartition> assigned) {
    return new TidelineException(
        Condition.KAFKA_TIMESTAMP_OFFSET_DOES_NOT_MATCH_ASSIGNED,
        Map.of(
            "position", starting ? "start" : "end",
            "specifiedPartitions", partitions(specified),
            "assignedPartitions", partitions(assigned)));
  }

  static TidelineException noOffsetForTimestamp(TopicPartition tp, long timestamp, String source) {
    return new TidelineException(
        Condition.KAFKA_NO_OFFSET_FOR_TIMESTAMP,
        Map.of(
            "topicPartition", tp.toString(),
            "timestamp", Long.toString(timestamp),
            "source", source));
  }

  static TidelineException invalidOption(String option, String value, String expected) {
    return new TidelineException(
        Condition.INVALID_KAFKA_SOURCE_OPTION,
        Map.of("option", option, "value", value, "expected", expected));
  }

  static TidelineException startOffsetDoesNotMatchAssigned(
      Collection<TopicPartition> specified, Collection<TopicPartition> assigned) {
    return new TidelineException(
        Condition.KAFKA_START_OFFSET_DOES_NOT_MATCH_ASSIGNED,
        Map.of(
            "specifiedPartitions", partitions(specified),
            "assignedPartitions", partitions(assigned)));
  }

  static TidelineException malformedOffset(String json) {
    return new TidelineException(
        Condition.MALFORMED_KAFKA_SOURCE_OFFSET, Map.of("offset", String.valueOf(json)));
  }

  static TidelineException offsetFetchFailed(
      String action, String source, String bootstrapServers, long timeoutMs, Throwable cause) {
    return new TidelineException(
        Condition.KAFKA_OFFSET_FETCH_FAILED,
        Map.of(
            "action", action,
            "source", source,
            "bootstrapServers", bootstrapServers,
            "timeoutMs", Long.toString(timeoutMs),
            "cause", String.valueOf(cause)),
        cause);
  }

  /**
   * The failure of building a Kafka client from the source's options (a JAAS config Kafka cannot
   * parse, an unknown security protocol, ...). Names the innermost cause, whose message Kafka keeps
   * free of password values; Kafka's own "Failed to construct kafka consumer" says nothing useful.
   */
  static TidelineException clientCreationFailed(
      String client, String source, String bootstrapServers, KafkaException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String cause = root.getMessage() == null ? root.getClass().getName() : root.getMessage();
    return new TidelineException(
        Condition.KAFKA_CLIENT_CREATION_FAILED,
        Map.of(
            "client", client,
            "source", source,
            "bootstrapServers", bootstrapServers,
            "cause", cause),
        e);
  }

  /**
   * The failure of a broker refusing the source's credentials or TLS handshake, with what to check
   * for each. Spark has no condition of its own here: it surfaces Kafka's exception.
   */
  static TidelineException authenticationFailed(
      String source, String bootstrapServers, AuthenticationException cause) {
    String hint =
        cause instanceof SslAuthenticationException
            ? "The TLS handshake failed: check that 'kafka.ssl.truststore.location' (with"
                + " 'kafka.ssl.truststore.password' and 'kafka.ssl.truststore.type') names a"
                + " truststore holding the brokers' certificate or its CA, that the certificate"
                + " names the host in 'kafka.bootstrap.servers', and that 'kafka.security.protocol'"
                + " matches the brokers' listener."
            : "Check the user name and password in 'kafka.sasl.jaas.config' (for Azure Event Hubs:"
                + " username \"$ConnectionString\" and the namespace's connection string as"
                + " password), and that 'kafka.sasl.mechanism' and 'kafka.security.protocol' match"
                + " the brokers' listener.";
    return new TidelineException(
        Condition.KAFKA_AUTHENTICATION_FAILED,
        Map.of(
            "bootstrapServers", bootstrapServers,
            "source", source,
            "cause", String.valueOf(cause.getMessage()),
            "hint", hint),
        cause);
  }

  static TidelineException partitionsDeleted(Collection<TopicPartition> gone, String source) {
    return new TidelineException(
        Condition.KAFKA_DATA_LOSS_PARTITIONS_DELETED,
        Map.of(
            "partitions", partitions(gone), "source", source, "hint", FAIL_ON_DATA_LOSS_TRUE_HINT));
  }

  static TidelineException initialOffsetNotFound(Collection<TopicPartition> tps, String source) {
    return new TidelineException(
        Condition.KAFKA_DATA_LOSS_INITIAL_OFFSET_NOT_FOUND_FOR_PARTITIONS,
        Map.of(
            "partitions", partitions(tps), "source", source, "hint", FAIL_ON_DATA_LOSS_TRUE_HINT));
  }

  static TidelineException addedPartitionDoesNotStartFromZero(
      TopicPartition tp, long startOffset, String source) {
    return new TidelineException(
        Condition.KAFKA_DATA_LOSS_ADDED_PARTITION_DOES_NOT_START_FROM_OFFSET_ZERO,
        Map.of(
            "topicPartition",
            tp.toString(),
            "startOffset",
            Long.toString(startOffset),
            "source",
            source,
            "hint",
            FAIL_ON_DATA_LOSS_TRUE_HINT));
  }

  static TidelineException partitionOffsetChanged(
      TopicPartition tp, long prevOffset, long newOffset, String source) {
    return new TidelineException(
        Condition.KAFKA_DATA_LOSS_PARTITION_OFFSET_CHANGED,
        Map.of(
            "topicPartition", tp.toString(),
            "prevOffset", Long.toString(prevOffset),
            "newOffset", Long.toString(newOffset),
            "source", source,
            "hint", FAIL_ON_DATA_LOSS_TRUE_HINT));
  }

  static TidelineException couldNotReadOffsetRange(
      TopicPartition tp, long startOffset, long endOffset, long earliestOffset, String source) {
    return new TidelineException(
        Condition.KAFKA_DATA_LOSS_COULD_NOT_READ_OFFSET_RANGE,
        Map.of(
            "topicPartition", tp.toString(),
            "startOffset", Long.toString(startOffset),
            "endOffset", Long.toString(endOffset),
            "earliestOffset", Long.toString(earliestOffset),
            "source", source,
            "hint", FAIL_ON_DATA_LOSS_TRUE_HINT));
  }

  static TidelineException readTimeout(
      TopicPartition tp,
      long startOffset,
      long endOffset,
      long position,
      long timeoutMs,
      String bootstrapServers,
      String source) {
    return new TidelineException(
        Condition.KAFKA_READ_TIMEOUT,
        Map.of(
            "topicPartition", tp.toString(),
            "startOffset", Long.toString(startOffset),
            "endOffset", Long.toString(endOffset),
            "position", Long.toString(position),
            "timeoutMs", Long.toString(timeoutMs),
            "bootstrapServers", bootstrapServers,
            "source", source));
  }

  private static String partitions(Collection<TopicPartition> tps) {
    return tps.stream()
        .sorted(KafkaSourceOffset.ORDER)
        .map(TopicPartition::toString)
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
