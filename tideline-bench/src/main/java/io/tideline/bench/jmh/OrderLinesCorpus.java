package io.tideline.bench.jmh;

import io.tideline.bench.DataGen;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The benchmark's order lines held in memory, so micro-benchmarks measure parsing, not disks. */
public final class OrderLinesCorpus {
  private OrderLinesCorpus() {}

  /** The first {@code lines} order lines of the benchmark data set, as one UTF-8 buffer. */
  public static byte[] of(int lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(lines * 128);
    try {
      DataGen.writeLines(DataGen.DEFAULT_SEED, 0, lines, out);
    } catch (IOException e) {
      throw new UncheckedIOException("Bug in Tideline: writing to memory failed", e);
    }
    return out.toByteArray();
  }
}
