package io.tideline.internal.exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * HyperLogLog++ sketches as Spark's {@code approx_count_distinct} keeps them, so estimates equal
 * Spark's: precision {@code p = ceil(2 log2(1.106 / rsd))}, {@code 2^p} registers of 6 bits packed
 * ten to a long ({@code m/10 + 1} words per sketch), a register's value the number of leading zeros
 * of the hash bits after the index plus one, and the estimate with linear counting below Spark's
 * thresholds and the paper's k-nearest-neighbour bias correction (k = 6) below {@code 5m}.
 *
 * <p>Sketches of many groups live in one long array, {@link #numWords()} words per group.
 */
final class HyperLogLogPlusPlus {
  private static final int REGISTER_SIZE = 6;
  private static final int REGISTERS_PER_WORD = 64 / REGISTER_SIZE;
  private static final long REGISTER_MASK = (1L << REGISTER_SIZE) - 1;
  private static final int K = 6;
  private static final double[] THRESHOLDS = {
    10, 20, 40, 80, 220, 400, 900, 1800, 3100, 6500, 15500, 20000, 50000, 120000, 350000
  };
  private static final double[][][] BIAS_TABLES = loadBiasTables();

  private final int p;
  private final int m;
  private final int numWords;
  private final double alphaM2;

  HyperLogLogPlusPlus(double relativeSd) {
    this.p = (int) Math.ceil(2.0d * Math.log(1.106d / relativeSd) / Math.log(2.0d));
    if (p < 4) {
      throw new IllegalArgumentException(
          "approx_count_distinct needs a relative standard deviation of at most 0.39, not "
              + relativeSd);
    }
    this.m = 1 << p;
    this.numWords = m / REGISTERS_PER_WORD + 1;
    this.alphaM2 =
        switch (p) {
          case 4 -> 0.673d * m * m;
          case 5 -> 0.697d * m * m;
          case 6 -> 0.709d * m * m;
          default -> (0.7213d / (1.0d + 1.079d / m)) * m * m;
        };
  }

  int numWords() {
    return numWords;
  }

  /** Adds a value, given as its 64-bit hash, to the sketch starting at {@code words[base]}. */
  void add(long[] words, int base, long hash) {
    int idx = (int) (hash >>> (64 - p));
    long pw = Long.numberOfLeadingZeros((hash << p) | (1L << (p - 1))) + 1L;
    int wordOffset = idx / REGISTERS_PER_WORD;
    int shift = REGISTER_SIZE * (idx - wordOffset * REGISTERS_PER_WORD);
    long word = words[base + wordOffset];
    long mask = REGISTER_MASK << shift;
    if (pw > ((word & mask) >>> shift)) {
      words[base + wordOffset] = (word & ~mask) | (pw << shift);
    }
  }

  /** Merges a sketch word by word (register-wise maximum) into {@code words[base]}. */
  void mergeWord(long[] words, int index, long other) {
    long word = words[index];
    long merged = 0;
    long mask = REGISTER_MASK;
    for (int i = 0; i < REGISTERS_PER_WORD; i++) {
      merged |= Math.max(word & mask, other & mask);
      mask <<= REGISTER_SIZE;
    }
    words[index] = merged;
  }

  /** The cardinality estimate of the sketch at {@code words[base]}. */
  long estimate(long[] words, int base) {
    double zInverse = 0;
    double zeros = 0;
    int idx = 0;
    for (int w = 0; w < numWords; w++) {
      long word = words[base + w];
      for (int i = 0; idx < m && i < REGISTERS_PER_WORD; i++, idx++) {
        long register = (word >>> (i * REGISTER_SIZE)) & REGISTER_MASK;
        zInverse += 1.0 / (1L << register);
        if (register == 0) {
          zeros += 1;
        }
      }
    }
    double e = alphaM2 / zInverse;
    double estimate;
    if (zeros > 0) {
      double h = m * Math.log(m / zeros);
      estimate = ((p < 19 && h <= THRESHOLDS[p - 4]) || e <= 2.5 * m) ? h : biasCorrected(e);
    } else {
      estimate = biasCorrected(e);
    }
    return Math.round(estimate);
  }

  private double biasCorrected(double e) {
    return p < 19 && e < 5.0d * m ? e - estimateBias(e) : e;
  }

  private double estimateBias(double e) {
    double[] estimates = BIAS_TABLES[p - 4][0];
    double[] biases = BIAS_TABLES[p - 4][1];
    int n = estimates.length;
    int nearest = Arrays.binarySearch(estimates, 0, n, e);
    if (nearest < 0) {
      nearest = -(nearest + 1);
    }
    int low = Math.max(nearest - K + 1, 0);
    int high = Math.min(low + K, n);
    while (high < n && distance(e, estimates[high]) < distance(e, estimates[low])) {
      low++;
      high++;
    }
    double sum = 0;
    for (int i = low; i < high; i++) {
      sum += biases[i];
    }
    return sum / (high - low);
  }

  private static double distance(double e, double estimate) {
    double d = e - estimate;
    return d * d;
  }

  /** Reads the paper's raw-estimate and bias tables for precisions 4 to 18 from the resource. */
  private static double[][][] loadBiasTables() {
    double[][][] tables = new double[15][2][];
    try (InputStream in = HyperLogLogPlusPlus.class.getResourceAsStream("hllpp-bias.txt")) {
      if (in == null) {
        throw ExecErrors.bug("the HyperLogLog++ bias tables are missing from the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.trim().split(" ");
        int precision = Integer.parseInt(parts[1]);
        double[] values = new double[parts.length - 2];
        for (int i = 2; i < parts.length; i++) {
          values[i - 2] = Double.parseDouble(parts[i]);
        }
        tables[precision - 4][parts[0].equals("raw") ? 0 : 1] = values;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tables;
  }
}
