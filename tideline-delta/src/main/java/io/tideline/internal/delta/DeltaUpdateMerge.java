package io.tideline.internal.delta;

import io.delta.kernel.Snapshot;
import io.tideline.Column;
import io.tideline.DataFrame;
import io.tideline.internal.exec.QueryExecution;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.LocalRelation;
import io.tideline.internal.vector.Batch;
import io.tideline.types.DataType;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Update mode into a Delta table: the table's rows whose keys (the aggregation's window and
 * grouping columns) did not change in this batch, followed by the batch's changed rows, which the
 * sink writes as one commit replacing every file of the snapshot. Spark's Delta sink refuses update
 * mode; this gives the table the content complete mode would give, with only changed rows computed.
 *
 * <p>The batch's rows are computed once and held in memory (the changed rows of one batch; the loop
 * already does this for stateful queries), so the plan runs once even though the merge reads them
 * twice (the anti-join and the union). Keys compare null-safely, field by field for struct keys
 * such as {@code window}, so the join is a hash join.
 *
 * <p>Cost: every batch rewrites the whole table. That suits aggregation tables, which hold one row
 * per key; rewriting only the files whose key ranges meet the changed keys is the next step.
 */
final class DeltaUpdateMerge {
  private DeltaUpdateMerge() {}

  /**
   * The batch's rows, computed once, as an in-memory DataFrame with the same columns; a batch the
   * loop already computed (it does for stateful queries) is used as it is.
   */
  static DataFrame materialize(DataFrame data) {
    if (data.logicalPlan() instanceof LocalRelation) {
      return data;
    }
    List<Batch> batches =
        new QueryExecution(data.logicalPlan(), data.session().conf(), data.session().pool())
            .collect();
    List<Attribute> output = new ArrayList<>();
    for (Attribute a : data.logicalPlan().output()) {
      output.add(a.newInstance());
    }
    return DataFrame.ofPlan(data.session(), new LocalRelation(output, batches));
  }

  /** The table's content after merging {@code changed} into {@code snapshot} by {@code keys}. */
  static DataFrame merge(
      DeltaTable table, Snapshot snapshot, DataFrame changed, List<String> keys) {
    DataFrame old = DataFrame.ofPlan(changed.session(), DeltaScan.plan(table, snapshot));
    Column condition = null;
    for (String key : keys) {
      String tableName = DeltaSchemas.find(old.schema(), key).map(StructField::name).orElse(key);
      DataType type = changed.schema().apply(key).dataType();
      for (Column[] pair : pairs(old.col(quote(tableName)), changed.col(quote(key)), type)) {
        Column eq = pair[0].eqNullSafe(pair[1]);
        condition = condition == null ? eq : condition.and(eq);
      }
    }
    DataFrame kept = old.join(changed, condition, "left_anti");
    return kept.unionByName(changed, true);
  }

  /** The columns to compare for a key: itself, or each leaf field of a struct key. */
  private static List<Column[]> pairs(Column left, Column right, DataType type) {
    List<Column[]> out = new ArrayList<>();
    if (type instanceof StructType s) {
      for (StructField f : s.fields()) {
        out.addAll(pairs(left.getField(f.name()), right.getField(f.name()), f.dataType()));
      }
    } else {
      out.add(new Column[] {left, right});
    }
    return out;
  }

  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
