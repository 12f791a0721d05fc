package io.tideline.internal.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.tideline.Tideline;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables Tideline writes are read by Delta Kernel's own reader (its log replay and its Parquet
 * reader, which checks Parquet physical types against the Delta schema) with the same values: the
 * check, within this module, that the data files are what a Delta reader expects.
 */
class KernelReadBackTest {
  private static Tideline t;
  @TempDir Path dir;

  @BeforeAll
  static void open() {
    t = Tideline.builder().appName("kernel-read-back").getOrCreate();
  }

  @AfterAll
  static void close() {
    t.close();
  }

  @Test
  void everyTypeWrittenByTideline_readsBackThroughKernelsReader() throws Exception {
    io.tideline.types.StructType schema =
        io.tideline.types.StructType.fromDDL(
            "i INT, l BIGINT, d DOUBLE, s STRING, b BOOLEAN, dt DATE, ts TIMESTAMP,"
                + " dec DECIMAL(10,2), arr ARRAY<INT>, st STRUCT<x: INT, y: STRING>, p STRING");
    Instant ts = Instant.parse("2026-11-26T10:15:30.123456Z");
    List<io.tideline.Row> rows =
        List.of(
            io.tideline.Row.of(
                1,
                2L,
                3.5,
                "é",
                true,
                LocalDate.of(2026, 11, 26),
                ts,
                new BigDecimal("12.34"),
                List.of(1, 2),
                io.tideline.Row.of(7, "z"),
                "a"),
            io.tideline.Row.of(null, null, null, null, null, null, null, null, null, null, null));
    String path = dir.resolve("t").toString();
    t.createDataFrame(rows, schema).write().format("delta").option("partitionBy", "p").save(path);

    List<String> read = readWithKernel(DeltaTable.at(path), KernelReadBackTest::render);

    assertThat(read)
        .containsExactlyInAnyOrder(
            "1|2|3.5|é|true|"
                + LocalDate.of(2026, 11, 26).toEpochDay()
                + "|"
                + (ts.getEpochSecond() * 1_000_000 + 123_456)
                + "|12.34|[1, 2]|7/z|a",
            "null|null|null|null|null|null|null|null|null|null|null");
  }

  /** Every row of the table, read by Kernel's own Parquet reader, rendered by {@code render}. */
  static List<String> readWithKernel(DeltaTable table, Function<Row, String> render)
      throws Exception {
    Engine engine = table.engine();
    Snapshot snapshot = table.latestOrFail();
    Scan scan = snapshot.getScanBuilder().build();
    Row scanState = scan.getScanState(engine);
    StructType schema = snapshot.getSchema();
    StructType physical = new StructType();
    for (StructField f : schema.fields()) {
      if (!snapshot.getPartitionColumnNames().contains(f.getName())) {
        physical = physical.add(f);
      }
    }
    List<String> out = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (CloseableIterator<Row> scanFiles = files.next().getRows()) {
          while (scanFiles.hasNext()) {
            Row scanFile = scanFiles.next();
            FileStatus status = InternalScanFileUtils.getAddFileStatus(scanFile);
            CloseableIterator<ColumnarBatch> data =
                engine
                    .getParquetHandler()
                    .readParquetFiles(singleton(status), physical, Optional.empty())
                    .map(FileReadResult::getData);
            try (CloseableIterator<FilteredColumnarBatch> logical =
                Scan.transformPhysicalData(engine, scanState, scanFile, data)) {
              while (logical.hasNext()) {
                try (CloseableIterator<Row> rows = logical.next().getRows()) {
                  while (rows.hasNext()) {
                    out.add(render.apply(rows.next()));
                  }
                }
              }
            }
          }
        }
      }
    }
    return out;
  }

  private static String render(Row r) {
    List<String> v = new ArrayList<>();
    v.add(r.isNullAt(0) ? "null" : Integer.toString(r.getInt(0)));
    v.add(r.isNullAt(1) ? "null" : Long.toString(r.getLong(1)));
    v.add(r.isNullAt(2) ? "null" : Double.toString(r.getDouble(2)));
    v.add(r.isNullAt(3) ? "null" : r.getString(3));
    v.add(r.isNullAt(4) ? "null" : Boolean.toString(r.getBoolean(4)));
    v.add(r.isNullAt(5) ? "null" : Integer.toString(r.getInt(5)));
    v.add(r.isNullAt(6) ? "null" : Long.toString(r.getLong(6)));
    v.add(r.isNullAt(7) ? "null" : r.getDecimal(7).toPlainString());
    if (r.isNullAt(8)) {
      v.add("null");
    } else {
      ArrayValue a = r.getArray(8);
      List<Integer> items = new ArrayList<>();
      for (int i = 0; i < a.getSize(); i++) {
        items.add(a.getElements().getInt(i));
      }
      v.add(items.toString());
    }
    v.add(r.isNullAt(9) ? "null" : r.getStruct(9).getInt(0) + "/" + r.getStruct(9).getString(1));
    v.add(r.isNullAt(10) ? "null" : r.getString(10));
    return String.join("|", v);
  }

  private static <T> CloseableIterator<T> singleton(T value) {
    return new CloseableIterator<>() {
      private boolean done;

      @Override
      public boolean hasNext() {
        return !done;
      }

      @Override
      public T next() {
        done = true;
        return value;
      }

      @Override
      public void close() {}
    };
  }
}
