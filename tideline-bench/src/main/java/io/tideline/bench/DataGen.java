package io.tideline.bench;

import io.tideline.internal.errors.TidelineException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * The deterministic generator of the benchmark's JSON order lines.
 *
 * <p>{@link #ensure} writes {@code records} lines split evenly over {@code files} files named
 * {@code orders-00000.json}, ... in a folder, unless the folder already holds exactly that data
 * set. The proof is a manifest next to the folder ({@code <folder>.manifest.properties}), outside
 * it so that no engine's file listing sees it; it records the generator version, the parameters,
 * each file's size and the expected aggregate. The same parameters always give byte-identical
 * files.
 *
 * <p>Command line: {@code DataGen FOLDER RECORDS [FILES] [SEED]}.
 */
public final class DataGen {
  /** The seed of the benchmark's data set. */
  public static final long DEFAULT_SEED = 20240115L;

  /** Bump when the line format changes, so old data sets are regenerated, not reused. */
  private static final int GENERATOR_VERSION = 1;

  private DataGen() {}

  public static void main(String[] args) {
    String usage = "Usage: DataGen FOLDER RECORDS [FILES (default 8)] [SEED]";
    OrdersDataset data;
    try {
      if (args.length < 2 || args.length > 4) {
        throw BenchErrors.usage("Expected 2 to 4 arguments, got " + args.length, usage);
      }
      data =
          ensure(
              Path.of(args[0]),
              wholeNumber(args[1], usage),
              args.length > 2 ? (int) wholeNumber(args[2], usage) : 8,
              args.length > 3 ? wholeNumber(args[3], usage) : DEFAULT_SEED);
    } catch (TidelineException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "%d order lines in %d files, %.1f MB, in %s%n",
        data.records(),
        data.files(),
        data.bytes() / 1e6,
        data.dir().toAbsolutePath());
  }

  private static long wholeNumber(String text, String usage) {
    try {
      return Long.parseLong(text.replace("_", ""));
    } catch (NumberFormatException e) {
      throw BenchErrors.usage("Expected a whole number, got '" + text + "'", usage);
    }
  }

  /**
   * Returns the data set in {@code dir}, generating it first unless the folder already holds
   * exactly these records.
   *
   * @throws TidelineException {@code BENCH_USAGE} if {@code records} is negative or {@code files}
   *     not positive
   * @throws UncheckedIOException if the folder cannot be read or written
   */
  public static OrdersDataset ensure(Path dir, long records, int files, long seed) {
    if (records < 0 || files < 1) {
      throw BenchErrors.usage(
          "DataGen needs records >= 0 and files >= 1, got records=" + records + ", files=" + files,
          "DataGen FOLDER RECORDS [FILES] [SEED]");
    }
    try {
      Path manifest = manifestOf(dir);
      Properties wanted = parameters(records, files, seed);
      OrdersDataset existing = readIfComplete(dir, manifest, wanted);
      return existing != null ? existing : generate(dir, manifest, wanted, records, files, seed);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not generate order lines in " + dir, e);
    }
  }

  static Path manifestOf(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    return absolute.resolveSibling(absolute.getFileName() + ".manifest.properties");
  }

  /** Writes records {@code [from, to)} to {@code out}; returns the bytes written. */
  public static long writeLines(long seed, long from, long to, OutputStream out)
      throws IOException {
    OrderLineWriter writer = new OrderLineWriter(seed);
    long bytes = 0;
    for (long i = from; i < to; i++) {
      bytes += writer.write(i, out);
    }
    return bytes;
  }

  /** The benchmark query's answer on records {@code [0, records)}, computed from exact cents. */
  public static List<ProductTotals> expectedTotals(long records, long seed) {
    OrderLineWriter writer = new OrderLineWriter(seed);
    int products = OrderLineWriter.PRODUCTS.length;
    long[] counts = new long[products];
    long[] cents = new long[products];
    for (long i = 0; i < records; i++) {
      long amount = writer.amountCents(i);
      if (amount > 10_000) {
        int p = writer.product(i);
        counts[p]++;
        cents[p] += amount;
      }
    }
    return totals(counts, cents);
  }

  private static List<ProductTotals> totals(long[] counts, long[] cents) {
    List<ProductTotals> totals = new ArrayList<>();
    for (int p = 0; p < counts.length; p++) {
      if (counts[p] > 0) {
        totals.add(new ProductTotals(OrderLineWriter.PRODUCTS[p], cents[p] / 100.0, counts[p]));
      }
    }
    totals.sort((a, b) -> a.product().compareTo(b.product()));
    return List.copyOf(totals);
  }

  private static OrdersDataset generate(
      Path dir, Path manifest, Properties wanted, long records, int files, long seed)
      throws IOException {
    Files.createDirectories(dir);
    // The old manifest goes first and the new one last, so an interrupted run is never mistaken
    // for a complete data set.
    Files.deleteIfExists(manifest);
    try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "orders-*.json")) {
      for (Path p : old) {
        Files.delete(p);
      }
    }
    long total = 0;
    Properties done = new Properties();
    done.putAll(wanted);
    for (int f = 0; f < files; f++) {
      Path file = dir.resolve(fileName(f));
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
        long bytes = writeLines(seed, records * f / files, records * (f + 1) / files, out);
        done.setProperty("file." + f + ".bytes", Long.toString(bytes));
        total += bytes;
      }
    }
    List<ProductTotals> expected = expectedTotals(records, seed);
    for (int i = 0; i < expected.size(); i++) {
      ProductTotals t = expected.get(i);
      done.setProperty("expected." + i + ".product", t.product());
      done.setProperty("expected." + i + ".sumAmount", Double.toString(t.sumAmount()));
      done.setProperty("expected." + i + ".count", Long.toString(t.count()));
    }
    try (OutputStream out = Files.newOutputStream(manifest)) {
      done.store(out, "Tideline benchmark order lines; written by io.tideline.bench.DataGen");
    }
    return new OrdersDataset(dir, records, files, total, expected);
  }

  private static OrdersDataset readIfComplete(Path dir, Path manifest, Properties wanted)
      throws IOException {
    if (!Files.isRegularFile(manifest)) {
      return null;
    }
    Properties found = new Properties();
    try (InputStream in = Files.newInputStream(manifest)) {
      found.load(in);
    }
    for (String key : wanted.stringPropertyNames()) {
      if (!Objects.equals(wanted.getProperty(key), found.getProperty(key))) {
        return null;
      }
    }
    int files = Integer.parseInt(found.getProperty("files"));
    long total = 0;
    for (int f = 0; f < files; f++) {
      Path file = dir.resolve(fileName(f));
      String bytes = found.getProperty("file." + f + ".bytes");
      if (bytes == null
          || !Files.isRegularFile(file)
          || Files.size(file) != Long.parseLong(bytes)) {
        return null;
      }
      total += Long.parseLong(bytes);
    }
    List<ProductTotals> expected = new ArrayList<>();
    for (int i = 0; found.getProperty("expected." + i + ".product") != null; i++) {
      expected.add(
          new ProductTotals(
              found.getProperty("expected." + i + ".product"),
              Double.parseDouble(found.getProperty("expected." + i + ".sumAmount")),
              Long.parseLong(found.getProperty("expected." + i + ".count"))));
    }
    return new OrdersDataset(
        dir, Long.parseLong(found.getProperty("records")), files, total, List.copyOf(expected));
  }

  private static Properties parameters(long records, int files, long seed) {
    Properties p = new Properties();
    p.setProperty("generatorVersion", Integer.toString(GENERATOR_VERSION));
    p.setProperty("records", Long.toString(records));
    p.setProperty("files", Integer.toString(files));
    p.setProperty("seed", Long.toString(seed));
    return p;
  }

  static String fileName(int index) {
    return String.format(Locale.ROOT, "orders-%05d.json", index);
  }
}
