package io.tideline.internal.streaming;

import io.tideline.AnalysisException;
import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.TidelineException;
import java.util.Map;

/** The errors of {@code withWatermark}: what an event-time column or a delay may not be. */
public final class WatermarkErrors {
  private WatermarkErrors() {}

  /** The conditions {@code withWatermark} raises. */
  public enum Condition implements ErrorCondition {
    EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE(
        "EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE",
        "42K09",
        "The event time <eventName> has the invalid type <eventType>, but expected \"TIMESTAMP\"."
            + " Convert it first, e.g. withColumn(\"<column>\","
            + " col(\"<column>\").cast(\"timestamp\")) or to_timestamp(...), then call"
            + " withWatermark on it."),
    NEGATIVE_WATERMARK_DELAY(
        "INVALID_WATERMARK_DELAY.NEGATIVE",
        "22023",
        "The delay threshold (<delay>) of withWatermark on <eventName> should not be negative: it"
            + " says how late an event may arrive. Use a delay of 0 or more, e.g. '10 minutes'."),
    INVALID_WATERMARK_POLICY(
        "INVALID_CONF_VALUE.MULTIPLE_WATERMARK_POLICY",
        "22022",
        "Invalid value '<value>' for <key>: valid values are 'min' and 'max'. 'min' (the default)"
            + " keeps the watermark behind the slowest input; 'max' follows the fastest and may"
            + " drop the slower inputs' rows as late.");

    private final String conditionName;
    private final String sqlState;
    private final String template;

    Condition(String conditionName, String sqlState, String template) {
      this.conditionName = conditionName;
      this.sqlState = sqlState;
      this.template = template;
    }

    @Override
    public String conditionName() {
      return conditionName;
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

  /** {@code withWatermark} on a column that is neither a TIMESTAMP nor a window struct. */
  public static AnalysisException notTimestamp(String column, String typeSql) {
    return new AnalysisException(
        Condition.EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE,
        Map.of(
            "eventName", "`" + column + "`", "eventType", "\"" + typeSql + "\"", "column", column));
  }

  /** A multiple-watermark policy other than min and max. */
  public static TidelineException invalidPolicy(String key, String value) {
    return new TidelineException(
        Condition.INVALID_WATERMARK_POLICY, Map.of("key", key, "value", String.valueOf(value)));
  }

  /** A delay below zero. */
  public static TidelineException negativeDelay(String column, String delay) {
    return new TidelineException(
        Condition.NEGATIVE_WATERMARK_DELAY,
        Map.of("delay", delay, "eventName", "`" + column + "`"));
  }
}
