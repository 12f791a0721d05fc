package io.tideline.internal.api;

import io.tideline.Row;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversions between Java {@link Row}s and columnar batches, for the edges of the engine: {@code
 * createDataFrame} and {@code collectAsList}. Nothing inside the engine uses rows.
 */
public final class RowConversions {
  private RowConversions() {}

  /** The live rows of {@code batches}, as Rows carrying {@code schema}. */
  public static List<Row> toRows(List<Batch> batches, StructType schema) {
    int total = 0;
    for (Batch b : batches) {
      total += b.size();
    }
    List<Row> rows = new ArrayList<>(total);
    int width = schema.size();
    for (Batch b : batches) {
      for (int k = 0; k < b.size(); k++) {
        int r = b.rowAt(k);
        Object[] values = new Object[width];
        for (int c = 0; c < width; c++) {
          values[c] = b.column(c).getObject(r);
        }
        rows.add(Row.withSchema(schema, values));
      }
    }
    return rows;
  }

  /**
   * Batches of at most {@code batchSize} rows holding {@code rows}, checked against {@code schema}.
   *
   * @throws io.tideline.AnalysisException naming the row and field when a value does not fit
   */
  public static List<Batch> toBatches(List<Row> rows, StructType schema, int batchSize) {
    List<Batch> batches = new ArrayList<>();
    int width = schema.size();
    for (int start = 0; start < rows.size(); start += batchSize) {
      int n = Math.min(batchSize, rows.size() - start);
      ColumnVector[] cols = new ColumnVector[width];
      for (int c = 0; c < width; c++) {
        cols[c] = ColumnVector.allocate(schema.field(c).dataType(), n);
      }
      for (int i = 0; i < n; i++) {
        Row row = rows.get(start + i);
        if (row.size() != width) {
          throw ApiErrors.error(
              ApiErrors.Condition.INVALID_SCHEMA_FOR_ROWS,
              "rowIndex",
              String.valueOf(start + i),
              "reason",
              "it has " + row.size() + " values but the schema has " + width + " fields");
        }
        for (int c = 0; c < width; c++) {
          Object v = row.get(c);
          StructField f = schema.field(c);
          if (v == null && !f.nullable()) {
            throw ApiErrors.error(
                ApiErrors.Condition.INVALID_SCHEMA_FOR_ROWS,
                "rowIndex",
                String.valueOf(start + i),
                "reason",
                "field `" + f.name() + "` is null but declared NOT NULL");
          }
          try {
            cols[c].setObject(i, v);
          } catch (ClassCastException | ArithmeticException e) {
            throw ApiErrors.error(
                ApiErrors.Condition.INVALID_SCHEMA_FOR_ROWS,
                "rowIndex",
                String.valueOf(start + i),
                "reason",
                "field `"
                    + f.name()
                    + "` of type "
                    + f.dataType().sql()
                    + " cannot hold the value "
                    + v
                    + " of Java class "
                    + v.getClass().getSimpleName());
          }
        }
      }
      batches.add(new Batch(cols, n));
    }
    return batches;
  }
}
