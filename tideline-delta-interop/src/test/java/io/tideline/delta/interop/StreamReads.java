package io.tideline.delta.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideline.Tideline;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.Trigger;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Both engines' streaming reads of one Delta table with {@code Trigger.AvailableNow} into {@code
 * foreachBatch}: each batch's rows, in batch order, in {@link Rows}' comparable form.
 */
final class StreamReads {
  private StreamReads() {}

  /** Tideline's Delta streaming source over {@code table} with {@code options}. */
  static List<List<String>> tideline(
      Tideline t, Path table, Map<String, String> options, StructType schema, Path checkpoint)
      throws Exception {
    Map<Long, List<String>> batches = new TreeMap<>();
    StreamingQuery q =
        t.readStream()
            .format("delta")
            .options(options)
            .load(table.toString())
            .writeStream()
            .trigger(Trigger.AvailableNow())
            .option("checkpointLocation", checkpoint.toString())
            .foreachBatch(
                (batch, id) -> {
                  List<String> rows = Rows.ofTideline(batch.collectAsList(), schema);
                  synchronized (batches) {
                    batches.put(id, rows);
                  }
                })
            .start();
    try {
      assertThat(q.awaitTermination(120_000)).as("Tideline's stream read ended").isTrue();
    } finally {
      q.stop();
    }
    synchronized (batches) {
      return inOrder(batches);
    }
  }

  /** Spark's ({@code readStream.format("delta")}) over {@code table} with {@code options}. */
  static List<List<String>> spark(
      SparkDeltaPeer spark,
      Path table,
      Map<String, String> options,
      StructType schema,
      Path checkpoint) {
    ObjectNode command = spark.command("delta-stream-read");
    command.put("path", table.toString());
    command.put("checkpoint", checkpoint.toString());
    ObjectNode opts = command.putObject("options");
    options.forEach(opts::put);
    Map<Long, List<String>> batches = new TreeMap<>();
    for (JsonNode batch : spark.call(command).get("batches")) {
      batches.put(batch.get("batchId").asLong(), Rows.ofSpark(batch.get("rows"), schema));
    }
    return inOrder(batches);
  }

  /** The batches' rows by batch id, which must run 0, 1, 2, ... */
  private static List<List<String>> inOrder(Map<Long, List<String>> batches) {
    List<List<String>> out = new ArrayList<>();
    batches.forEach(
        (id, rows) -> {
          assertThat(id).as("batch ids without gaps").isEqualTo(out.size());
          out.add(rows);
        });
    return out;
  }
}
