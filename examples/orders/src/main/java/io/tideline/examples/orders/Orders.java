package io.tideline.examples.orders;

import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The demo's orders: the seed's schema, and order number {@code n} as a pure function of the seed,
 * so a test (or a second run) can rebuild exactly what was generated from a count alone.
 *
 * <p>Event time advances by a fixed step per order from {@link #FIRST_ORDER_TIME} (1.2 s by
 * default: at 100 orders/s event time runs 120 times faster than the wall clock, so windows close
 * during a short demo). About one order in 25 is late (its {@code order_time} 15 to 75 minutes
 * behind), one in 50 is not JSON, one in 33 has a negative amount and one in 33 no customer.
 */
public final class Orders {

  /** The seed's order schema, as the silver query parses it. */
  public static final StructType ORDER_SCHEMA =
      new StructType()
          .add("order_id", DataTypes.StringType)
          .add("customer_id", DataTypes.StringType)
          .add("product", DataTypes.StringType)
          .add("amount", DataTypes.DoubleType)
          .add("order_time", DataTypes.TimestampType);

  /** The event time of order 0. */
  public static final Instant FIRST_ORDER_TIME = Instant.parse("2026-01-01T08:00:00Z");

  /** The event-time step per order unless configured otherwise. */
  public static final Duration DEFAULT_EVENT_STEP = Duration.ofMillis(1200);

  static final List<String> PRODUCTS =
      List.of("laptop", "phone", "tablet", "monitor", "keyboard", "headphones");

  /** What kind of record an order is, so tests know which ones silver must keep. */
  public enum Kind {
    GOOD,
    /** Valid, but its {@code order_time} is well behind the orders around it. */
    LATE,
    /** Not JSON: {@code from_json} gives a row of nulls, which silver's filters drop. */
    MALFORMED,
    NEGATIVE_AMOUNT,
    NULL_CUSTOMER
  }

  /**
   * One generated order.
   *
   * @param sequence its number, from 0 across every run of a work folder
   * @param key the Kafka key (the order id)
   * @param value the Kafka value: the JSON text (or, for {@link Kind#MALFORMED}, not JSON)
   * @param kind what kind of record it is
   * @param orderTime the event time its JSON carries
   * @param customerId its customer, null for {@link Kind#NULL_CUSTOMER} and {@link Kind#MALFORMED}
   * @param product its product, null for {@link Kind#MALFORMED}
   * @param amount its amount, negative for {@link Kind#NEGATIVE_AMOUNT}, 0 for {@link
   *     Kind#MALFORMED}
   */
  public record Order(
      long sequence,
      String key,
      String value,
      Kind kind,
      Instant orderTime,
      String customerId,
      String product,
      double amount) {

    /** Whether silver keeps it: valid JSON, a positive amount and a customer. */
    public boolean valid() {
      return kind == Kind.GOOD || kind == Kind.LATE;
    }
  }

  private final long seed;
  private final long eventStepMs;

  public Orders(long seed, Duration eventStep) {
    if (eventStep.isNegative() || eventStep.isZero()) {
      throw new IllegalArgumentException("The event-time step must be positive: " + eventStep);
    }
    this.seed = seed;
    this.eventStepMs = eventStep.toMillis();
  }

  /** Order number {@code sequence}: the same for the same seed, step and number. */
  public Order order(long sequence) {
    long r = mix(seed * 0x9E3779B97F4A7C15L + sequence);
    int pick = (int) Long.remainderUnsigned(r, 100);
    Kind kind =
        pick < 4
            ? Kind.LATE
            : pick < 6
                ? Kind.MALFORMED
                : pick < 9 ? Kind.NEGATIVE_AMOUNT : pick < 12 ? Kind.NULL_CUSTOMER : Kind.GOOD;
    long r2 = mix(r);
    long r3 = mix(r2);
    String orderId = String.format("o-%09d", sequence);
    Instant orderTime = FIRST_ORDER_TIME.plusMillis(sequence * eventStepMs);
    if (kind == Kind.LATE) {
      orderTime = orderTime.minus(Duration.ofMinutes(15 + Long.remainderUnsigned(r3, 61)));
    }
    if (kind == Kind.MALFORMED) {
      String broken =
          (r2 & 1) == 0
              ? "{\"order_id\": \"" + orderId + "\", \"customer_id\": "
              : "order " + orderId + " lost its braces";
      return new Order(sequence, orderId, broken, kind, orderTime, null, null, 0);
    }
    String customerId = kind == Kind.NULL_CUSTOMER ? null : "c-" + Long.remainderUnsigned(r2, 500);
    String product = PRODUCTS.get((int) Long.remainderUnsigned(r2 >>> 20, PRODUCTS.size()));
    long cents = 500 + Long.remainderUnsigned(r3 >>> 8, 150_000);
    String amount =
        (kind == Kind.NEGATIVE_AMOUNT ? "-" : "")
            + cents / 100
            + "."
            + (cents % 100 < 10 ? "0" : "")
            + cents % 100;
    String json =
        "{\"order_id\":\""
            + orderId
            + "\",\"customer_id\":"
            + (customerId == null ? "null" : "\"" + customerId + "\"")
            + ",\"product\":\""
            + product
            + "\",\"amount\":"
            + amount
            + ",\"order_time\":\""
            + orderTime
            + "\"}";
    return new Order(
        sequence, orderId, json, kind, orderTime, customerId, product, Double.parseDouble(amount));
  }

  /** SplitMix64's finaliser: well-spread bits from consecutive inputs. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
