package io.tideline.bench.delta;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one engine read from a bronze table: counts, a sum, the nulls of every column and the ranges
 * of both timestamps. Two readings of tables loaded from the same topic must be equal ({@link
 * #differences}), and a reading must match the generator ({@link #problems}).
 *
 * @param rows rows in the table
 * @param over100 rows whose {@code amount > 100}
 * @param sumAmount {@code sum(amount)}; compared within a relative 1e-9, as engines add in
 *     different orders
 * @param nullOrderIds {@code count(*) - count(order_id)}, and so on for each column
 * @param nullCustomerIds nulls of {@code customer_id}
 * @param nullProducts nulls of {@code product}
 * @param nullAmounts nulls of {@code amount}
 * @param nullOrderTimes nulls of {@code order_time}
 * @param nullKafkaTimestamps nulls of {@code kafka_timestamp}
 * @param minOrderTime {@code min(order_time)} as ISO-8601 text ({@code Instant.toString}), or null
 * @param maxOrderTime {@code max(order_time)}
 * @param minKafkaTimestamp {@code min(kafka_timestamp)}
 * @param maxKafkaTimestamp {@code max(kafka_timestamp)}
 */
record TableChecksum(
    long rows,
    long over100,
    double sumAmount,
    long nullOrderIds,
    long nullCustomerIds,
    long nullProducts,
    long nullAmounts,
    long nullOrderTimes,
    long nullKafkaTimestamps,
    String minOrderTime,
    String maxOrderTime,
    String minKafkaTimestamp,
    String maxKafkaTimestamp) {

  private static final double SUM_TOLERANCE = 1e-9;

  /**
   * How this reading departs from what the generator wrote into the topic: {@code records} rows,
   * {@code over100} of them over 100, no nulls (every line parses); empty when it does not.
   */
  List<String> problems(long records, long over100) {
    List<String> problems = new ArrayList<>();
    expect(problems, "rows", rows, records);
    expect(problems, "rows with amount > 100", this.over100, over100);
    expect(problems, "null order_id", nullOrderIds, 0);
    expect(problems, "null customer_id", nullCustomerIds, 0);
    expect(problems, "null product", nullProducts, 0);
    expect(problems, "null amount", nullAmounts, 0);
    expect(problems, "null order_time", nullOrderTimes, 0);
    expect(problems, "null kafka_timestamp", nullKafkaTimestamps, 0);
    return problems;
  }

  /** How this reading differs from {@code other}, field by field; empty when they agree. */
  List<String> differences(TableChecksum other) {
    List<String> d = new ArrayList<>();
    expect(d, "rows", rows, other.rows);
    expect(d, "rows with amount > 100", over100, other.over100);
    double scale = Math.max(Math.abs(sumAmount), Math.abs(other.sumAmount));
    if (Math.abs(sumAmount - other.sumAmount) > SUM_TOLERANCE * Math.max(scale, 1)) {
      d.add("sum(amount) " + sumAmount + " where the other reading has " + other.sumAmount);
    }
    expect(d, "null order_id", nullOrderIds, other.nullOrderIds);
    expect(d, "null customer_id", nullCustomerIds, other.nullCustomerIds);
    expect(d, "null product", nullProducts, other.nullProducts);
    expect(d, "null amount", nullAmounts, other.nullAmounts);
    expect(d, "null order_time", nullOrderTimes, other.nullOrderTimes);
    expect(d, "null kafka_timestamp", nullKafkaTimestamps, other.nullKafkaTimestamps);
    expect(d, "min(order_time)", minOrderTime, other.minOrderTime);
    expect(d, "max(order_time)", maxOrderTime, other.maxOrderTime);
    expect(d, "min(kafka_timestamp)", minKafkaTimestamp, other.minKafkaTimestamp);
    expect(d, "max(kafka_timestamp)", maxKafkaTimestamp, other.maxKafkaTimestamp);
    return d;
  }

  private static void expect(List<String> problems, String what, long actual, long expected) {
    if (actual != expected) {
      problems.add(what + " " + actual + " where " + expected + " was expected");
    }
  }

  private static void expect(List<String> problems, String what, String actual, String expected) {
    if (!Objects.equals(actual, expected)) {
      problems.add(what + " " + actual + " where " + expected + " was expected");
    }
  }
}
