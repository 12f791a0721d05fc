package io.tideline.internal.json;

import io.tideline.internal.datasource.FileSplit;
import io.tideline.internal.vector.Batch;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

class ScratchScan {
  @Test
  @EnabledIfSystemProperty(named = "tideline.measure", matches = "true")
  void measure() throws Exception {
    Path dir = Path.of("/work/wt/jsonfast/tideline-bench/target/bench-data/orders-2000000");
    StructType schema =
        new StructType().add("product", DataTypes.StringType).add("amount", DataTypes.DoubleType);
    JsonOptions o = new JsonOptions(Map.of(), ZoneOffset.UTC);
    for (int round = 0; round < 6; round++) {
      long bytes = 0;
      long t0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      for (int f = 0; f < 8; f++) {
        Path p = dir.resolve(String.format("orders-%05d.json", f));
        long size = Files.size(p);
        bytes += size;
        try (LineReader r = new LineReader(p, 0, size, null)) {
          while (r.next()) {}
        }
      }
      long t1 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      long rows = 0;
      for (int f = 0; f < 8; f++) {
        Path p = dir.resolve(String.format("orders-%05d.json", f));
        long size = Files.size(p);
        try (JsonLinesReader r =
            new JsonLinesReader(new FileSplit(p, 0, size, size), schema, o, 4096, true)) {
          Batch b;
          while ((b = r.next()) != null) rows += b.numRows();
        }
      }
      long t2 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      FastRecordScanner fs = FastRecordScanner.forSchema(schema, o, -1);
      io.tideline.internal.vector.StructVector out =
          new io.tideline.internal.vector.StructVector(schema, 4096);
      long hits = 0;
      for (int f = 0; f < 8; f++) {
        Path p = dir.resolve(String.format("orders-%05d.json", f));
        long size = Files.size(p);
        try (LineReader r = new LineReader(p, 0, size, null)) {
          int row = 0;
          while (r.next()) {
            if (row == 4096) {
              out.reset();
              row = 0;
            }
            if (fs.decode(r.buffer(), r.lineStart(), r.lineStart() + r.lineLength(), out, row++))
              hits++;
          }
        }
      }
      long t3 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      System.out.printf("scanner only %.0f MB/s hits %d%n", bytes / 1e6 / ((t3 - t2) / 1e9), hits);
      System.out.printf(
          "lines %.0f MB/s, reader %.0f MB/s (%d rows)%n",
          bytes / 1e6 / ((t1 - t0) / 1e9), bytes / 1e6 / ((t2 - t1) / 1e9), rows);
    }
  }
}
