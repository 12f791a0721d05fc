package io.tideline.internal.delta;

import io.tideline.Column;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.functions;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.UnresolvedColumn;
import io.tideline.internal.sql.ParseException;
import io.tideline.internal.sql.SqlParser;
import io.tideline.types.DataTypes;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides which partitions of a Delta table a partition predicate ({@code optimize().where(...)})
 * selects, as Delta does: the predicate is Spark SQL text that may reference partition columns
 * only; it is evaluated by Tideline's own analyser and evaluator over one row per partition, the
 * partition values typed as the table's columns.
 */
final class DeltaPartitionFilter {
  /**
   * The column of the partitions' positions: a name no Delta column can collide with in practice.
   */
  private static final String INDEX = "__tideline_partition_index";

  private DeltaPartitionFilter() {}

  /**
   * Refuses a predicate that does not parse ({@code DELTA_FAILED_RECOGNIZE_PREDICATE}) or that
   * references a column that is not a partition column ({@code
   * DELTA_NON_PARTITION_COLUMN_REFERENCE}), before any file is read.
   */
  static void verify(String path, String predicate, List<String> partitionColumns) {
    Expr parsed;
    try {
      parsed = SqlParser.parseExpression(predicate);
    } catch (ParseException e) {
      throw DeltaErrors.unrecognizedPredicate(path, predicate, e);
    }
    List<String> referenced = new ArrayList<>();
    parsed.anyMatch(
        e -> {
          if (e instanceof UnresolvedColumn c) {
            referenced.add(c.name());
          }
          return false;
        });
    Set<String> partitions = new HashSet<>();
    for (String p : partitionColumns) {
      partitions.add(p.toLowerCase(Locale.ROOT));
    }
    for (String column : referenced) {
      if (!partitions.contains(column.toLowerCase(Locale.ROOT))) {
        throw DeltaErrors.nonPartitionColumnReference(path, column, partitionColumns);
      }
    }
  }

  /**
   * The partitions among {@code partitions} (partition values as Delta serialises them) for which
   * every predicate is true; SQL's null logic applies, so a predicate that is null excludes.
   */
  static Set<Map<String, String>> matching(
      Tideline session,
      StructType tableSchema,
      List<String> partitionColumns,
      List<Map<String, String>> partitions,
      List<String> predicates) {
    if (predicates.isEmpty()) {
      return new LinkedHashSet<>(partitions);
    }
    StructType raw = new StructType().add(INDEX, DataTypes.IntegerType, false);
    for (String p : partitionColumns) {
      raw = raw.add(p, DataTypes.StringType, true);
    }
    List<Row> rows = new ArrayList<>(partitions.size());
    for (int i = 0; i < partitions.size(); i++) {
      Object[] values = new Object[partitionColumns.size() + 1];
      values[0] = i;
      for (int c = 0; c < partitionColumns.size(); c++) {
        String v = lookup(partitions.get(i), partitionColumns.get(c));
        // Delta writes a null partition value as null or as the empty string.
        values[c + 1] = v == null || v.isEmpty() ? null : v;
      }
      rows.add(Row.of(values));
    }
    List<Column> typed = new ArrayList<>();
    typed.add(functions.col(INDEX));
    for (String p : partitionColumns) {
      StructField field = DeltaSchemas.find(tableSchema, p).orElseThrow();
      typed.add(functions.col(p).cast(field.dataType()).alias(field.name()));
    }
    DataFrame df = session.createDataFrame(rows, raw).select(typed.toArray(new Column[0]));
    for (String predicate : predicates) {
      df = df.filter(predicate);
    }
    Set<Map<String, String>> out = new LinkedHashSet<>();
    for (Row r : df.select(INDEX).collectAsList()) {
      out.add(partitions.get(r.getInt(0)));
    }
    return out;
  }

  private static String lookup(Map<String, String> values, String column) {
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey().equalsIgnoreCase(column)) {
        return e.getValue();
      }
    }
    return null;
  }
}
