package io.tideline.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Writes the seed's order records as JSON Lines, each record a pure function of (seed, index).
 *
 * <p>Because a line depends only on its index, files can be written in any order, a prefix of a
 * larger data set equals a smaller one, and the expected aggregate is known without any engine.
 * Lines look like:
 *
 * <pre>{@code
 * {"order_id":"o-0000000042","customer_id":"c-031337","product":"monitor","amount":123.45,"order_time":"2024-01-15T00:00:10Z"}
 * }</pre>
 *
 * <p>Amounts run from 1.00 to 500.00 in cents, so about a fifth are at most 100; every thousandth
 * record is exactly 100.00, the filter's boundary. Order times start at {@code
 * 2024-01-15T00:00:00Z}, four orders a second on average, a little out of order as real events are.
 *
 * <p>Not thread-safe: one writer per thread. It reuses one line buffer, so writing allocates
 * nothing per line.
 */
final class OrderLineWriter {
  /** The products of the data set; about an eighth of the orders each. */
  static final String[] PRODUCTS = {
    "laptop", "phone", "tablet", "monitor", "keyboard", "mouse", "headphones", "camera"
  };

  private static final long FIRST_ORDER_EPOCH_SECOND =
      LocalDate.of(2024, 1, 15).toEpochDay() * 86_400L;
  private static final long MAX_CENTS = 50_000;
  private static final long MIN_CENTS = 100;
  private static final long BOUNDARY_CENTS = 10_000;

  private static final byte[][] PRODUCT_BYTES = new byte[PRODUCTS.length][];

  static {
    for (int i = 0; i < PRODUCTS.length; i++) {
      PRODUCT_BYTES[i] = PRODUCTS[i].getBytes(StandardCharsets.US_ASCII);
    }
  }

  private final long seed;
  private final byte[] line = new byte[256];
  private int length;
  private long cachedEpochDay = Long.MIN_VALUE;
  private final byte[] cachedDate = new byte[10];

  OrderLineWriter(long seed) {
    this.seed = seed;
  }

  /** The product index of record {@code index}. */
  int product(long index) {
    return (int) ((hash(index) >>> 40) & 7);
  }

  /** The amount of record {@code index}, in cents. */
  long amountCents(long index) {
    if (index % 1000 == 999) {
      return BOUNDARY_CENTS;
    }
    long h = hash(index);
    return MIN_CENTS + Long.remainderUnsigned(h >>> 8, MAX_CENTS - MIN_CENTS + 1);
  }

  /** Writes record {@code index} with its trailing newline and returns its length in bytes. */
  int write(long index, OutputStream out) throws IOException {
    long h = hash(index);
    length = 0;
    ascii("{\"order_id\":\"o-");
    digits(index, 10);
    ascii("\",\"customer_id\":\"c-");
    digits(Long.remainderUnsigned(h, 100_000), 6);
    ascii("\",\"product\":\"");
    bytes(PRODUCT_BYTES[product(index)]);
    ascii("\",\"amount\":");
    long cents = amountCents(index);
    digits(cents / 100, 1);
    put('.');
    digits(cents % 100, 2);
    ascii(",\"order_time\":\"");
    timestamp(FIRST_ORDER_EPOCH_SECOND + index / 4 + ((h >>> 50) & 15));
    ascii("\"}\n");
    out.write(line, 0, length);
    return length;
  }

  private void timestamp(long epochSecond) {
    long day = Math.floorDiv(epochSecond, 86_400L);
    if (day != cachedEpochDay) {
      byte[] date = LocalDate.ofEpochDay(day).toString().getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(date, 0, cachedDate, 0, 10);
      cachedEpochDay = day;
    }
    bytes(cachedDate);
    put('T');
    long secondOfDay = epochSecond - day * 86_400L;
    digits(secondOfDay / 3600, 2);
    put(':');
    digits(secondOfDay / 60 % 60, 2);
    put(':');
    digits(secondOfDay % 60, 2);
    put('Z');
  }

  /** SplitMix64 of the seeded index: cheap, and good enough that fields look independent. */
  private long hash(long index) {
    long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private void digits(long value, int minWidth) {
    int width = 1;
    for (long v = value / 10; v > 0; v /= 10) {
      width++;
    }
    width = Math.max(width, minWidth);
    for (int i = length + width - 1; i >= length; i--) {
      line[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length += width;
  }

  private void ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      line[length++] = (byte) s.charAt(i);
    }
  }

  private void bytes(byte[] b) {
    System.arraycopy(b, 0, line, length, b.length);
    length += b.length;
  }

  private void put(char c) {
    line[length++] = (byte) c;
  }
}
