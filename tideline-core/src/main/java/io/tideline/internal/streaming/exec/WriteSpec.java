package io.tideline.internal.streaming.exec;

import io.tideline.DataFrame;
import io.tideline.connector.Sink;
import io.tideline.internal.streaming.Clock;
import io.tideline.streaming.ForeachBatchFunction;
import io.tideline.streaming.OutputMode;
import io.tideline.streaming.Trigger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code writeStream()} collected, handed to the query manager by {@code start()}.
 *
 * @param data the streaming DataFrame to run
 * @param format the sink format ({@code memory}, {@code console}, {@code parquet}, ...), or {@code
 *     foreachBatch} when {@link #foreachBatch} is set
 * @param outputMode the output mode
 * @param options the writer's options, {@code checkpointLocation} among them
 * @param trigger the trigger
 * @param queryName the name, if set
 * @param partitionColumns {@code partitionBy} columns
 * @param path the output path of {@code start(path)} or the {@code path} option
 * @param tableName the table of {@code toTable(name)}
 * @param foreachBatch the function of {@code foreachBatch}
 * @param sink a ready-made sink (the test kit's), used instead of {@code format}
 * @param clock the clock triggers and time-based sources use (the system clock unless a test sets a
 *     manual one)
 * @param hooks loop-point hooks (the test kit's crash injection)
 */
public record WriteSpec(
    DataFrame data,
    String format,
    OutputMode outputMode,
    Map<String, String> options,
    Trigger trigger,
    Optional<String> queryName,
    List<String> partitionColumns,
    Optional<String> path,
    Optional<String> tableName,
    Optional<ForeachBatchFunction> foreachBatch,
    Optional<Sink> sink,
    Clock clock,
    LoopHooks hooks) {
  public WriteSpec {
    options = Map.copyOf(options);
    partitionColumns = List.copyOf(partitionColumns);
  }

  /** Shows the options with secrets hidden. */
  @Override
  public String toString() {
    return "WriteSpec[format="
        + format
        + ", outputMode="
        + outputMode
        + ", options="
        + io.tideline.internal.conf.Redaction.redact(options)
        + ", trigger="
        + trigger
        + ", queryName="
        + queryName
        + "]";
  }
}
