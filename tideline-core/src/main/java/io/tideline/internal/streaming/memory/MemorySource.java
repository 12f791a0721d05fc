package io.tideline.internal.streaming.memory;

import io.tideline.connector.LongOffset;
import io.tideline.connector.Offset;
import io.tideline.connector.ReadLimit;
import io.tideline.connector.Source;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.LocalRelation;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.types.StructType;
import java.util.List;
import java.util.Optional;

/**
 * A query's reader of a memory stream, as Spark's {@code MemoryStream} source: offsets are {@link
 * LongOffset}s numbering the {@code addData} calls, and a batch is a {@code LocalRelation} over the
 * batches those calls stored. It honours {@code AvailableNow} by fixing the newest offset at the
 * query's start.
 */
public final class MemorySource implements Source {

  private final StructType schema;
  private final MemoryBuffer buffer;
  private long availableNowEnd = Long.MAX_VALUE;

  public MemorySource(StructType schema, MemoryBuffer buffer) {
    this.schema = schema;
    this.buffer = buffer;
  }

  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public Optional<Offset> latestOffset(Optional<Offset> start, ReadLimit limit) {
    // No rate limits, as Spark's MemoryStream: every call added so far is admitted.
    long latest = Math.min(buffer.latestOffset(), availableNowEnd);
    return latest < 0 ? Optional.empty() : Optional.of(new LongOffset(latest));
  }

  @Override
  public Optional<Offset> reportLatestOffset() {
    long latest = buffer.latestOffset();
    return latest < 0 ? Optional.empty() : Optional.of(new LongOffset(latest));
  }

  @Override
  public LogicalPlan getBatch(Optional<Offset> start, Offset end, List<Attribute> output) {
    long from = start.map(o -> ((LongOffset) o).value()).orElse(-1L);
    return new LocalRelation(output, buffer.batchesBetween(from, ((LongOffset) end).value()));
  }

  @Override
  public Offset deserializeOffset(String json) {
    return LongOffset.parse(json);
  }

  @Override
  public boolean prepareForTriggerAvailableNow() {
    availableNowEnd = buffer.latestOffset();
    return true;
  }

  /** Runs {@code callback} whenever data is added, until the query stops. */
  public void onNewData(Runnable callback) {
    buffer.addListener(callback);
  }

  /** Stops calling {@code callback}. */
  public void removeCallback(Runnable callback) {
    buffer.removeListener(callback);
  }

  @Override
  public String description() {
    return "MemoryStream[" + String.join(",", schema.fieldNames()) + "]";
  }
}
