package io.tideline;

import io.tideline.internal.analysis.ExpressionResolver;
import io.tideline.internal.analysis.TimeWindowing;
import io.tideline.internal.api.ApiErrors;
import io.tideline.internal.api.RowConversions;
import io.tideline.internal.api.ShowFormatter;
import io.tideline.internal.exec.QueryExecution;
import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.SortOrder;
import io.tideline.internal.expr.UnresolvedColumn;
import io.tideline.internal.plan.Aggregate;
import io.tideline.internal.plan.Deduplicate;
import io.tideline.internal.plan.EventTimeColumns;
import io.tideline.internal.plan.EventTimeWatermark;
import io.tideline.internal.plan.Explain;
import io.tideline.internal.plan.Filter;
import io.tideline.internal.plan.Join;
import io.tideline.internal.plan.JoinType;
import io.tideline.internal.plan.Limit;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.Project;
import io.tideline.internal.plan.Sort;
import io.tideline.internal.plan.SubqueryAlias;
import io.tideline.internal.plan.Union;
import io.tideline.internal.sql.SqlParser;
import io.tideline.internal.streaming.WatermarkDelays;
import io.tideline.internal.streaming.WatermarkErrors;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A distributed-style collection of rows with a schema, as Spark's {@code Dataset<Row>}: built by
 * reading data and transforming it, computed only when an action ({@link #collectAsList}, {@link
 * #count}, {@link #show}, a write) runs.
 *
 * <p>Every transformation is analysed as it is called: an unknown column or a type error fails at
 * {@code select(...)}, not when the query runs, with the nearest column names in the message.
 * DataFrames are immutable and safe to share between threads.
 */
public final class DataFrame {
  private final Tideline session;
  private final LogicalPlan plan;

  DataFrame(Tideline session, LogicalPlan plan) {
    this.session = session;
    this.plan = plan;
  }

  /** A DataFrame over an already resolved plan (for the engine's own modules). */
  public static DataFrame ofPlan(Tideline session, LogicalPlan plan) {
    return new DataFrame(session, plan);
  }

  /** The resolved logical plan (for the engine's own modules). */
  public LogicalPlan logicalPlan() {
    return plan;
  }

  public Tideline session() {
    return session;
  }

  private ExpressionResolver resolver() {
    return new ExpressionResolver(session.conf());
  }

  private DataFrame with(LogicalPlan newPlan) {
    // Every operator passes here, so window(...) calls become plan nodes as they are added.
    return new DataFrame(session, TimeWindowing.apply(newPlan));
  }

  // ---- schema ----

  public StructType schema() {
    return schemaOf(plan.output());
  }

  static StructType schemaOf(List<Attribute> output) {
    List<StructField> fields = new ArrayList<>(output.size());
    for (Attribute a : output) {
      fields.add(new StructField(a.name(), a.dataType(), a.nullable()));
    }
    return new StructType(fields);
  }

  public void printSchema() {
    System.out.print(schema().treeString());
  }

  public String[] columns() {
    return schema().fieldNames();
  }

  public boolean isStreaming() {
    return plan.isStreaming();
  }

  /**
   * The column {@code name} of this DataFrame, bound to it: it keeps meaning this column in joins.
   */
  public Column col(String name) {
    if (name.equals("*") || name.endsWith(".*")) {
      return functions.col(name);
    }
    return new Column(
        resolver()
            .resolve(
                new UnresolvedColumn(SqlParser.parseMultipartIdentifier(name)),
                plan.output(),
                false));
  }

  public Column apply(String name) {
    return col(name);
  }

  // ---- transformations ----

  public DataFrame select(Column... cols) {
    List<Expr> exprs = new ArrayList<>(cols.length);
    for (Column c : cols) {
      exprs.add(c.expr());
    }
    return selectExprs(exprs);
  }

  public DataFrame select(String col, String... cols) {
    List<Expr> exprs = new ArrayList<>(cols.length + 1);
    exprs.add(functions.col(col).expr());
    for (String c : cols) {
      exprs.add(functions.col(c).expr());
    }
    return selectExprs(exprs);
  }

  /** Spark SQL expression text per column: {@code selectExpr("CAST(value AS STRING) AS json")}. */
  public DataFrame selectExpr(String... exprs) {
    List<Expr> parsed = new ArrayList<>(exprs.length);
    for (String e : exprs) {
      parsed.add(SqlParser.parseExpression(e));
    }
    return selectExprs(parsed);
  }

  private DataFrame selectExprs(List<Expr> exprs) {
    List<Expr> named = resolver().resolveNamed(exprs, plan.output());
    boolean hasAggregate = false;
    for (Expr e : named) {
      hasAggregate |= e.anyMatch(x -> x instanceof AggregateCall);
    }
    if (hasAggregate) {
      // A select with aggregates and no groupBy is a global aggregation, as in Spark.
      checkGrouped(named, List.of());
      return with(new Aggregate(List.of(), named, plan));
    }
    return with(new Project(named, plan));
  }

  public DataFrame filter(Column condition) {
    return with(new Filter(resolver().resolvePredicate(condition.expr(), plan.output()), plan));
  }

  /** A condition in Spark SQL: {@code filter("amount > 0 AND customer_id IS NOT NULL")}. */
  public DataFrame filter(String conditionExpr) {
    return filter(functions.expr(conditionExpr));
  }

  public DataFrame where(Column condition) {
    return filter(condition);
  }

  public DataFrame where(String conditionExpr) {
    return filter(conditionExpr);
  }

  /** Adds a column, or replaces the column of the same name (case-insensitive). */
  public DataFrame withColumn(String name, Column column) {
    ExpressionResolver r = resolver();
    Expr value = r.resolve(column.expr(), plan.output(), false);
    List<Expr> projection = new ArrayList<>();
    boolean replaced = false;
    for (Attribute a : plan.output()) {
      if (sameName(a.name(), name)) {
        projection.add(new Alias(value, name));
        replaced = true;
      } else {
        projection.add(a);
      }
    }
    if (!replaced) {
      projection.add(new Alias(value, name));
    }
    return with(new Project(projection, plan));
  }

  public DataFrame withColumnRenamed(String existingName, String newName) {
    List<Expr> projection = new ArrayList<>();
    boolean found = false;
    for (Attribute a : plan.output()) {
      if (sameName(a.name(), existingName)) {
        projection.add(new Alias(a, newName));
        found = true;
      } else {
        projection.add(a);
      }
    }
    // Spark ignores a rename of a missing column.
    return found ? with(new Project(projection, plan)) : this;
  }

  /** Drops columns by name; names that do not exist are ignored, as in Spark. */
  public DataFrame drop(String... names) {
    List<Expr> projection = new ArrayList<>();
    for (Attribute a : plan.output()) {
      boolean dropped = false;
      for (String n : names) {
        dropped |= sameName(a.name(), n);
      }
      if (!dropped) {
        projection.add(a);
      }
    }
    return projection.size() == plan.output().size() ? this : with(new Project(projection, plan));
  }

  public DataFrame drop(Column column) {
    Expr e = resolver().resolve(column.expr(), plan.output(), false);
    if (!(e instanceof Attribute target)) {
      return this;
    }
    List<Expr> projection = new ArrayList<>();
    for (Attribute a : plan.output()) {
      if (a.exprId() != target.exprId()) {
        projection.add(a);
      }
    }
    return with(new Project(projection, plan));
  }

  /** Names this DataFrame so its columns can be qualified: {@code o.amount}. */
  public DataFrame alias(String alias) {
    return with(new SubqueryAlias(alias, plan));
  }

  public DataFrame as(String alias) {
    return alias(alias);
  }

  public GroupedData groupBy(Column... cols) {
    List<Expr> exprs = new ArrayList<>();
    for (Column c : cols) {
      exprs.add(c.expr());
    }
    return new GroupedData(this, exprs);
  }

  public GroupedData groupBy(String col, String... cols) {
    List<Expr> exprs = new ArrayList<>();
    exprs.add(functions.col(col).expr());
    for (String c : cols) {
      exprs.add(functions.col(c).expr());
    }
    return new GroupedData(this, exprs);
  }

  /** Global aggregation: {@code df.agg(sum("amount"))}. */
  public DataFrame agg(Column expr, Column... exprs) {
    return groupBy(new Column[0]).agg(expr, exprs);
  }

  DataFrame aggregate(List<Expr> grouping, List<Expr> aggregates) {
    ExpressionResolver r = resolver();
    List<Expr> groupingNamed = r.resolveNamed(grouping, plan.output());
    List<Expr> groupingExprs = new ArrayList<>(groupingNamed.size());
    for (Expr g : groupingNamed) {
      groupingExprs.add(g instanceof Alias a ? a.child() : g);
    }
    List<Expr> aggNamed = r.resolveNamed(aggregates, plan.output());
    List<Expr> output = new ArrayList<>(groupingNamed.size() + aggNamed.size());
    // Spark's retainGroupColumns: grouping columns come first in the result.
    output.addAll(groupingNamed);
    output.addAll(aggNamed);
    checkGrouped(aggNamed, groupingExprs);
    return with(new Aggregate(groupingExprs, output, plan));
  }

  /** Refuses column references outside aggregate functions that are not grouped, as Spark does. */
  private static void checkGrouped(List<Expr> outputs, List<Expr> grouping) {
    for (Expr out : outputs) {
      Expr body = out instanceof Alias a ? a.child() : out;
      if (!isGroupedExpr(body, grouping)) {
        throw ApiErrors.error(
            ApiErrors.Condition.MISSING_AGGREGATION, "expression", "\"" + body.sql() + "\"");
      }
    }
  }

  private static boolean isGroupedExpr(Expr e, List<Expr> grouping) {
    if (e instanceof AggregateCall) {
      return true;
    }
    for (Expr g : grouping) {
      if (g.equals(e)) {
        return true;
      }
    }
    if (e instanceof Attribute) {
      return false;
    }
    for (Expr c : e.children()) {
      if (!isGroupedExpr(c, grouping)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Declares {@code eventTime} the event-time column of this stream, with a watermark staying
   * {@code delayThreshold} behind the largest event time seen: stateful operators above drop rows
   * older than the watermark and evict state the watermark has passed. The watermark of batch
   * {@code n + 1} is the largest event time seen up to batch {@code n} minus the delay; it never
   * moves backwards.
   *
   * <p>{@code delayThreshold} is an interval string ("10 minutes", "1 day 2 hours"); a month counts
   * as 31 days, as in Spark. On a batch DataFrame this is a no-op, as in Spark (the delay is still
   * checked).
   *
   * @throws AnalysisException when the column does not exist or is not a TIMESTAMP (or a window)
   */
  public DataFrame withWatermark(String eventTime, String delayThreshold) {
    long delayMs = WatermarkDelays.parseMs(eventTime, delayThreshold);
    if (!plan.isStreaming()) {
      return this;
    }
    Expr resolved =
        resolver()
            .resolve(
                new UnresolvedColumn(SqlParser.parseMultipartIdentifier(eventTime)),
                plan.output(),
                false);
    if (!(resolved instanceof Attribute column)
        || !EventTimeColumns.isEventTimeType(column.dataType())) {
      throw WatermarkErrors.notTimestamp(eventTime, resolved.dataType().sql());
    }
    return with(new EventTimeWatermark(column, delayMs, plan));
  }

  /** Keeps one row per distinct value of the named columns (all columns when none are named). */
  public DataFrame dropDuplicates(String... colNames) {
    List<Attribute> keys = new ArrayList<>();
    if (colNames.length == 0) {
      keys.addAll(plan.output());
    } else {
      ExpressionResolver r = resolver();
      for (String n : colNames) {
        Expr e = r.resolve(new UnresolvedColumn(List.of(n)), plan.output(), false);
        keys.add((Attribute) e);
      }
    }
    return with(new Deduplicate(keys, plan));
  }

  /**
   * Keeps one row per distinct value of the named columns (all columns when none are named), and on
   * a stream remembers a key only until the watermark passes its first row's event time plus the
   * watermark delay: Spark's {@code dropDuplicatesWithinWatermark}, for duplicates whose event
   * times differ. The stream needs a watermark; the event-time column need not be a key. On a batch
   * DataFrame it is {@link #dropDuplicates(String...)}.
   */
  public DataFrame dropDuplicatesWithinWatermark(String... colNames) {
    Deduplicate d = (Deduplicate) dropDuplicates(colNames).plan;
    return with(new Deduplicate(d.keys(), plan, true));
  }

  public DataFrame dropDuplicates() {
    return dropDuplicates(new String[0]);
  }

  public DataFrame distinct() {
    return dropDuplicates();
  }

  // ---- joins ----

  /** Inner join without a condition (a Cartesian product, as Spark's {@code join(right)}). */
  public DataFrame join(DataFrame right) {
    return joinOn(right, null, JoinType.INNER);
  }

  public DataFrame join(DataFrame right, Column joinExprs) {
    return join(right, joinExprs, "inner");
  }

  /**
   * Joins on a condition; {@code joinType} takes Spark's names (inner, left, full, left_anti, ...).
   */
  public DataFrame join(DataFrame right, Column joinExprs, String joinType) {
    return joinOn(right, joinExprs.expr(), parseJoinType(joinType));
  }

  /** Equi-join on a column both sides have; the column appears once in the result. */
  public DataFrame join(DataFrame right, String usingColumn) {
    return join(right, List.of(usingColumn), "inner");
  }

  public DataFrame join(DataFrame right, String usingColumn, String joinType) {
    return join(right, List.of(usingColumn), joinType);
  }

  public DataFrame join(DataFrame right, List<String> usingColumns) {
    return join(right, usingColumns, "inner");
  }

  public DataFrame join(DataFrame right, List<String> usingColumns, String joinType) {
    JoinType type = parseJoinType(joinType);
    LogicalPlan rightPlan = dedupRight(right.plan);
    ExpressionResolver r = resolver();
    List<Attribute> leftKeys = new ArrayList<>();
    List<Attribute> rightKeys = new ArrayList<>();
    Expr condition = null;
    for (String name : usingColumns) {
      Attribute l =
          (Attribute) r.resolve(new UnresolvedColumn(List.of(name)), plan.output(), false);
      Attribute rr =
          (Attribute) r.resolve(new UnresolvedColumn(List.of(name)), rightPlan.output(), false);
      leftKeys.add(l);
      rightKeys.add(rr);
      Expr eq = new BinaryOp(BinaryOperator.EQ, l, rr);
      condition = condition == null ? eq : new BinaryOp(BinaryOperator.AND, condition, eq);
    }
    List<Attribute> both = new ArrayList<>(plan.output());
    both.addAll(rightPlan.output());
    Expr resolved = condition == null ? null : r.resolvePredicate(condition, both);
    Join join = new Join(plan, rightPlan, type == JoinType.CROSS ? JoinType.INNER : type, resolved);
    // Spark's USING output: the keys once (coalesced for a full join), then the other columns.
    List<Attribute> joined = join.output();
    List<Expr> projection = new ArrayList<>();
    for (int i = 0; i < leftKeys.size(); i++) {
      Attribute l = find(joined, leftKeys.get(i));
      Attribute rr = find(joined, rightKeys.get(i));
      switch (type) {
        case RIGHT_OUTER -> projection.add(rr);
        case FULL_OUTER ->
            projection.add(
                new Alias(
                    r.resolve(
                        new io.tideline.internal.expr.UnresolvedFunction(
                            "coalesce", List.of(l, rr), false),
                        joined,
                        false),
                    l.name()));
        default -> projection.add(l);
      }
    }
    Set<Long> keyIds = new HashSet<>();
    leftKeys.forEach(a -> keyIds.add(a.exprId()));
    rightKeys.forEach(a -> keyIds.add(a.exprId()));
    for (Attribute a : joined) {
      if (!keyIds.contains(a.exprId())) {
        projection.add(a);
      }
    }
    return with(new Project(projection, join));
  }

  private static Attribute find(List<Attribute> attrs, Attribute a) {
    for (Attribute x : attrs) {
      if (x.exprId() == a.exprId()) {
        return x;
      }
    }
    return a;
  }

  public DataFrame crossJoin(DataFrame right) {
    return joinOn(right, null, JoinType.CROSS);
  }

  private DataFrame joinOn(DataFrame right, Expr condition, JoinType type) {
    LogicalPlan rightPlan = dedupRight(right.plan);
    List<Attribute> both = new ArrayList<>(plan.output());
    both.addAll(rightPlan.output());
    Expr resolved = condition == null ? null : resolver().resolvePredicate(condition, both);
    return with(new Join(plan, rightPlan, type, resolved));
  }

  /**
   * In a self-join both sides carry the same column ids; give the right side fresh ids, as Spark's
   * analyser does, so each column reference means one side.
   */
  private LogicalPlan dedupRight(LogicalPlan right) {
    Set<Long> leftIds = new HashSet<>();
    for (Attribute a : plan.output()) {
      leftIds.add(a.exprId());
    }
    boolean clash = false;
    for (Attribute a : right.output()) {
      clash |= leftIds.contains(a.exprId());
    }
    if (!clash) {
      return right;
    }
    // Fresh ids go under the right side's alias, so `b.name` still resolves after the rewrite.
    if (right instanceof SubqueryAlias sa) {
      return new SubqueryAlias(sa.alias(), withFreshIds(sa.child()));
    }
    return withFreshIds(right);
  }

  private static LogicalPlan withFreshIds(LogicalPlan plan) {
    List<Expr> projection = new ArrayList<>();
    for (Attribute a : plan.output()) {
      projection.add(new Alias(a, a.name()));
    }
    return new Project(projection, plan);
  }

  private static JoinType parseJoinType(String how) {
    JoinType t = JoinType.parse(how);
    if (t == null) {
      throw ApiErrors.error(ApiErrors.Condition.UNSUPPORTED_JOIN_TYPE, "joinType", how);
    }
    return t;
  }

  // ---- set operations, ordering, limits ----

  /** UNION ALL by column position, as Spark's {@code union}. */
  public DataFrame union(DataFrame other) {
    List<Attribute> left = plan.output();
    List<Attribute> right = other.plan.output();
    if (left.size() != right.size()) {
      throw ApiErrors.error(
          ApiErrors.Condition.NUM_COLUMNS_MISMATCH,
          "firstNumColumns",
          String.valueOf(left.size()),
          "invalidOrdinalNum",
          "second",
          "invalidNumColumns",
          String.valueOf(right.size()));
    }
    LogicalPlan leftPlan = plan;
    LogicalPlan rightPlan = other.plan;
    List<Expr> leftCasts = new ArrayList<>();
    List<Expr> casts = new ArrayList<>();
    boolean leftNeedsCast = false;
    boolean needsCast = false;
    for (int i = 0; i < left.size(); i++) {
      Attribute l = left.get(i);
      Attribute r = right.get(i);
      if (l.dataType().equals(r.dataType())) {
        leftCasts.add(l);
        casts.add(r);
      } else if (l.dataType().isNumeric() && r.dataType().isNumeric()) {
        // Both sides widen, as Spark's WidenSetOperationTypes: INT with DOUBLE is DOUBLE, so the
        // right side's fractions survive.
        io.tideline.types.DataType wider = resolver().widerType(l.dataType(), r.dataType());
        leftCasts.add(widenTo(l, wider));
        casts.add(widenTo(r, wider));
        leftNeedsCast |= !wider.equals(l.dataType());
        needsCast |= !wider.equals(r.dataType());
      } else if (l.dataType().equals(io.tideline.types.DataTypes.StringType)) {
        leftCasts.add(l);
        casts.add(new Alias(io.tideline.internal.expr.Cast.implicit(r, l.dataType()), r.name()));
        needsCast = true;
      } else {
        throw ApiErrors.error(
            ApiErrors.Condition.INCOMPATIBLE_COLUMN_TYPE,
            "columnOrdinalNumber",
            ordinal(i + 1),
            "columnName",
            "`" + r.name() + "`",
            "tableOrdinalNumber",
            "second",
            "dataType1",
            "\"" + r.dataType().sql() + "\"",
            "dataType2",
            "\"" + l.dataType().sql() + "\"");
      }
    }
    if (leftNeedsCast) {
      leftPlan = new Project(leftCasts, leftPlan);
    }
    if (needsCast) {
      rightPlan = new Project(casts, rightPlan);
    }
    return with(new Union(List.of(leftPlan, rightPlan)));
  }

  private static Expr widenTo(Attribute a, io.tideline.types.DataType type) {
    return type.equals(a.dataType())
        ? a
        : new Alias(io.tideline.internal.expr.Cast.implicit(a, type), a.name());
  }

  public DataFrame unionAll(DataFrame other) {
    return union(other);
  }

  /** UNION ALL matching columns by name (case-insensitive). */
  public DataFrame unionByName(DataFrame other) {
    return unionByName(other, false);
  }

  /** With {@code allowMissingColumns}, a column only one side has is null on the other. */
  public DataFrame unionByName(DataFrame other, boolean allowMissingColumns) {
    List<Attribute> left = plan.output();
    List<Attribute> right = other.plan.output();
    List<Expr> reordered = new ArrayList<>();
    for (Attribute l : left) {
      Attribute match = null;
      for (Attribute r : right) {
        if (sameName(l.name(), r.name())) {
          match = r;
        }
      }
      if (match == null) {
        if (!allowMissingColumns) {
          List<String> names = new ArrayList<>();
          right.forEach(a -> names.add(a.name()));
          throw ApiErrors.error(
              ApiErrors.Condition.UNRESOLVED_COLUMN_BY_NAME,
              "objectName",
              "`" + l.name() + "`",
              "proposal",
              ApiErrors.backticked(names));
        }
        reordered.add(
            new Alias(
                io.tideline.internal.expr.Cast.implicit(
                    io.tideline.internal.expr.Literal.NULL, l.dataType()),
                l.name()));
      } else {
        reordered.add(match);
      }
    }
    DataFrame leftDf = this;
    if (allowMissingColumns) {
      List<Expr> extraLeft = new ArrayList<>(left);
      boolean extra = false;
      for (Attribute r : right) {
        boolean inLeft = false;
        for (Attribute l : left) {
          inLeft |= sameName(l.name(), r.name());
        }
        if (!inLeft) {
          extraLeft.add(
              new Alias(
                  io.tideline.internal.expr.Cast.implicit(
                      io.tideline.internal.expr.Literal.NULL, r.dataType()),
                  r.name()));
          reordered.add(r);
          extra = true;
        }
      }
      if (extra) {
        leftDf = with(new Project(extraLeft, plan));
      }
    }
    return leftDf.union(other.with(new Project(reordered, other.plan)));
  }

  public DataFrame orderBy(Column... cols) {
    List<SortOrder> order = new ArrayList<>();
    List<Attribute> input = plan.output();
    ExpressionResolver r = resolver();
    for (Column c : cols) {
      Expr e = c.expr();
      SortOrder so = e instanceof SortOrder s ? s : SortOrder.asc(e);
      order.add(
          new SortOrder(r.resolve(so.child(), input, false), so.ascending(), so.nullsFirst()));
    }
    return with(new Sort(order, true, plan));
  }

  public DataFrame orderBy(String col, String... cols) {
    Column[] all = new Column[cols.length + 1];
    all[0] = functions.col(col);
    for (int i = 0; i < cols.length; i++) {
      all[i + 1] = functions.col(cols[i]);
    }
    return orderBy(all);
  }

  public DataFrame sort(Column... cols) {
    return orderBy(cols);
  }

  public DataFrame sort(String col, String... cols) {
    return orderBy(col, cols);
  }

  public DataFrame limit(int n) {
    if (n < 0) {
      throw new IllegalArgumentException(
          "limit(" + n + "): the number of rows must be zero or more.");
    }
    return with(new Limit(n, plan));
  }

  // ---- actions ----

  private QueryExecution execution() {
    return new QueryExecution(plan, session.conf(), session.pool());
  }

  private void refuseOnStream(String method) {
    if (isStreaming()) {
      throw ApiErrors.error(
          ApiErrors.Condition.CALL_ON_STREAMING_DATASET_UNSUPPORTED, "methodName", method);
    }
  }

  /** Runs the query and returns every row. */
  public List<Row> collectAsList() {
    refuseOnStream("collectAsList");
    return RowConversions.toRows(execution().collect(), schema());
  }

  public Row[] collect() {
    return collectAsList().toArray(new Row[0]);
  }

  public List<Row> takeAsList(int n) {
    return limit(n).collectAsList();
  }

  public Row first() {
    List<Row> rows = takeAsList(1);
    if (rows.isEmpty()) {
      throw new java.util.NoSuchElementException("first() on an empty DataFrame");
    }
    return rows.get(0);
  }

  public boolean isEmpty() {
    return takeAsList(1).isEmpty();
  }

  public long count() {
    refuseOnStream("count");
    return execution().count();
  }

  public void show() {
    show(20, true);
  }

  public void show(int numRows) {
    show(numRows, true);
  }

  public void show(boolean truncate) {
    show(20, truncate);
  }

  public void show(int numRows, boolean truncate) {
    show(numRows, truncate ? 20 : 0);
  }

  /** Prints the first {@code numRows} rows, cutting cells to {@code truncate} characters. */
  public void show(int numRows, int truncate) {
    System.out.print(showString(numRows, truncate));
  }

  /** What {@link #show(int, int)} prints. */
  public String showString(int numRows, int truncate) {
    refuseOnStream("show");
    List<Row> rows = limit(numRows + 1).collectAsList();
    return ShowFormatter.format(
        rows, schema(), numRows, truncate, session.conf().sessionTimeZone());
  }

  public void explain() {
    explain(false);
  }

  public void explain(boolean extended) {
    System.out.print(explainString(extended));
  }

  public String explainString(boolean extended) {
    if (isStreaming()) {
      return "== Logical Plan ==\n" + Explain.tree(plan);
    }
    return execution().explainString(extended);
  }

  /** Describes how this streaming DataFrame is written; {@code start()} runs it. */
  public io.tideline.streaming.DataStreamWriter writeStream() {
    if (!isStreaming()) {
      throw ApiErrors.error(ApiErrors.Condition.WRITE_STREAM_NOT_ALLOWED);
    }
    return new io.tideline.streaming.DataStreamWriter(this);
  }

  public DataFrameWriter write() {
    refuseOnStream("write");
    return new DataFrameWriter(this);
  }

  void runPartitions(io.tideline.internal.exec.PartitionTask task) {
    execution().runPartitions(task);
  }

  private boolean sameName(String a, String b) {
    return session.conf().caseSensitive() ? a.equals(b) : a.equalsIgnoreCase(b);
  }

  private static String ordinal(int n) {
    return switch (n) {
      case 1 -> "first";
      case 2 -> "second";
      case 3 -> "third";
      default -> n + "th";
    };
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    List<Attribute> out = plan.output();
    for (int i = 0; i < out.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(out.get(i).name()).append(": ").append(out.get(i).dataType().simpleString());
    }
    return sb.append(']').toString();
  }

  static List<String> names(String... names) {
    return Arrays.asList(names);
  }
}
