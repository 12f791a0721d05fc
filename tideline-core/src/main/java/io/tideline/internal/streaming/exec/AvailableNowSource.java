package io.tideline.internal.streaming.exec;

import io.tideline.connector.Offset;
import io.tideline.connector.ReadLimit;
import io.tideline.connector.Source;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.types.StructType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A source that cannot fix its own end for {@code Trigger.AvailableNow}, made to: the loop asks it
 * once, at the start of the run, for everything available, and serves that end in one batch
 * (ignoring the source's rate limit, which is the price of a source without admission control, as
 * Spark's wrapper).
 */
final class AvailableNowSource implements Source {

  private final Source delegate;
  private Optional<Offset> fixedEnd = Optional.empty();

  AvailableNowSource(Source delegate) {
    this.delegate = delegate;
  }

  /** Fixes the end offset of the run; {@code start} is where the run's first batch starts. */
  void fixEnd(Optional<Offset> start) {
    fixedEnd = delegate.latestOffset(start, ReadLimit.allAvailable());
    if (fixedEnd.isEmpty()) {
      fixedEnd = start;
    }
  }

  @Override
  public StructType schema() {
    return delegate.schema();
  }

  @Override
  public Optional<Offset> latestOffset(Optional<Offset> start, ReadLimit limit) {
    return fixedEnd.isPresent() ? fixedEnd : start;
  }

  @Override
  public Optional<Offset> reportLatestOffset() {
    return delegate.reportLatestOffset();
  }

  @Override
  public LogicalPlan getBatch(Optional<Offset> start, Offset end, List<Attribute> output) {
    return delegate.getBatch(start, end, output);
  }

  @Override
  public Offset deserializeOffset(String json) {
    return delegate.deserializeOffset(json);
  }

  @Override
  public void commit(Offset end) {
    delegate.commit(end);
  }

  @Override
  public Map<String, String> metrics(Optional<Offset> end) {
    return delegate.metrics(end);
  }

  @Override
  public String description() {
    return delegate.description();
  }

  @Override
  public void stop() {
    delegate.stop();
  }
}
