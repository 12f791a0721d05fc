package io.tideline.internal.streaming.exec;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.connector.LongOffset;
import io.tideline.connector.Offset;
import io.tideline.connector.ReadLimit;
import io.tideline.connector.Source;
import io.tideline.internal.api.RowConversions;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.LocalRelation;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.StreamingRelation;
import io.tideline.internal.plan.SubqueryAlias;
import io.tideline.internal.streaming.Clock;
import io.tideline.internal.streaming.source.SourceSpec;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A test source over a growing list of rows, offset = number of rows: admits at most {@code
 * maxRows} per batch, and supports {@code AvailableNow} only if told to.
 */
final class ListSource implements Source {
  private final StructType schema;
  private final List<Row> rows;
  private final long maxRows;
  private final boolean supportsAvailableNow;
  private long availableNowEnd = Long.MAX_VALUE;
  final List<Long> committed = new ArrayList<>();

  ListSource(StructType schema, List<Row> rows, long maxRows, boolean supportsAvailableNow) {
    this.schema = schema;
    this.rows = rows;
    this.maxRows = maxRows;
    this.supportsAvailableNow = supportsAvailableNow;
  }

  /** A streaming DataFrame over {@code rows}, which the test may append to between batches. */
  static DataFrame dataFrame(
      Tideline t, StructType schema, List<Row> rows, long maxRows, boolean availableNow) {
    SourceSpec spec =
        new SourceSpec() {
          @Override
          public String format() {
            return "list";
          }

          @Override
          public StructType schema() {
            return schema;
          }

          @Override
          public String identity() {
            return "list";
          }

          @Override
          public Source createSource(Tideline session, Path metadataPath, Clock clock) {
            return new ListSource(schema, rows, maxRows, availableNow);
          }
        };
    List<Attribute> output = new ArrayList<>();
    for (StructField f : schema.fields()) {
      output.add(new Attribute(f.name(), f.dataType(), f.nullable()));
    }
    return DataFrame.ofPlan(t, new StreamingRelation(spec, output));
  }

  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public ReadLimit defaultReadLimit() {
    return ReadLimit.maxRows(maxRows);
  }

  private synchronized long size() {
    return Math.min(rows.size(), availableNowEnd);
  }

  @Override
  public Optional<Offset> latestOffset(Optional<Offset> start, ReadLimit limit) {
    long from = start.map(o -> ((LongOffset) o).value()).orElse(0L);
    long end = size();
    if (limit instanceof ReadLimit.MaxRows max) {
      end = Math.min(end, from + max.rows());
    }
    return end == 0 ? Optional.empty() : Optional.of(new LongOffset(end));
  }

  @Override
  public Optional<Offset> reportLatestOffset() {
    return Optional.of(new LongOffset(rows.size()));
  }

  @Override
  public LogicalPlan getBatch(Optional<Offset> start, Offset end, List<Attribute> output) {
    int from = (int) start.map(o -> ((LongOffset) o).value()).orElse(0L).longValue();
    int to = (int) ((LongOffset) end).value();
    List<Row> slice;
    synchronized (this) {
      slice = new ArrayList<>(rows.subList(from, to));
    }
    LocalRelation local = new LocalRelation(output, RowConversions.toBatches(slice, schema, 1024));
    // Wrapped as a file or rate source's plan would be: rows known only when it runs.
    return new SubqueryAlias("list", local);
  }

  @Override
  public Offset deserializeOffset(String json) {
    return LongOffset.parse(json);
  }

  @Override
  public void commit(Offset end) {
    committed.add(((LongOffset) end).value());
  }

  @Override
  public boolean prepareForTriggerAvailableNow() {
    if (supportsAvailableNow) {
      availableNowEnd = rows.size();
    }
    return supportsAvailableNow;
  }

  @Override
  public String description() {
    return "ListSource";
  }
}
