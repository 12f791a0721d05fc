package io.tideline.streaming;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.api.RowConversions;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.StreamingRelation;
import io.tideline.internal.streaming.memory.MemoryBuffer;
import io.tideline.internal.streaming.memory.MemorySourceSpec;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A source fed from the test's own thread, as Spark's {@code MemoryStream}: each {@link #addData}
 * call becomes one offset (0, 1, ...), and a query reading {@link #toDF()} sees the rows added
 * since its last batch. Its offsets live in memory, so a restarted query continues only within the
 * same JVM. Thread-safe.
 */
public final class MemoryStream {
  private static final AtomicInteger NEXT_ID = new AtomicInteger();

  private final Tideline session;
  private final StructType schema;
  private final MemoryBuffer buffer = new MemoryBuffer();
  private final MemorySourceSpec spec;

  private MemoryStream(Tideline session, StructType schema) {
    this.session = session;
    this.schema = schema;
    this.spec = new MemorySourceSpec(NEXT_ID.getAndIncrement(), schema, buffer);
  }

  /** A new, empty stream of rows of {@code schema} for queries of {@code session}. */
  public static MemoryStream of(Tideline session, StructType schema) {
    return new MemoryStream(session, schema);
  }

  public StructType schema() {
    return schema;
  }

  /** Adds rows as one new offset; returns that offset. */
  public long addData(Row... rows) {
    return addData(List.of(rows));
  }

  /**
   * Adds rows as one new offset and wakes the queries reading this stream; returns that offset.
   *
   * @throws io.tideline.AnalysisException if a row does not fit the schema
   */
  public long addData(List<Row> rows) {
    // Converted once here, so every batch that reads these rows scans the same columns.
    return buffer.append(RowConversions.toBatches(rows, schema, session.conf().batchSize()));
  }

  /** A streaming DataFrame of this stream. */
  public DataFrame toDF() {
    List<Attribute> output = new ArrayList<>(schema.size());
    for (StructField f : schema.fields()) {
      output.add(new Attribute(f.name(), f.dataType(), f.nullable()));
    }
    return DataFrame.ofPlan(session, new StreamingRelation(spec, output));
  }

  Tideline session() {
    return session;
  }
}
