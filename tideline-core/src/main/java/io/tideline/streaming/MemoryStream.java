package io.tideline.streaming;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.types.StructType;
import java.util.List;

/**
 * A source fed from the test's own thread, as Spark's {@code MemoryStream}: each {@link #addData}
 * call becomes one offset, and a query reading {@link #toDF()} sees the rows added since its last
 * batch. Its offsets live in memory, so a restarted query continues only within the same JVM.
 */
public final class MemoryStream {
  private final Tideline session;
  private final StructType schema;

  private MemoryStream(Tideline session, StructType schema) {
    this.session = session;
    this.schema = schema;
  }

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

  /** Adds rows as one new offset; returns that offset. */
  public long addData(List<Row> rows) {
    throw new UnsupportedOperationException("TODO(loop)");
  }

  /** A streaming DataFrame of this stream. */
  public DataFrame toDF() {
    throw new UnsupportedOperationException("TODO(loop)");
  }

  Tideline session() {
    return session;
  }
}
