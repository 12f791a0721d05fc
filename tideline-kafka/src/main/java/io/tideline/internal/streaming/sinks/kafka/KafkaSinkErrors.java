package io.tideline.internal.streaming.sinks.kafka;

import io.tideline.AnalysisException;
import io.tideline.connector.SaveMode;
import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.ExecutionException;
import io.tideline.internal.errors.TidelineException;
import java.util.Map;

/**
 * The factory of every user-facing failure of the {@code kafka} sink. Wording lives here; tests
 * assert the {@link Condition} and its parameters.
 *
 * <p>Spark reports the column and save-mode problems under the placeholder conditions {@code
 * _LEGACY_ERROR_TEMP_3080} and {@code _LEGACY_ERROR_TEMP_3081}; Tideline gives them stable names
 * and keeps Spark's text at the start of each message, so a search for Spark's message still finds
 * it.
 */
public final class KafkaSinkErrors {

  /** The kafka sink's error conditions. */
  public enum Condition implements ErrorCondition {
    /** Spark: {@code Required attribute 'value' not found}. */
    KAFKA_SINK_VALUE_COLUMN_MISSING(
        "42703",
        "Required attribute 'value' not found. The kafka sink writes the column 'value' (string or"
            + " binary) as each record's value; the query's columns are <columns>. Add it, e.g."
            + " selectExpr(\"CAST(<firstColumn> AS STRING) AS value\") or"
            + " select(to_json(struct(\"*\")).alias(\"value\"))."),
    /** Spark: {@code topic option required when no 'topic' attribute is present...}. */
    KAFKA_SINK_TOPIC_MISSING(
        "42601",
        "topic option required when no 'topic' attribute is present. Use the topic option for"
            + " setting a topic. Set it with option(\"topic\", \"orders\"), or add a string column"
            + " named 'topic'; the query's columns are <columns>."),
    /** Spark: {@code <col> attribute unsupported type <type>. <col> must be a(n) <expected>}. */
    KAFKA_SINK_COLUMN_TYPE_UNSUPPORTED(
        "42804",
        "<column> attribute unsupported type <type>. <column> must be a(n) <expected>. Cast the"
            + " column to that type before writing to the kafka sink, or rename it if it is not"
            + " meant for Kafka."),
    /** Spark: {@code null topic present in the data. Use the topic option...}. */
    KAFKA_SINK_NULL_TOPIC(
        "22004",
        "null topic present in the data. Use the topic option for setting a default topic."
            + " (<where>: a row's 'topic' column is null.)"),
    /** Spark: {@code Save mode <mode> not allowed for Kafka...}. */
    KAFKA_SAVE_MODE_UNSUPPORTED(
        "0A000",
        "Save mode <mode> not allowed for Kafka. Allowed save modes are Append and ErrorIfExists"
            + " (default): Kafka topics are append-only, so write().mode(\"append\") is the"
            + " only meaning a Kafka write can have."),
    KAFKA_OPTION_NOT_SUPPORTED("0A000", "Kafka option '<option>' is not supported<reason>"),
    KAFKA_BOOTSTRAP_SERVERS_MISSING(
        "42K06",
        "Option 'kafka.bootstrap.servers' must be specified for configuring Kafka producer, e.g."
            + " option(\"kafka.bootstrap.servers\", \"host1:9092,host2:9092\")."),
    INVALID_KAFKA_SINK_OPTION(
        "42K06",
        "Invalid value '<value>' for the kafka sink option '<option>': expected <expected>."),
    KAFKA_SINK_WRITE_FAILED(
        "08000",
        "Could not write <what> to Kafka (<sink>, brokers <bootstrapServers>): <reason>. Check"
            + " that the brokers are reachable, the topic exists (or auto-creation is on) and the"
            + " kafka.security/sasl options are right. <recovery>"),
    KAFKA_SINK_CONTROL_TOPIC_FAILED(
        "08000",
        "Could not <action> for <sink> (brokers <bootstrapServers>): <reason>. The exactly-once"
            + " mode needs to create (or be given, with 'transactionalCommitTopic') a compacted"
            + " topic and to read it back; check that the brokers are reachable and that the"
            + " principal may describe, create and read that topic. Nothing of the next batch was"
            + " written; a restart retries."),
    KAFKA_SINK_TRANSACTION_FENCED(
        "40001",
        "Another writer took over the Kafka transactional id '<transactionalId>' of <sink>"
            + " while <what> was being written: a newer run of the same query (same checkpoint)"
            + " has started. This run stops without committing; the newer run writes the batch"
            + " once. Run one query per checkpoint."),
    KAFKA_SINK_COMMIT_MARKER_UNREADABLE(
        "KD002",
        "The exactly-once marker at <topic>-<partition> offset <offset> of <sink> is not a"
            + " Tideline kafka sink marker of a version this build reads (<reason>). The topic"
            + " must hold only markers written by the kafka sink: point 'transactionalCommitTopic'"
            + " at a topic of its own, or upgrade Tideline if a newer version wrote it.");

