package io.tideline.bench.jmh;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.FileFormat;
import io.tideline.internal.datasource.FileFormats;
import io.tideline.internal.datasource.FileSplit;
import io.tideline.internal.exec.BatchIterator;
import io.tideline.internal.vector.Batch;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Tideline's JSON reader turning order lines into column vectors, one thread, in MB/s per core;
 * compare with {@link JacksonBaselineBenchmark} on the same lines.
 *
 * <p>Reads one file of order lines (in the page cache after the first iteration) through the json
 * {@link FileFormat} as one split, with either every column or only the two the benchmark query
 * needs ({@code product, amount}), the case where a reader can skip values it does not return.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
@Threads(1)
public class JsonToColumnsBenchmark {
  private static final StructType ORDER_SCHEMA =
      StructType.fromDDL(
          "order_id STRING, customer_id STRING, product STRING, amount DOUBLE, order_time"
              + " TIMESTAMP");

  @Param({"100000"})
  public int lines;

  @Param({"all", "product,amount"})
  public String columns;

  private final TidelineConf conf = new TidelineConf();
  private FileFormat json;
  private Path file;
  private FileSplit split;
  private StructType required;

  @Setup
  public void setUp() throws IOException {
    json = FileFormats.find("json");
    file = Files.createTempFile("tideline-jmh-orders", ".json");
    Files.write(file, OrderLinesCorpus.of(lines));
    long length = Files.size(file);
    split = new FileSplit(file, 0, length, length);
    required = columns.equals("all") ? ORDER_SCHEMA : project(ORDER_SCHEMA, columns.split(","));
  }

  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
  }

  @Benchmark
  public void readAll(BytesCounter counter, Blackhole bh) throws IOException {
    try (BatchIterator batches = json.open(split, ORDER_SCHEMA, required, Map.of(), conf)) {
      Batch batch;
      while ((batch = batches.next()) != null) {
        bh.consume(batch.column(0));
        bh.consume(batch.size());
      }
    }
    counter.bytes += split.length();
  }

  private static StructType project(StructType schema, String[] names) {
    List<StructField> fields = new ArrayList<>();
    for (String name : names) {
      for (StructField f : schema.fields()) {
        if (f.name().equals(name)) {
          fields.add(f);
        }
      }
    }
    return new StructType(fields);
  }
}
