package io.tideline.internal.delta;

import io.delta.kernel.Snapshot;
import io.tideline.Column;
import io.tideline.DataFrame;
import io.tideline.functions;
import io.tideline.internal.exec.QueryExecution;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.LocalRelation;
import io.tideline.internal.vector.Batch;
import io.tideline.types.DataType;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Update mode into a Delta table: each batch rewrites only the files that may hold rows of the keys
 * (the aggregation's window and grouping columns) it changed, and leaves every other file as it is.
 * Spark's Delta sink refuses update mode; this gives the table the content complete mode would
 * give, at the cost of the files the changed keys fall in.
 *
 * <p>Per batch:
 *
 * <ol>
 *   <li>The batch's rows are computed once and held in memory (the changed rows of one batch; the
 *       loop already does this for stateful queries), so the plan runs once even though the merge
 *       reads them several times.
 *   <li>{@link DeltaRewriteCandidates} picks the snapshot's files whose key statistics meet a
 *       changed key; a file without statistics is always picked. For a windowed aggregation the
 *       changed windows are recent, so files of older windows are never picked again.
 *   <li>The new files hold the picked files' rows whose keys did not change (an anti-join by the
 *       keys, null-safe, struct keys field by field, so a hash join) and all the changed rows, new
 *       keys included. Rows of keys below the batch's smallest value of the first time-like key
 *       leaf ({@code window.start}) go to files of their own, so older windows settle in files that
 *       later batches do not pick; the others go with the changed rows, into one file when they are
 *       few ({@link #ONE_FILE_MAX_ROWS}).
 *   <li>The commit removes the picked files only and adds the new ones ({@link
 *       DeltaWriter#rewrite}), with the batch's transaction id as every Delta commit of the sink.
 * </ol>
 *
 * <p>Invariant: a key's row is in exactly one file. Statistics are exact (or widened where
 * truncated), so a file holding a changed key is always picked, and its old row is dropped by the
 * anti-join.
 */
final class DeltaUpdateMerge {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaUpdateMerge.class);

  /**
   * Up to this many rows (the picked files' and the changed ones), the rows of the batch's key
   * range are written by one task into one file; above, the write stays spread over tasks.
   */
  static final long ONE_FILE_MAX_ROWS = 1_000_000;

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

  /**
   * What merging {@code changed} into {@code snapshot} by {@code keys} writes: the rows of the new
   * files and the removes of the files they replace.
   */
  static DeltaWriter.Rewrite rewrite(
      DeltaTable table, Snapshot snapshot, DataFrame batch, List<String> keys) {
    DataFrame changed = materialize(batch);
    LocalRelation rows = (LocalRelation) changed.logicalPlan();
    StructType schema = DeltaSchemas.fromKernel(snapshot.getSchema(), table.displayPath());
    DeltaChangedKeys changedKeys = DeltaChangedKeys.of(rows, keys, schema);
    DeltaRewriteCandidates.Picked picked =
        DeltaRewriteCandidates.pick(table, snapshot, changedKeys);
    LOG.debug(
        "Delta table {}: update-mode batch of {} changed rows rewrites {} of {} files",
        table.displayPath(),
        changedKeys.rows(),
        picked.candidates(),
        picked.files());
    if (picked.candidates() == 0) {
      return new DeltaWriter.Rewrite(oneFile(changed, changedKeys.rows()), List.of());
    }
    DataFrame old =
        DataFrame.ofPlan(
            changed.session(),
            DeltaScan.planFiles(
                schema, snapshot.getPartitionColumnNames(), picked.filesByPartition()));
    DataFrame kept = old.join(changed, keysMatch(old, changed, keys), "left_anti");
    if (changedKeys.splitPath() == null) {
      return new DeltaWriter.Rewrite(kept.unionByName(changed, true), picked.removes());
    }
    Column split = column(kept, changedKeys.splitPath());
    Column older = functions.coalesce(split.lt(changedKeys.splitValue()), functions.lit(false));
    DataFrame settled = kept.filter(older);
    DataFrame recent = kept.filter(functions.not(older)).unionByName(changed, true);
    if (picked.records() >= 0) {
      recent = oneFile(recent, picked.records() + changedKeys.rows());
    }
    // A union keeps its children's partitions apart, so settled rows get files of their own.
    return new DeltaWriter.Rewrite(settled.unionByName(recent, true), picked.removes());
  }

  /**
   * {@code rows} (about {@code count} of them) gathered into one partition when they are few, so
   * one task writes one file: otherwise they would come in a file per scan task and per slice of
   * the changed rows, each picked again by the next batch. A global limit above the row count is
   * the plan that gathers rows into one partition.
   */
  private static DataFrame oneFile(DataFrame rows, long count) {
    return count <= ONE_FILE_MAX_ROWS ? rows.limit(Integer.MAX_VALUE) : rows;
  }

  private static Column keysMatch(DataFrame old, DataFrame changed, List<String> keys) {
    Column condition = null;
    for (String key : keys) {
      String tableName = DeltaSchemas.find(old.schema(), key).map(StructField::name).orElse(key);
      DataType type = changed.schema().apply(key).dataType();
      for (Column[] pair : pairs(old.col(quote(tableName)), changed.col(quote(key)), type)) {
        Column eq = pair[0].eqNullSafe(pair[1]);
        condition = condition == null ? eq : condition.and(eq);
      }
    }
    return condition;
  }

  private static Column column(DataFrame df, String[] path) {
    Column c = df.col(quote(path[0]));
    for (int i = 1; i < path.length; i++) {
      c = c.getField(path[i]);
    }
    return c;
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
