package io.tideline.examples.orders;

import static io.tideline.functions.col;
import static io.tideline.functions.from_json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrdersTest {

  private static final Orders ORDERS = new Orders(42, Duration.ofMillis(1200));

  @Test
  void order_isAFunctionOfSeedAndNumber_andEventTimeAdvancesOneStepPerOrder() {
    assertThat(ORDERS.order(1234)).isEqualTo(new Orders(42, Duration.ofMillis(1200)).order(1234));
    assertThat(new Orders(43, Duration.ofMillis(1200)).order(1234).value())
        .isNotEqualTo(ORDERS.order(1234).value());
    Orders.Order good = firstOf(Orders.Kind.GOOD);
    assertThat(good.orderTime())
        .isEqualTo(Orders.FIRST_ORDER_TIME.plusMillis(1200 * good.sequence()));
    Orders.Order late = firstOf(Orders.Kind.LATE);
    Duration behind =
        Duration.between(
            late.orderTime(), Orders.FIRST_ORDER_TIME.plusMillis(1200 * late.sequence()));
    assertThat(behind).isBetween(Duration.ofMinutes(15), Duration.ofMinutes(75));
  }

  @Test
  void orders_mixEveryKind_inRoughlyTheDocumentedShares() {
    Map<Orders.Kind, Integer> counts = new EnumMap<>(Orders.Kind.class);
    for (long i = 0; i < 10_000; i++) {
      counts.merge(ORDERS.order(i).kind(), 1, Integer::sum);
    }
    assertThat(counts.get(Orders.Kind.LATE)).isBetween(300, 500);
    assertThat(counts.get(Orders.Kind.MALFORMED)).isBetween(120, 280);
    assertThat(counts.get(Orders.Kind.NEGATIVE_AMOUNT)).isBetween(220, 380);
    assertThat(counts.get(Orders.Kind.NULL_CUSTOMER)).isBetween(220, 380);
    assertThat(counts.get(Orders.Kind.GOOD)).isBetween(8_500, 9_100);
  }

  @Test
  void fromJson_withTheSeedsSchema_readsBackEachOrdersFields_andNullsForMalformedOnes(
      @TempDir Path warehouse) {
    List<Row> values = new ArrayList<>();
    List<Orders.Order> orders = new ArrayList<>();
    for (long i = 0; i < 200; i++) {
      Orders.Order o = ORDERS.order(i);
      orders.add(o);
      values.add(Row.of(o.value()));
    }
    try (Tideline t = Tideline.builder().warehouse(warehouse).getOrCreate()) {
      List<Row> parsed =
          t.createDataFrame(values, new StructType().add("raw_json", DataTypes.StringType))
              .select(from_json(col("raw_json"), Orders.ORDER_SCHEMA).alias("data"))
              .select("data.*")
              .collectAsList();
      assertThat(parsed).hasSize(orders.size());
      for (int i = 0; i < orders.size(); i++) {
        Orders.Order o = orders.get(i);
        Row r = parsed.get(i);
        if (o.kind() == Orders.Kind.MALFORMED) {
          assertThat(r.isNullAt(2)).as("malformed %s", o.value()).isTrue();
          assertThat(r.isNullAt(3)).isTrue();
          continue;
        }
        assertThat(r.getString(0)).isEqualTo(o.key());
        assertThat(r.isNullAt(1) ? null : r.getString(1)).isEqualTo(o.customerId());
        assertThat(r.getString(2)).isEqualTo(o.product());
        assertThat(r.getDouble(3)).isEqualTo(o.amount());
        assertThat(r.getInstant(4)).isEqualTo(o.orderTime());
        assertThat(o.valid()).isEqualTo(o.amount() > 0 && o.customerId() != null);
      }
    }
  }

  @Test
  void demoConfig_refusesARateThatIsNotPositive() {
    assertThatThrownBy(() -> DemoConfig.builder(Path.of("w")).rate(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--rate");
  }

  private static Orders.Order firstOf(Orders.Kind kind) {
    for (long i = 0; ; i++) {
      Orders.Order o = ORDERS.order(i);
      if (o.kind() == kind) {
        return o;
      }
    }
  }
}