    private final String sqlState;
    private final String template;

    Condition(String sqlState, String template) {
      this.sqlState = sqlState;
      this.template = template;
    }

    @Override
    public String conditionName() {
      return name();
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

  private KafkaSinkErrors() {}

  static AnalysisException valueColumnMissing(String columns, String firstColumn) {
    return new AnalysisException(
        Condition.KAFKA_SINK_VALUE_COLUMN_MISSING,
        Map.of("columns", columns, "firstColumn", firstColumn));
  }

  static AnalysisException topicMissing(String columns) {
    return new AnalysisException(Condition.KAFKA_SINK_TOPIC_MISSING, Map.of("columns", columns));
  }

  static AnalysisException columnTypeUnsupported(String column, String type, String expected) {
    return new AnalysisException(
        Condition.KAFKA_SINK_COLUMN_TYPE_UNSUPPORTED,
        Map.of("column", column, "type", type, "expected", expected));
  }

  static ExecutionException nullTopic(String where) {
    return new ExecutionException(Condition.KAFKA_SINK_NULL_TOPIC, Map.of("where", where));
  }

  static AnalysisException saveModeUnsupported(SaveMode mode) {
    return new AnalysisException(
        Condition.KAFKA_SAVE_MODE_UNSUPPORTED, Map.of("mode", mode.name()));
  }

  static TidelineException optionNotSupported(String kafkaOption, String reason) {
    return new TidelineException(
        Condition.KAFKA_OPTION_NOT_SUPPORTED, Map.of("option", kafkaOption, "reason", reason));
  }

  static TidelineException bootstrapServersMissing() {
    return new TidelineException(Condition.KAFKA_BOOTSTRAP_SERVERS_MISSING, Map.of());
  }

  static TidelineException invalidOption(String option, String value, String expected) {
    return new TidelineException(
        Condition.INVALID_KAFKA_SINK_OPTION,
        Map.of("option", option, "value", value, "expected", expected));
  }

  static ExecutionException writeFailed(
      String what, String sink, String bootstrapServers, String recovery, Throwable cause) {
    return new ExecutionException(
        Condition.KAFKA_SINK_WRITE_FAILED,
        Map.of(
            "what", what,
            "sink", sink,
            "bootstrapServers", bootstrapServers,
            "reason", reason(cause),
            "recovery", recovery),
        cause);
  }

  static ExecutionException controlTopicFailed(
      String action, String sink, String bootstrapServers, Throwable cause) {
    return new ExecutionException(
        Condition.KAFKA_SINK_CONTROL_TOPIC_FAILED,
        Map.of(
            "action", action,
            "sink", sink,
            "bootstrapServers", bootstrapServers,
            "reason", reason(cause)),
        cause);
  }

  static ExecutionException fenced(String transactionalId, String sink, String what, Throwable e) {
    return new ExecutionException(
        Condition.KAFKA_SINK_TRANSACTION_FENCED,
        Map.of("transactionalId", transactionalId, "sink", sink, "what", what),
        e);
  }

  static ExecutionException markerUnreadable(
      String topic, int partition, long offset, String sink, String reason) {
    return new ExecutionException(
        Condition.KAFKA_SINK_COMMIT_MARKER_UNREADABLE,
        Map.of(
            "topic", topic,
            "partition", Integer.toString(partition),
            "offset", Long.toString(offset),
            "sink", sink,
            "reason", reason));
  }

  private static String reason(Throwable cause) {
    String m = cause.getMessage();
    return cause.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
