package io.tideline.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Writes JSON order files into a landing folder, standing in for the seed's Kafka topic: each file
 * holds one line per order in the seed's schema, mixed with the dirt the seed's silver layer cleans
 * out (malformed lines, negative amounts, null customers).
 *
 * <p>Each file is written under a hidden name and then renamed, so a file stream source never sees
 * half a file (it skips names starting with {@code .}). Output is deterministic for a given seed.
 */
public final class OrderFileGenerator {
  private static final String[] PRODUCTS = {"widget", "gadget", "gizmo", "doohickey"};
  private static final Instant FIRST_ORDER_TIME = Instant.parse("2024-01-15T10:00:00Z");

  private final Path landing;
  private final Random random;
  private int nextFile;
  private int nextOrder;

  /**
   * A generator for {@code landing}; numbering continues after the files already there, since a
   * file source never reads a name it has seen again.
   */
  public OrderFileGenerator(Path landing, long seed) {
    this.landing = landing;
    this.random = new Random(seed);
    try (Stream<Path> files = Files.list(landing)) {
      this.nextFile = (int) files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list the landing folder " + landing, e);
    }
  }

  /**
   * Writes one file of {@code lines} lines into the landing folder.
   *
   * @return the lines written, in file order
   */
  public synchronized List<String> writeFile(int lines) {
    List<String> written = new ArrayList<>(lines);
    for (int i = 0; i < lines; i++) {
      written.add(nextLine());
    }
    String name = String.format(Locale.ROOT, "orders-%05d.json", nextFile++);
    Path hidden = landing.resolve("." + name + ".tmp");
    try {
      Files.write(hidden, written, StandardCharsets.UTF_8);
      Files.move(hidden, landing.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write order file " + name + " to " + landing, e);
    }
    return written;
  }

  private String nextLine() {
    int n = nextOrder++;
    int kind = random.nextInt(20);
    if (kind == 0) {
      return "{\"order_id\": \"o-" + n + "\", broken";
    }
    String customer = kind == 1 ? "null" : "\"c-" + random.nextInt(50) + "\"";
    double amount = Math.round(random.nextDouble() * 50_000) / 100.0;
    if (kind == 2) {
      amount = -amount;
    }
    String product = PRODUCTS[random.nextInt(PRODUCTS.length)];
    Instant orderTime = FIRST_ORDER_TIME.plusSeconds(n);
    return String.format(
        Locale.ROOT,
        "{\"order_id\":\"o-%d\",\"customer_id\":%s,\"product\":\"%s\",\"amount\":%s,"
            + "\"order_time\":\"%s\"}",
        n,
        customer,
        product,
        Double.toString(amount),
        orderTime);
  }
}
