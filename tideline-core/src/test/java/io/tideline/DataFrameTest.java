package io.tideline;

import static io.tideline.functions.avg;
import static io.tideline.functions.col;
import static io.tideline.functions.count;
import static io.tideline.functions.countDistinct;
import static io.tideline.functions.expr;
import static io.tideline.functions.lit;
import static io.tideline.functions.max;
import static io.tideline.functions.min;
import static io.tideline.functions.sum;
import static io.tideline.functions.upper;
import static io.tideline.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DataFrame operations of API.md in batch mode, end to end through every engine layer. */
class DataFrameTest {
  private static Tideline t;
  private static DataFrame orders;
  private static DataFrame customers;

  static final StructType ORDERS =
      StructType.fromDDL(
          "order_id STRING, customer_id STRING, product STRING, amount DOUBLE, qty INT");

  @BeforeAll
  static void start() {
    t =
        Tideline.builder()
            .appName("dataframe-test")
            .config("tideline.shuffle.partitions", "3")
            .config("tideline.sql.batchSize", "2")
            .getOrCreate();
    orders =
        t.createDataFrame(
            List.of(
                Row.of("o1", "c1", "widget", 120.0, 2),
                Row.of("o2", "c2", "gadget", 80.0, 1),
                Row.of("o3", null, "widget", 99.5, 3),
                Row.of("o4", "c3", "gizmo", -5.0, 1),
                Row.of("o5", "c1", "widget", 30.0, null),
                Row.of("o6", "c4", null, 200.0, 4)),
            ORDERS);
    customers =
        t.createDataFrame(
            List.of(Row.of("c1", "Ada"), Row.of("c2", "Bob"), Row.of("c9", "Zoe")),
            StructType.fromDDL("customer_id STRING, name STRING"));
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static void check(DataFrame df, Row... expected) {
    assertThat(df.collectAsList()).containsExactlyInAnyOrder(expected);
  }

  @Test
  void filter_withColumnAndSqlText_agree() {
    check(orders.filter(col("amount").gt(100)).select("order_id"), Row.of("o1"), Row.of("o6"));
    check(orders.where("amount > 100").select("order_id"), Row.of("o1"), Row.of("o6"));
  }

  @Test
  void filter_nullConditionDropsTheRow() {
    check(orders.filter("qty > 1").select("order_id"), Row.of("o1"), Row.of("o3"), Row.of("o6"));
  }

  @Test
  void selectExpr_castsAndAliases() {
    DataFrame df =
        orders
            .filter("order_id = 'o2'")
            .selectExpr(
                "CAST(qty AS STRING) AS q", "amount * 2 AS double_amount", "upper(product)");
    assertThat(df.columns()).containsExactly("q", "double_amount", "upper(product)");
    check(df, Row.of("1", 160.0, "GADGET"));
  }

  @Test
  void withColumn_addsAndReplaces() {
    DataFrame df =
        orders
            .filter("order_id = 'o1'")
            .withColumn("amount", col("amount").plus(1))
            .withColumn("big", col("amount").gt(100));
    assertThat(df.columns())
        .containsExactly("order_id", "customer_id", "product", "amount", "qty", "big");
    check(df.select("amount", "big"), Row.of(121.0, true));
  }

  @Test
  void withColumnRenamedAndDrop() {
    DataFrame df = orders.withColumnRenamed("product", "item").drop("customer_id", "qty", "nope");
    assertThat(df.columns()).containsExactly("order_id", "item", "amount");
  }

  @Test
  void groupBy_aggregatesPerKeyWithNullGroup() {
    DataFrame df =
        orders
            .groupBy("product")
            .agg(
                count(lit(1)).alias("n"),
                sum("amount").alias("total"),
                max("qty").alias("max_qty"));
    check(
        df,
        Row.of("widget", 3L, 249.5, 3),
        Row.of("gadget", 1L, 80.0, 1),
        Row.of("gizmo", 1L, -5.0, 1),
        Row.of(null, 1L, 200.0, 4));
  }

  @Test
  void groupBy_countNamesTheColumnCount() {
    DataFrame df = orders.groupBy("customer_id").count();
    assertThat(df.columns()).containsExactly("customer_id", "count");
    check(
        df,
        Row.of("c1", 2L),
        Row.of("c2", 1L),
        Row.of("c3", 1L),
        Row.of("c4", 1L),
        Row.of(null, 1L));
  }

  @Test
  void globalAggregates_countSkipsNullsAndAvgIsDouble() {
    check(
        orders.agg(
            count(col("qty")),
            count(lit(1)),
            avg("qty"),
            min("product"),
            countDistinct("customer_id")),
        Row.of(5L, 6L, 2.2, "gadget", 4L));
  }

  @Test
  void globalAggregate_onEmptyInputGivesOneRow() {
    check(orders.filter("amount > 1000").agg(count(lit(1)), sum("amount")), Row.of(0L, null));
  }

  @Test
  void sumOfInts_isBigint() {
    assertThat(orders.agg(sum("qty")).schema().field(0).dataType()).isEqualTo(DataTypes.LongType);
    check(orders.agg(sum("qty")), Row.of(11L));
  }

  @Test
  void dropDuplicates_onColumns() {
    assertThat(orders.dropDuplicates("product").count()).isEqualTo(4);
    assertThat(orders.select("customer_id").distinct().count()).isEqualTo(5);
  }

  @Test
  void joins_allTypes() {
    DataFrame o = orders.select("order_id", "customer_id");
    check(
        o.join(customers, "customer_id").select("order_id", "name"),
        Row.of("o1", "Ada"),
        Row.of("o5", "Ada"),
        Row.of("o2", "Bob"));
    check(
        o.join(customers, List.of("customer_id"), "left")
            .filter("order_id IN ('o3', 'o4')")
            .select("order_id", "name"),
        Row.of("o3", null),
        Row.of("o4", null));
    check(
        o.join(customers, List.of("customer_id"), "right").filter("name = 'Zoe'"),
        Row.of("c9", null, "Zoe"));
    assertThat(o.join(customers, List.of("customer_id"), "full").count()).isEqualTo(7);
    check(
        customers.join(o, List.of("customer_id"), "left_semi"),
        Row.of("c1", "Ada"),
        Row.of("c2", "Bob"));
    check(customers.join(o, List.of("customer_id"), "left_anti"), Row.of("c9", "Zoe"));
    assertThat(o.crossJoin(customers).count()).isEqualTo(18);
  }

  @Test
  void join_onColumnExpressionKeepsBothKeyColumns() {
    DataFrame j =
        orders.join(
            customers, orders.col("customer_id").equalTo(customers.col("customer_id")), "inner");
    assertThat(j.columns())
        .containsExactly(
            "order_id", "customer_id", "product", "amount", "qty", "customer_id", "name");
    assertThat(j.count()).isEqualTo(3);
  }

  @Test
  void broadcastJoin_underConcurrentTasks_losesNoMatch() {
    // Regression: tasks once probed one shared hash table whose key buffer they overwrote.
    List<Row> many = new java.util.ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      many.add(Row.of("o" + i, "c" + (i % 50)));
    }
    List<Row> few = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      few.add(Row.of("c" + i, "name" + i));
    }
    DataFrame left =
        t.createDataFrame(many, StructType.fromDDL("order_id STRING, customer_id STRING"));
    DataFrame right = t.createDataFrame(few, StructType.fromDDL("customer_id STRING, name STRING"));
    for (int round = 0; round < 20; round++) {
      assertThat(left.join(right, "customer_id").count()).isEqualTo(4000);
    }
  }

  @Test
  void selfJoin_withAliases() {
    DataFrame a = customers.alias("a");
    DataFrame b = customers.alias("b");
    check(
        a.join(b, expr("a.customer_id = b.customer_id")).select("a.name", "b.name"),
        Row.of("Ada", "Ada"),
        Row.of("Bob", "Bob"),
        Row.of("Zoe", "Zoe"));
  }

  @Test
  void unionAndUnionByName() {
    DataFrame x = customers.select("customer_id", "name");
    DataFrame y = customers.select("name", "customer_id");
    assertThat(x.union(x).count()).isEqualTo(6);
    check(x.unionByName(y).filter("customer_id = 'c1'"), Row.of("c1", "Ada"), Row.of("c1", "Ada"));
  }

  @Test
  void orderByAndLimit() {
    assertThat(orders.orderBy(col("amount").desc()).limit(2).collectAsList())
        .containsExactly(
            Row.of("o6", "c4", null, 200.0, 4), Row.of("o1", "c1", "widget", 120.0, 2));
    assertThat(orders.orderBy("product").select("product").collectAsList().get(0))
        .isEqualTo(Row.of((Object) null));
  }

  @Test
  void caseWhen_chain() {
    DataFrame df =
        orders.select(
            col("order_id"),
            when(col("amount").gt(100), "big")
                .when(col("amount").gt(0), "small")
                .otherwise("refund")
                .alias("size"));
    check(
        df.filter("order_id IN ('o1','o2','o4')"),
        Row.of("o1", "big"),
        Row.of("o2", "small"),
        Row.of("o4", "refund"));
  }

  @Test
  void nestedStructs_selectStarOfStruct() {
    DataFrame df =
        orders.select(functions.struct("order_id", "amount").alias("data")).select("data.*");
    assertThat(df.columns()).containsExactly("order_id", "amount");
    assertThat(df.count()).isEqualTo(6);
  }

  @Test
  void unknownColumn_failsAtAnalysisWithSuggestions() {
    assertThatThrownBy(() -> orders.select("amout"))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("UNRESOLVED_COLUMN")
        .hasMessageContaining("`amount`");
  }

  @Test
  void runtimeError_namesTheColumnsNotTheirPositions() {
    assertThatThrownBy(() -> orders.select(expr("CAST(order_id AS INT)")).collectAsList())
        .hasMessageContaining("CAST_INVALID_INPUT")
        .satisfies(e -> assertThat(e.getMessage()).containsPattern("The value 'o\\d'"))
        .hasMessageContaining("CAST(order_id AS INT)")
        .hasMessageNotContaining("input[");
  }

  @Test
  void nonGroupedColumn_isRefused() {
    assertThatThrownBy(() -> orders.groupBy("product").agg(col("amount")))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("MISSING_AGGREGATION");
  }

  @Test
  void unknownJoinType_listsTheSupportedOnes() {
    assertThatThrownBy(() -> orders.join(customers, List.of("customer_id"), "sideways"))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("left_anti");
  }

  @Test
  void show_printsSparksGrid() {
    String out = orders.select("order_id", "amount").filter("order_id = 'o1'").showString(20, 20);
    assertThat(out)
        .isEqualTo(
            "+--------+------+\n|order_id|amount|\n+--------+------+\n|      o1| 120.0|\n+--------+------+\n");
  }

  @Test
  void explain_showsPhysicalPlan() {
    String plan = orders.filter("amount > 100").groupBy("product").count().explainString(false);
    assertThat(plan).contains("== Physical Plan ==").contains("HashAggregate");
  }

  @Test
  void upperOfNull_isNull() {
    check(orders.filter("order_id = 'o6'").select(upper(col("product"))), Row.of((Object) null));
  }

  static List<Object> values(Row r) {
    return Arrays.asList(r.toArray());
  }
}
