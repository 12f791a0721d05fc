package io.tideline.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The Parquet benchmark's two writers produce files that Delta Kernel's own Parquet reader reads as
 * the same rows: the bronze rows the Delta sink writes, through the columnar path and the row path.
 */
class ParquetWriteBenchmarkTest {
  private static final StructType BRONZE =
      new StructType()
          .add("order_id", StringType.STRING)
          .add("customer_id", StringType.STRING)
          .add("product", StringType.STRING)
          .add("amount", DoubleType.DOUBLE)
          .add("order_time", TimestampType.TIMESTAMP)
          .add("kafka_timestamp", TimestampType.TIMESTAMP);

  @Test
  void columnarAndRowFiles_readBackThroughKernelsReaderAsTheSameRows() throws Exception {
    List<String> columnar = writeAndReadWithKernel("columnar");
    List<String> row = writeAndReadWithKernel("row");
    assertThat(columnar).hasSize(5000).doesNotContainNull().isEqualTo(row);
    assertThat(columnar.get(0)).doesNotContain("null");
  }

  private static List<String> writeAndReadWithKernel(String writer) throws Exception {
    ParquetWriteBenchmark state = new ParquetWriteBenchmark();
    state.rows = 5000;
    state.writer = writer;
    state.dictionary = "true";
    state.setUp();
    try {
      state.write();
      Path file;
      try (var files = Files.list(state.outputFolder())) {
        file = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
      }
      return readWithKernel(file);
    } finally {
      state.tearDown();
    }
  }

  private static List<String> readWithKernel(Path file) throws Exception {
    Engine engine = DefaultEngine.create(new Configuration());
    File f = file.toFile();
    FileStatus status = FileStatus.of(f.toURI().toString(), f.length(), f.lastModified());
    List<String> out = new ArrayList<>();
    try (CloseableIterator<FileReadResult> results =
        engine.getParquetHandler().readParquetFiles(single(status), BRONZE, Optional.empty())) {
      while (results.hasNext()) {
        ColumnarBatch batch = results.next().getData();
        for (int r = 0; r < batch.getSize(); r++) {
          StringBuilder line = new StringBuilder();
          for (int c = 0; c < BRONZE.length(); c++) {
            ColumnVector v = batch.getColumnVector(c);
            Object value;
            if (v.isNullAt(r)) {
              value = "null";
            } else if (c < 3) {
              value = v.getString(r);
            } else if (c == 3) {
              value = v.getDouble(r);
            } else {
              value = v.getLong(r);
            }
            line.append(value).append('|');
          }
          out.add(line.toString());
        }
      }
    }
    return out;
  }

  private static <T> CloseableIterator<T> single(T value) {
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
